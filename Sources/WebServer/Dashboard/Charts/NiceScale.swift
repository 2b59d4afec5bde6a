import Foundation

/// A linear axis scale with "nice" ticks: steps of 1, 2 or 5 × 10ⁿ, aiming for 4–6 ticks.
/// The first and last tick are the domain, so the data always fits inside.
struct NiceScale: Sendable, Equatable {
    /// Tick values in ascending order; always at least two and always finite.
    let ticks: [Double]

    var lower: Double { ticks[0] }
    var upper: Double { ticks[ticks.count - 1] }

    /// - Parameter includeZero: extend the domain to 0 (bar charts, totals).
    init(min: Double, max: Double, includeZero: Bool = false) {
        var lo = Swift.min(min, max), hi = Swift.max(min, max)
        if !lo.isFinite || !hi.isFinite { (lo, hi) = (0, 1) }
        lo = Swift.max(lo, -1e300)
        hi = Swift.min(hi, 1e300)
        if includeZero {
            lo = Swift.min(lo, 0)
            hi = Swift.max(hi, 0)
        }
        if hi - lo <= Swift.max(abs(lo), abs(hi)) * 1e-9 {
            // Flat data: 0…1 for all zeros, otherwise ±50 % around the value.
            let pad = Swift.max(abs(hi), abs(lo)) * 0.5
            (lo, hi) = pad == 0 ? (0, 1) : (lo - pad, hi + pad)
        }
        ticks = Self.niceTicks(lo: lo, hi: hi)
    }

    /// Position of `value` in the domain: 0 at `lower`, 1 at `upper` (not clamped).
    func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    /// Tries 1-2-5 steps around range/5 and keeps the first with 4–6 ticks (or the closest).
    private static func niceTicks(lo: Double, hi: Double) -> [Double] {
        let exponent = Int(floor(log10((hi - lo) / 5)))
        var best: (penalty: Int, ticks: [Double])?
        for e in (exponent - 1)...(exponent + 1) {
            for mantissa in [1, 2, 5] {
                let ticks = ticks(lo: lo, hi: hi, mantissa: mantissa, exponent: e)
                let penalty = ticks.count < 4 ? 4 - ticks.count : Swift.max(ticks.count - 6, 0)
                if penalty < (best?.penalty ?? .max) { best = (penalty, ticks) }
            }
        }
        guard let best, best.ticks.count >= 2 else { return [lo, hi] }
        return best.ticks
    }

    /// Multiples of `mantissa`·10^`exponent` covering lo…hi. Computed as k·m / 10ⁿ
    /// so that values such as 0.3 come out exact rather than 0.30000000000000004.
    private static func ticks(lo: Double, hi: Double, mantissa: Int, exponent: Int) -> [Double] {
        let power = pow(10, Double(abs(exponent)))
        let step = exponent < 0 ? Double(mantissa) / power : Double(mantissa) * power
        let first = (lo / step + 1e-9).rounded(.down)
        let last = (hi / step - 1e-9).rounded(.up)
        guard last - first < 1000, first.magnitude < 1e15, last.magnitude < 1e15 else { return [] }
        return (Int(first)...Int(last)).map { k in
            let multiple = Double(k * mantissa)
            return exponent < 0 ? multiple / power : multiple * power
        }
    }
}
