/// Bar chart: one bar per category and series (a second series works as a comparison,
/// e.g. last period). Horizontal (labels on the left; channels, SKUs) or vertical.
/// Negative values extend left/down from the zero line; value labels sit at bar ends.
///
///     BarChart(title: "Sales by channel", summary: "Web leads with 54%.",
///              labels: channels, series: [ChartSeries(name: "Sales", values: sales)],
///              orientation: .horizontal, format: money).svg
struct BarChart: Sendable {
    enum Orientation: Sendable { case horizontal, vertical }

    let title: String
    let summary: String
    let labels: [String]
    let series: [ChartSeries]
    var orientation: Orientation = .horizontal
    var format: ChartFormatter = ValueFormat.plain
    var emptyText = "No data"
    var width = 640.0
    /// Vertical charts only; horizontal charts grow with the number of categories.
    var height = 280.0

    var svg: String {
        let values = series.flatMap { $0.presentValues(limit: labels.count) }
        guard let low = values.min(), let high = values.max() else {
            return ChartDocument.empty(kind: "bar", title: title, summary: summary, text: emptyText)
        }
        let scale = NiceScale(min: low, max: high, includeZero: true)
        let legend = ChartLegend(names: series.count > 1 ? series.map(\.name) : [], maxWidth: width - 24)
        let layout = Layout(
            scale: scale, legend: legend, legendSpace: legend.height > 0 ? legend.height + 8 : 0,
            valueWidth: TextMetrics.maxWidth(of: values.map(format), fontSize: 11) + 6,
            hasNegative: low < 0, hasPositive: high > 0)
        switch orientation {
        case .horizontal: return horizontal(layout)
        case .vertical: return vertical(layout)
        }
    }

    /// Values shared by both orientations.
    private struct Layout {
        let scale: NiceScale
        let legend: ChartLegend
        let legendSpace: Double
        let valueWidth: Double
        let hasNegative: Bool
        let hasPositive: Bool
    }

    private func horizontal(_ l: Layout) -> String {
        let barThickness = series.count == 1 ? 18.0 : 12.0
        let band = barThickness * Double(series.count) + 12
        let labelWidth = min(TextMetrics.maxWidth(of: labels), max(60, width * 0.3))
        let left = 8 + labelWidth + 8 + (l.hasNegative ? l.valueWidth : 0)
        let right = (l.hasPositive ? l.valueWidth : 0) + 12
        let top = 8 + l.legendSpace
        let plot = PlotArea(left: left, top: top, width: width - left - right, height: band * Double(labels.count))
        let totalHeight = plot.bottom + 26
        let zero = plot.x(0, on: l.scale)

        var b = SVGBuilder()
        l.legend.draw(x: 8, y: 8, into: &b)
        plot.drawXGrid(l.scale, format: format, into: &b)
        for (i, label) in labels.enumerated() {
            let bandTop = plot.top + Double(i) * band
            let text = TextMetrics.truncated(label, maxWidth: labelWidth)
            b.element("text", [
                "class": "label category-label", "x": .num(8 + labelWidth), "y": .num(bandTop + band / 2 + 4),
                "text-anchor": "end", "fill": .text(ChartPalette.text),
            ], text: text, tooltip: text == label ? nil : label)
            for (j, line) in series.enumerated() {
                guard i < line.values.count, let value = line.values[i] else { continue }
                let end = plot.x(value, on: l.scale)
                let y = bandTop + 6 + Double(j) * barThickness
                drawBar(
                    x: min(zero, end), y: y, width: abs(end - zero), height: barThickness - 2,
                    series: j, tooltip: tooltip(label, line, value), into: &b)
                b.element("text", [
                    "class": "label value-label", "x": .num(value < 0 ? end - 4 : end + 4),
                    "y": .num(y + barThickness / 2 + 3), "text-anchor": .text(value < 0 ? "end" : "start"),
                    "font-size": 11, "fill": .text(ChartPalette.text),
                ], text: format(value))
            }
        }
        plot.drawLine(x1: zero, y1: plot.top, x2: zero, y2: plot.bottom, className: "axis zero-line", into: &b)
        return ChartDocument.render(
            kind: "bar", title: title, summary: summary, width: width, height: totalHeight, body: b,
            extraClass: "chart-bar-horizontal")
    }

    private func vertical(_ l: Layout) -> String {
        let left = PlotArea.tickLabelWidth(l.scale, format: format) + 14
        let top = 8 + l.legendSpace + 16
        let bottom = 28 + (l.hasNegative ? 14.0 : 0)
        let plot = PlotArea(left: left, top: top, width: width - left - 12, height: height - top - bottom)
        let band = plot.width / Double(labels.count)
        let group = band * 0.7
        let barWidth = group / Double(series.count)
        let showValues = l.valueWidth <= barWidth + 8
        let zero = plot.y(0, on: l.scale)

        var b = SVGBuilder()
        l.legend.draw(x: left, y: 8, into: &b)
        plot.drawYGrid(l.scale, format: format, into: &b)
        let stride = TextMetrics.labelStride(labels: labels, maxLabels: 12, spacing: band)
        for (i, label) in labels.enumerated() {
            let bandLeft = plot.left + Double(i) * band
            if i % stride == 0 {
                let text = TextMetrics.truncated(label, maxWidth: max(30, Double(stride) * band - 8))
                b.element("text", [
                    "class": "label category-label", "x": .num(bandLeft + band / 2), "y": .num(height - 10),
                    "text-anchor": "middle", "fill": .text(ChartPalette.text),
                ], text: text, tooltip: text == label ? nil : label)
            }
            for (j, line) in series.enumerated() {
                guard i < line.values.count, let value = line.values[i] else { continue }
                let end = plot.y(value, on: l.scale)
                let x = bandLeft + (band - group) / 2 + Double(j) * barWidth
                drawBar(
                    x: x, y: min(zero, end), width: max(barWidth - 1, 1), height: abs(end - zero),
                    series: j, tooltip: tooltip(label, line, value), into: &b)
                if showValues {
                    b.element("text", [
                        "class": "label value-label", "x": .num(x + barWidth / 2),
                        "y": .num(value < 0 ? end + 13 : end - 4), "text-anchor": "middle",
                        "font-size": 11, "fill": .text(ChartPalette.text),
                    ], text: format(value))
                }
            }
        }
        plot.drawLine(x1: plot.left, y1: zero, x2: plot.right, y2: zero, className: "axis zero-line", into: &b)
        return ChartDocument.render(
            kind: "bar", title: title, summary: summary, width: width, height: height, body: b,
            extraClass: "chart-bar-vertical")
    }

    private func drawBar(
        x: Double, y: Double, width: Double, height: Double, series index: Int, tooltip: String,
        into b: inout SVGBuilder
    ) {
        b.element("rect", [
            "class": .text("bar \(ChartPalette.seriesClass(index))"),
            "x": .num(x), "y": .num(y), "width": .num(width), "height": .num(height),
            "fill": .text(ChartPalette.seriesColor(index)),
        ], tooltip: tooltip)
    }

    private func tooltip(_ label: String, _ line: ChartSeries, _ value: Double) -> String {
        series.count > 1 ? "\(label) · \(line.name): \(format(value))" : "\(label): \(format(value))"
    }
}
