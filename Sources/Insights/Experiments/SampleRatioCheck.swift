/// Sample ratio mismatch (SRM): a chi-square goodness-of-fit test of the units each variant
/// received against its planned weight (gbstats `check_srm`). A mismatch (p < 0.001) means the
/// assignment is broken and the experiment's comparisons should not be trusted.
public struct SampleRatioCheck: Sendable, Equatable {
    /// Σ (observed − expected)² / expected over variants with positive weight.
    public var statistic: Double
    /// P(χ²(variants − 1) > statistic); 1 when there is nothing to test.
    public var pValue: Double
    /// pValue < `threshold`.
    public var mismatch: Bool

    /// The p-value below which the split is flagged.
    public static let threshold = 0.001

    public init(statistic: Double, pValue: Double) {
        self.statistic = statistic
        self.pValue = pValue
        self.mismatch = pValue < Self.threshold
    }

    /// Tests units against weights (normalised by their sum). Variants with weight ≤ 0 add
    /// nothing to the statistic but still count toward the degrees of freedom, as in gbstats.
    /// Fewer than two variants, mismatched lengths, no units or no positive weight: statistic 0,
    /// p-value 1.
    public static func test(units: [Int], weights: [Double]) -> SampleRatioCheck {
        let total = units.reduce(0, +)
        let totalWeight = weights.reduce(0, +)
        guard units.count >= 2, units.count == weights.count, total > 0,
              totalWeight > 0, totalWeight.isFinite else {
            return SampleRatioCheck(statistic: 0, pValue: 1)
        }
        var x = 0.0
        for (observed, weight) in zip(units, weights) where weight > 0 {
            let expected = weight / totalWeight * Double(total)
            let d = Double(observed) - expected
            x += d * d / expected
        }
        let p = ChiSquaredDistribution(degreesOfFreedom: Double(units.count - 1)).survival(x)
        return SampleRatioCheck(statistic: x, pValue: p)
    }
}
