/// Turns a value into display text (axis ticks, value labels). Pages pass their own
/// locale-aware formatter (money such as "¥1,234", percentages, …).
typealias ChartFormatter = @Sendable (Double) -> String

/// Locale-independent default formatters and the fixed-decimal writer used for SVG numbers.
enum ValueFormat {
    /// Plain number without grouping: up to 2 decimals (4 below 1), trailing zeros trimmed.
    static let plain: ChartFormatter = { value in
        decimal(value, maxDecimals: abs(value) < 1 ? 4 : 2)
    }

    /// A fraction shown as a percentage with up to one decimal: 0.125 → "12.5%".
    static let percent: ChartFormatter = { value in
        value.isFinite ? decimal(value * 100, maxDecimals: 1) + "%" : ""
    }

    /// Writes `value` rounded to at most `maxDecimals` decimals, trimming trailing zeros.
    /// Deterministic and locale-free; never returns "-0". Non-finite values give "".
    static func decimal(_ value: Double, maxDecimals: Int) -> String {
        guard value.isFinite else { return "" }
        let decimals = min(max(maxDecimals, 0), 6)
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let scaled = (value * factor).rounded()
        guard abs(scaled) < 1e15 else {
            return abs(value) < 9e18 ? String(Int64(value.rounded())) : "\(value)"
        }
        var digits = String(Int64(abs(scaled)))
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            let whole = digits.dropLast(decimals)
            var fraction = digits.suffix(decimals)
            while fraction.last == "0" { fraction = fraction.dropLast() }
            digits = fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
        }
        return (scaled < 0 ? "-" : "") + digits
    }
}
