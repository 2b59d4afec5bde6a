/// Conversion funnel: one centred bar per ordered step, its width proportional to the
/// step's count relative to the first (largest) step. The previous step's width is drawn
/// faintly behind each bar so the drop-off is visible; the right column shows the count
/// and the conversion from the previous and from the first step.
///
///     FunnelChart(title: "Checkout funnel", summary: "3.1% of visitors paid.",
///                 steps: [.init(name: "Visit", count: 12000), .init(name: "Paid", count: 372)],
///                 format: integer, percentFormat: percent).svg
struct FunnelChart: Sendable {
    /// One funnel step; a non-finite count is treated as missing.
    struct Step: Sendable, Equatable {
        let name: String
        let count: Double?

        init(name: String, count: Double?) {
            self.name = name
            self.count = ChartSeries.finite(count)
        }
    }

    let title: String
    let summary: String
    let steps: [Step]
    var format: ChartFormatter = ValueFormat.plain
    /// Formats a conversion ratio (0…1).
    var percentFormat: ChartFormatter = ValueFormat.percent
    /// Words after the two ratios, localised by the page.
    var previousCaption = "of previous"
    var firstCaption = "of first"
    var emptyText = "No data"
    var width = 640.0

    private static let rowHeight = 48.0
    private static let barHeight = 32.0

    var svg: String {
        let counts = steps.compactMap(\.count)
        guard let largest = counts.max() else {
            return ChartDocument.empty(kind: "funnel", title: title, summary: summary, text: emptyText)
        }
        let reference = max(steps[0].count ?? 0, largest)
        let lines = steps.indices.map { (count: countText($0), conversion: conversionText($0)) }
        let nameWidth = min(TextMetrics.maxWidth(of: steps.map(\.name)), max(60, width * 0.25))
        let statsWidth = min(
            max(TextMetrics.maxWidth(of: lines.map(\.count)), TextMetrics.maxWidth(of: lines.map(\.conversion), fontSize: 11)),
            max(80, width * 0.35))
        let barLeft = 8 + nameWidth + 12
        let barSpace = max(width - barLeft - statsWidth - 20, 40)
        let centre = barLeft + barSpace / 2
        let height = 8 + Self.rowHeight * Double(steps.count) + 8

        var b = SVGBuilder()
        for (i, step) in steps.enumerated() {
            let rowMiddle = 8 + Self.rowHeight * (Double(i) + 0.5)
            let barTop = rowMiddle - Self.barHeight / 2
            if i > 0, let previous = steps[i - 1].count {
                let ghost = barWidth(previous, reference: reference, space: barSpace)
                b.element("rect", [
                    "class": "dropoff", "x": .num(centre - ghost / 2), "y": .num(barTop),
                    "width": .num(ghost), "height": .num(Self.barHeight), "fill": .text(ChartPalette.dropOff),
                ])
            }
            if let count = step.count {
                let w = barWidth(count, reference: reference, space: barSpace)
                b.element("rect", [
                    "class": .text("bar funnel-step \(ChartPalette.seriesClass(0))"),
                    "x": .num(centre - w / 2), "y": .num(barTop), "width": .num(w), "height": .num(Self.barHeight),
                    "rx": 2, "fill": .text(ChartPalette.seriesColor(0)),
                ], tooltip: "\(step.name): \(format(count))")
            }
            let name = TextMetrics.truncated(step.name, maxWidth: nameWidth)
            b.element("text", [
                "class": "label step-label", "x": .num(8 + nameWidth), "y": .num(rowMiddle + 4),
                "text-anchor": "end", "fill": .text(ChartPalette.text),
            ], text: name, tooltip: name == step.name ? nil : step.name)
            let statsX = barLeft + barSpace + 12
            let hasConversion = !lines[i].conversion.isEmpty
            b.element("text", [
                "class": "label count-label", "x": .num(statsX), "y": .num(rowMiddle + (hasConversion ? -2 : 4)),
                "font-weight": 600, "fill": .text(ChartPalette.text),
            ], text: lines[i].count)
            if hasConversion {
                b.element("text", [
                    "class": "label conversion-label", "x": .num(statsX), "y": .num(rowMiddle + 13),
                    "font-size": 11, "fill": .text(ChartPalette.mutedText),
                ], text: lines[i].conversion)
            }
        }
        return ChartDocument.render(
            kind: "funnel", title: title, summary: summary, width: width, height: height, body: b)
    }

    private func barWidth(_ count: Double, reference: Double, space: Double) -> Double {
        reference > 0 ? max(count, 0) / reference * space : 0
    }

    private func countText(_ index: Int) -> String {
        steps[index].count.map(format) ?? "–"
    }

    /// "45% of previous · 12% of first"; empty for the first step.
    private func conversionText(_ index: Int) -> String {
        guard index > 0 else { return "" }
        let count = steps[index].count
        let previous = ratio(count, steps[index - 1].count)
        let first = ratio(count, steps[0].count)
        return "\(previous) \(previousCaption) · \(first) \(firstCaption)"
    }

    private func ratio(_ count: Double?, _ base: Double?) -> String {
        guard let count, let base, base > 0 else { return "–" }
        return percentFormat(count / base)
    }
}
