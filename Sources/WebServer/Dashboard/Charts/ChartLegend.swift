/// A legend of colour swatches and series names, wrapped onto rows to fit a width.
struct ChartLegend: Sendable {
    static let rowHeight = 18.0

    let names: [String]
    let maxWidth: Double

    /// Height the legend occupies (0 when there are no names).
    var height: Double { names.isEmpty ? 0 : Double(layout().last!.row + 1) * Self.rowHeight }

    /// Draws the legend with its top-left corner at (x, y).
    func draw(x: Double, y: Double, into b: inout SVGBuilder) {
        guard !names.isEmpty else { return }
        b.open("g", ["class": "legend"])
        for (i, item) in layout().enumerated() {
            let top = y + Double(item.row) * Self.rowHeight
            b.element("rect", [
                "class": .text("swatch \(ChartPalette.seriesClass(i))"),
                "x": .num(x + item.x), "y": .num(top + 1), "width": 10, "height": 10, "rx": 2,
                "fill": .text(ChartPalette.seriesColor(i)),
            ])
            b.element("text", [
                "class": "label legend-label",
                "x": .num(x + item.x + 14), "y": .num(top + 10),
                "fill": .text(ChartPalette.text),
            ], text: item.text)
        }
        b.close("g")
    }

    private func layout() -> [(x: Double, row: Int, text: String)] {
        var items: [(x: Double, row: Int, text: String)] = []
        var x = 0.0, row = 0
        for name in names {
            let text = TextMetrics.truncated(name, maxWidth: 160)
            let itemWidth = 14 + TextMetrics.width(of: text) + 16
            if x > 0 && x + itemWidth > maxWidth {
                x = 0
                row += 1
            }
            items.append((x, row, text))
            x += itemWidth
        }
        return items
    }
}
