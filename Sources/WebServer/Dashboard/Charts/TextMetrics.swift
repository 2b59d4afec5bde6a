/// Rough text measurement for layout (the server cannot measure fonts): Latin ≈ 0.6em,
/// CJK and other wide characters ≈ 1em.
enum TextMetrics {
    static func width(of text: String, fontSize: Double = 12) -> Double {
        text.unicodeScalars.reduce(0.0) { $0 + ($1.value >= 0x2E80 ? 1.0 : 0.6) } * fontSize
    }

    /// Widest of `texts`, or 0 when empty.
    static func maxWidth(of texts: [String], fontSize: Double = 12) -> Double {
        texts.map { width(of: $0, fontSize: fontSize) }.max() ?? 0
    }

    /// `text` shortened with "…" so it fits `maxWidth`.
    static func truncated(_ text: String, maxWidth: Double, fontSize: Double = 12) -> String {
        guard width(of: text, fontSize: fontSize) > maxWidth else { return text }
        var result = ""
        var used = width(of: "…", fontSize: fontSize)
        for character in text {
            let w = width(of: String(character), fontSize: fontSize)
            if used + w > maxWidth { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// Draw every n-th category label so that at most `maxLabels` are drawn.
    static func labelStride(count: Int, maxLabels: Int) -> Int {
        let maxLabels = max(maxLabels, 1)
        return max(1, (count + maxLabels - 1) / maxLabels)
    }

    /// Like `labelStride(count:maxLabels:)`, also spacing labels (up to 120 pt wide) so
    /// that neighbours `spacing` apart do not overlap.
    static func labelStride(labels: [String], maxLabels: Int, spacing: Double) -> Int {
        let needed = min(maxWidth(of: labels), 120) + 8
        let fit = spacing > 0 ? Int((needed / spacing).rounded(.up)) : 1
        return max(labelStride(count: labels.count, maxLabels: maxLabels), fit)
    }
}
