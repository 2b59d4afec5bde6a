/// Tiny trend line (default 120×32) without axes; the last point is marked. A flat series
/// (or a single value) is drawn as a line through the middle; `nil` values leave gaps.
///
///     Sparkline(title: "Orders, 14 days", summary: "Orders went from 31 to 44.",
///               values: dailyOrders).svg
struct Sparkline: Sendable {
    let title: String
    let summary: String
    let values: [Double?]
    let emptyText: String
    let width: Double
    let height: Double

    init(
        title: String, summary: String, values: [Double?],
        emptyText: String = "No data", width: Double = 120, height: Double = 32
    ) {
        self.title = title
        self.summary = summary
        self.values = values.map(ChartSeries.finite)
        self.emptyText = emptyText
        self.width = width
        self.height = height
    }

    private static let padding = 3.0

    var svg: String {
        let series = ChartSeries(name: title, values: values)
        let present = series.presentValues(limit: values.count)
        guard let low = present.min(), let high = present.max(), let lastIndex = values.lastIndex(where: { $0 != nil })
        else {
            return ChartDocument.empty(
                kind: "sparkline", title: title, summary: summary, text: emptyText, width: width, height: height)
        }
        let flat = high - low <= max(abs(high), abs(low)) * 1e-12
        let pad = Self.padding
        func x(_ index: Int) -> Double {
            values.count > 1 ? pad + Double(index) * (width - 2 * pad) / Double(values.count - 1) : width - pad
        }
        func y(_ value: Double) -> Double {
            flat ? height / 2 : (height - pad) - (value - low) / (high - low) * (height - 2 * pad)
        }

        var b = SVGBuilder()
        let runs: [[SVGBuilder.Point]] = present.count == 1
            ? [[(x: pad, y: height / 2), (x: width - pad, y: height / 2)]]
            : series.runs(limit: values.count).map { $0.map { (x: x($0.index), y: y($0.value)) } }
        b.element("path", [
            "class": .text("line \(ChartPalette.seriesClass(0))"), "d": .text(SVGBuilder.pathData(runs)),
            "fill": "none", "stroke": .text(ChartPalette.seriesColor(0)), "stroke-width": 1.5,
            "stroke-linejoin": "round", "stroke-linecap": "round",
        ])
        b.element("circle", [
            "class": .text("last-point \(ChartPalette.seriesClass(0))"),
            "cx": .num(x(lastIndex)), "cy": .num(y(values[lastIndex]!)), "r": 2.5,
            "fill": .text(ChartPalette.seriesColor(0)),
        ])
        return ChartDocument.render(
            kind: "sparkline", title: title, summary: summary, width: width, height: height, body: b)
    }
}
