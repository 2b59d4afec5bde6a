/// Line chart over ordered category labels (e.g. dates) with one or more series.
/// `nil` values leave gaps; a legend appears for more than one series; at most ~8
/// x labels are drawn; `area` shades under the first series.
///
///     LineChart(title: "Revenue", summary: "Revenue rose 12% this week.",
///               labels: days, series: [ChartSeries(name: "Revenue", values: revenue)],
///               area: true, format: money).svg
struct LineChart: Sendable {
    let title: String
    let summary: String
    let labels: [String]
    let series: [ChartSeries]
    var area = false
    var format: ChartFormatter = ValueFormat.plain
    var emptyText = "No data"
    var width = 640.0
    var height = 280.0

    var svg: String {
        let count = labels.count
        let values = series.flatMap { $0.presentValues(limit: count) }
        guard let low = values.min(), let high = values.max() else {
            return ChartDocument.empty(kind: "line", title: title, summary: summary, text: emptyText)
        }
        let scale = NiceScale(min: low, max: high, includeZero: true)
        let legend = ChartLegend(names: series.count > 1 ? series.map(\.name) : [], maxWidth: width - 24)
        let legendSpace = legend.height > 0 ? legend.height + 8 : 0
        let edgeLabel = min(TextMetrics.maxWidth(of: labels), 120) / 2 + 4
        let left = max(PlotArea.tickLabelWidth(scale, format: format) + 14, edgeLabel)
        let right = max(16, edgeLabel)
        let top = 16 + legendSpace
        let plot = PlotArea(left: left, top: top, width: width - left - right, height: height - top - 28)

        var b = SVGBuilder()
        legend.draw(x: left, y: 8, into: &b)
        plot.drawYGrid(scale, format: format, into: &b)
        drawXLabels(plot: plot, into: &b)
        for (index, line) in series.enumerated() {
            drawSeries(line, index: index, plot: plot, scale: scale, into: &b)
        }
        return ChartDocument.render(
            kind: "line", title: title, summary: summary, width: width, height: height, body: b)
    }

    private func x(_ index: Int, plot: PlotArea) -> Double {
        labels.count == 1
            ? plot.left + plot.width / 2
            : plot.left + Double(index) * plot.width / Double(labels.count - 1)
    }

    private func drawXLabels(plot: PlotArea, into b: inout SVGBuilder) {
        let spacing = labels.count > 1 ? plot.width / Double(labels.count - 1) : plot.width
        let stride = TextMetrics.labelStride(labels: labels, maxLabels: 8, spacing: spacing)
        let maxWidth = max(40, Double(stride) * spacing - 8)
        b.open("g", ["class": "axis axis-x"])
        plot.drawLine(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, className: "axis-line", into: &b)
        for index in Swift.stride(from: 0, to: labels.count, by: stride) {
            let text = TextMetrics.truncated(labels[index], maxWidth: maxWidth)
            b.element("text", [
                "class": "label x-label", "x": .num(x(index, plot: plot)), "y": .num(plot.bottom + 18),
                "text-anchor": "middle", "fill": .text(ChartPalette.mutedText),
            ], text: text, tooltip: text == labels[index] ? nil : labels[index])
        }
        b.close("g")
    }

    private func drawSeries(
        _ line: ChartSeries, index: Int, plot: PlotArea, scale: NiceScale, into b: inout SVGBuilder
    ) {
        let color = ChartPalette.seriesColor(index)
        let seriesClass = ChartPalette.seriesClass(index)
        let runs = line.runs(limit: labels.count).map { run in
            run.map { (index: $0.index, point: (x: x($0.index, plot: plot), y: plot.y($0.value, on: scale))) }
        }
        b.open("g", ["class": .text("series \(seriesClass)")])
        if area && index == 0 {
            let baseline = plot.y(min(max(0, scale.lower), scale.upper), on: scale)
            for run in runs where run.count > 1 {
                let points = run.map(\.point)
                let closed = [(x: points[0].x, y: baseline)] + points + [(x: points[points.count - 1].x, y: baseline)]
                b.element("path", [
                    "class": .text("area \(seriesClass)"), "d": .text(SVGBuilder.pathData([closed]) + "Z"),
                    "fill": .text(color), "fill-opacity": 0.15, "stroke": "none",
                ])
            }
        }
        let lines = runs.filter { $0.count > 1 }.map { $0.map(\.point) }
        if !lines.isEmpty {
            b.element("path", [
                "class": .text("line \(seriesClass)"), "d": .text(SVGBuilder.pathData(lines)),
                "fill": "none", "stroke": .text(color), "stroke-width": 2,
                "stroke-linejoin": "round", "stroke-linecap": "round",
            ])
        }
        // A point with no neighbours would be invisible as a path: mark it.
        for run in runs where run.count == 1 {
            let value = line.values[run[0].index] ?? 0
            b.element("circle", [
                "class": .text("point \(seriesClass)"), "cx": .num(run[0].point.x), "cy": .num(run[0].point.y),
                "r": 3, "fill": .text(color),
            ], tooltip: "\(line.name) · \(labels[run[0].index]): \(format(value))")
        }
        b.close("g")
    }
}
