/// The rectangle inside a chart's margins: maps scale values to coordinates and draws
/// value grids (grid lines plus tick labels).
struct PlotArea: Sendable {
    let left: Double
    let top: Double
    let width: Double
    let height: Double

    init(left: Double, top: Double, width: Double, height: Double) {
        self.left = left
        self.top = top
        self.width = max(width, 10)
        self.height = max(height, 10)
    }

    var right: Double { left + width }
    var bottom: Double { top + height }

    func x(_ value: Double, on scale: NiceScale) -> Double { left + scale.fraction(value) * width }
    func y(_ value: Double, on scale: NiceScale) -> Double { bottom - scale.fraction(value) * height }

    /// Horizontal grid lines with tick labels to the left (value axis = y).
    func drawYGrid(_ scale: NiceScale, format: ChartFormatter, into b: inout SVGBuilder) {
        drawGrid(scale, axis: "y", format: format, into: &b) { tick in
            let py = y(tick, on: scale)
            return (line: (left, py, right, py), label: (left - 6, py + 4), anchor: "end")
        }
    }

    /// Vertical grid lines with tick labels below (value axis = x).
    func drawXGrid(_ scale: NiceScale, format: ChartFormatter, into b: inout SVGBuilder) {
        drawGrid(scale, axis: "x", format: format, into: &b) { tick in
            let px = x(tick, on: scale)
            return (line: (px, top, px, bottom), label: (px, bottom + 16), anchor: "middle")
        }
    }

    /// A grid line and a tick label per tick, placed by `place`.
    private func drawGrid(
        _ scale: NiceScale, axis: String, format: ChartFormatter, into b: inout SVGBuilder,
        place: (Double) -> (line: (Double, Double, Double, Double), label: (Double, Double), anchor: String)
    ) {
        b.open("g", ["class": .text("axis axis-" + axis)])
        for tick in scale.ticks {
            let spot = place(tick)
            b.element("line", [
                "class": "grid", "x1": .num(spot.line.0), "y1": .num(spot.line.1), "x2": .num(spot.line.2), "y2": .num(spot.line.3),
                "stroke": .text(ChartPalette.grid), "stroke-width": 1,
            ])
            b.element("text", [
                "class": "label tick-label", "x": .num(spot.label.0), "y": .num(spot.label.1),
                "text-anchor": .text(spot.anchor), "fill": .text(ChartPalette.mutedText),
            ], text: format(tick))
        }
        b.close("g")
    }

    /// A solid axis line, e.g. the zero line of a bar chart.
    func drawLine(x1: Double, y1: Double, x2: Double, y2: Double, className: String, into b: inout SVGBuilder) {
        b.element("line", [
            "class": .text(className), "x1": .num(x1), "y1": .num(y1), "x2": .num(x2), "y2": .num(y2),
            "stroke": .text(ChartPalette.axis), "stroke-width": 1,
        ])
    }

    /// Width needed for the scale's tick labels.
    static func tickLabelWidth(_ scale: NiceScale, format: ChartFormatter) -> Double {
        TextMetrics.maxWidth(of: scale.ticks.map(format))
    }
}
