/// Multiple-comparison adjustment of p-values, as statsmodels `multipletests` computes them
/// (methods "holm" and "fdr_bh").
public enum PValueAdjustment: String, Sendable, CaseIterable {
    /// Holm's step-down method: controls the family-wise error rate.
    case holm
    /// Benjamini–Hochberg: controls the false discovery rate.
    case benjaminiHochberg = "bh"

    /// The adjusted p-values, in the input's order. Inputs are clamped to [0, 1] (NaN counts as 1).
    public func adjust(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        guard m > 0 else { return [] }
        let p = pValues.map { $0.isNaN ? 1 : min(1, max(0, $0)) }
        let order = p.indices.sorted { p[$0] < p[$1] }
        var adjusted = [Double](repeating: 0, count: m)
        switch self {
        case .holm:
            // max over j ≤ i of (m − j)·p₍ⱼ₎, capped at 1.
            var running = 0.0
            for (rank, index) in order.enumerated() {
                running = max(running, Double(m - rank) * p[index])
                adjusted[index] = min(1, running)
            }
        case .benjaminiHochberg:
            // min over j ≥ i of m·p₍ⱼ₎/(j + 1), capped at 1.
            var running = Double.infinity
            for (rank, index) in order.enumerated().reversed() {
                running = min(running, Double(m) * p[index] / Double(rank + 1))
                adjusted[index] = min(1, running)
            }
        }
        return adjusted
    }
}
