/// Scatter chart of labelled points (colour by group) with titled x and y axes. Optional
/// quadrant dividers at given x/y values name the four corners (e.g. traffic vs conversion).
/// Each point carries a `<title>` tooltip with its label.
///
///     ScatterChart(title: "Category roles", summary: "Shoes: high traffic, low conversion.",
///                  points: categories.map { .init(x: $0.visits, y: $0.rate, label: $0.name) },
///                  xTitle: "Visits", yTitle: "Conversion", yFormat: percent,
///                  quadrants: .init(x: 5000, y: 0.03, topLeft: "Niche", topRight: "Star",
///                                   bottomLeft: "Long tail", bottomRight: "Leaky")).svg
struct ScatterChart: Sendable {
    /// A labelled point; `group` picks the colour (`series-N`). Non-finite points are skipped.
    struct Point: Sendable, Equatable {
        let x: Double
        let y: Double
        let label: String
        let group: Int

        init(x: Double, y: Double, label: String, group: Int = 0) {
            self.x = x
            self.y = y
            self.label = label
            self.group = group
        }
    }

    /// Divider values and the names drawn in the four corners.
    struct Quadrants: Sendable, Equatable {
        let x: Double
        let y: Double
        let topLeft: String
        let topRight: String
        let bottomLeft: String
        let bottomRight: String
    }

    let title: String
    let summary: String
    let points: [Point]
    let xTitle: String
    let yTitle: String
    var xFormat: ChartFormatter = ValueFormat.plain
    var yFormat: ChartFormatter = ValueFormat.plain
    var quadrants: Quadrants? = nil
    /// Legend names per group index; no legend when empty.
    var groupNames: [String] = []
    var emptyText = "No data"
    var width = 560.0
    var height = 400.0

    var svg: String {
        let visible = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !visible.isEmpty else {
            return ChartDocument.empty(kind: "scatter", title: title, summary: summary, text: emptyText)
        }
        let divider = quadrants.flatMap { $0.x.isFinite && $0.y.isFinite ? $0 : nil }
        let xs = visible.map(\.x) + (divider.map { [$0.x] } ?? [])
        let ys = visible.map(\.y) + (divider.map { [$0.y] } ?? [])
        let xScale = NiceScale(min: xs.min()!, max: xs.max()!)
        let yScale = NiceScale(min: ys.min()!, max: ys.max()!)
        let legend = ChartLegend(names: groupNames, maxWidth: width - 24)
        let top = 16 + (legend.height > 0 ? legend.height + 8 : 0)
        let left = 22 + PlotArea.tickLabelWidth(yScale, format: yFormat) + 10
        let plot = PlotArea(left: left, top: top, width: width - left - 16, height: height - top - 46)

        var b = SVGBuilder()
        legend.draw(x: left, y: 8, into: &b)
        plot.drawYGrid(yScale, format: yFormat, into: &b)
        plot.drawXGrid(xScale, format: xFormat, into: &b)
        drawAxisTitles(plot: plot, into: &b)
        if let divider {
            drawQuadrants(divider, plot: plot, xScale: xScale, yScale: yScale, into: &b)
        }
        let radius = visible.count > 100 ? 3.0 : 4.5
        b.open("g", ["class": "points"])
        for point in visible {
            b.element("circle", [
                "class": .text("point \(ChartPalette.seriesClass(point.group))"),
                "cx": .num(plot.x(point.x, on: xScale)), "cy": .num(plot.y(point.y, on: yScale)),
                "r": .num(radius), "fill": .text(ChartPalette.seriesColor(point.group)),
                "fill-opacity": 0.75, "stroke": "#ffffff", "stroke-width": 0.5,
            ], tooltip: "\(point.label) (\(xFormat(point.x)), \(yFormat(point.y)))")
        }
        b.close("g")
        return ChartDocument.render(
            kind: "scatter", title: title, summary: summary, width: width, height: height, body: b)
    }

    private func drawAxisTitles(plot: PlotArea, into b: inout SVGBuilder) {
        b.element("text", [
            "class": "label axis-title", "x": .num(plot.left + plot.width / 2), "y": .num(height - 6),
            "text-anchor": "middle", "fill": .text(ChartPalette.text),
        ], text: xTitle)
        let middle = plot.top + plot.height / 2
        b.element("text", [
            "class": "label axis-title", "x": 14, "y": .num(middle), "text-anchor": "middle",
            "transform": .text("rotate(-90 14 \(SVGBuilder.number(middle)))"), "fill": .text(ChartPalette.text),
        ], text: yTitle)
    }

    private func drawQuadrants(
        _ q: Quadrants, plot: PlotArea, xScale: NiceScale, yScale: NiceScale, into b: inout SVGBuilder
    ) {
        let px = plot.x(q.x, on: xScale), py = plot.y(q.y, on: yScale)
        b.open("g", ["class": "quadrants"])
        for (x1, y1, x2, y2) in [(px, plot.top, px, plot.bottom), (plot.left, py, plot.right, py)] {
            b.element("line", [
                "class": "quadrant-divider", "x1": .num(x1), "y1": .num(y1), "x2": .num(x2), "y2": .num(y2),
                "stroke": .text(ChartPalette.axis), "stroke-width": 1, "stroke-dasharray": "4 3",
            ])
        }
        let corners: [(String, Double, Double, String)] = [
            (q.topLeft, plot.left + 6, plot.top + 14, "start"),
            (q.topRight, plot.right - 6, plot.top + 14, "end"),
            (q.bottomLeft, plot.left + 6, plot.bottom - 6, "start"),
            (q.bottomRight, plot.right - 6, plot.bottom - 6, "end"),
        ]
        for (name, x, y, anchor) in corners where !name.isEmpty {
            b.element("text", [
                "class": "label quadrant-label", "x": .num(x), "y": .num(y), "text-anchor": .text(anchor),
                "font-weight": 600, "fill": .text(ChartPalette.mutedText),
            ], text: name)
        }
        b.close("g")
    }
}
