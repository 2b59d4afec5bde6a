/// Default colours. Elements also carry CSS classes (`series-N`, `grid`, …) so the site
/// stylesheet can override these presentation attributes.
enum ChartPalette {
    /// Colours for `series-0` … `series-5`.
    static let series = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0891b2"]
    static let text = "#374151"
    static let mutedText = "#6b7280"
    static let grid = "#e5e7eb"
    static let axis = "#9ca3af"
    static let dropOff = "#e5e7eb"
    static let heatLow = "#eff6ff"
    static let heatHigh = "#1e40af"
    static let darkText = "#111827"
    static let lightText = "#ffffff"

    static func seriesIndex(_ index: Int) -> Int {
        ((index % series.count) + series.count) % series.count
    }

    static func seriesClass(_ index: Int) -> String { "series-\(seriesIndex(index))" }

    static func seriesColor(_ index: Int) -> String { series[seriesIndex(index)] }

    /// Linear RGB interpolation between two `#rrggbb` colours; `t` is clamped to 0…1.
    static func interpolate(_ from: String, _ to: String, _ t: Double) -> String {
        let t = t.isFinite ? min(max(t, 0), 1) : 0
        let a = rgb(from), b = rgb(to)
        let mixed = (0..<3).map { Int((Double(a[$0]) + Double(b[$0] - a[$0]) * t).rounded()) }
        return hex(mixed)
    }

    /// Dark or light text, whichever reads better on `background`.
    static func contrastingText(on background: String) -> String {
        let c = rgb(background)
        let luminance = (0.299 * Double(c[0]) + 0.587 * Double(c[1]) + 0.114 * Double(c[2])) / 255
        return luminance > 0.55 ? darkText : lightText
    }

    private static func rgb(_ hex: String) -> [Int] {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        let value = digits.count == 6 ? Int(digits, radix: 16) ?? 0 : 0
        return [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF]
    }

    private static func hex(_ channels: [Int]) -> String {
        "#" + channels.map { c -> String in
            let s = String(min(max(c, 0), 255), radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }
}
