/// Heatmap of rows (e.g. cohorts with their size) × columns (periods "D0", "D1", …) with
/// values in 0…1. Colour runs from `lowColor` (0) to `highColor` (1); `nil` cells (not yet
/// observable) stay blank. Cell text is formatted by the caller, in a contrasting colour.
///
///     Heatmap(title: "Retention", summary: "D7 retention averages 18%.",
///             columns: ["D0", "D1", "D7"],
///             rows: [.init(label: "2024-05-01", detail: "n=120", values: [1, 0.4, nil])],
///             format: percent).svg
struct Heatmap: Sendable {
    /// One row: a label, an optional second line (e.g. cohort size) and one value per column.
    struct Row: Sendable, Equatable {
        let label: String
        let detail: String?
        let values: [Double?]

        init(label: String, detail: String? = nil, values: [Double?]) {
            self.label = label
            self.detail = detail
            self.values = values.map(ChartSeries.finite)
        }
    }

    let title: String
    let summary: String
    let columns: [String]
    let rows: [Row]
    var format: ChartFormatter = ValueFormat.percent
    var lowColor = ChartPalette.heatLow
    var highColor = ChartPalette.heatHigh
    var emptyText = "No data"

    private static let cellHeight = 28.0
    private static let headerHeight = 24.0

    /// The single place where a value becomes a colour (clamped to 0…1).
    func color(for value: Double) -> String {
        ChartPalette.interpolate(lowColor, highColor, value)
    }

    var svg: String {
        let cells = rows.flatMap { $0.values.prefix(columns.count).compactMap { $0 } }
        guard !cells.isEmpty else {
            return ChartDocument.empty(kind: "heatmap", title: title, summary: summary, text: emptyText)
        }
        let labelWidth = min(
            max(TextMetrics.maxWidth(of: rows.map(\.label)), TextMetrics.maxWidth(of: rows.compactMap(\.detail), fontSize: 10)),
            200)
        let cellWidth = max(40, TextMetrics.maxWidth(of: cells.map(format) + columns, fontSize: 11) + 10)
        let left = 8 + labelWidth + 8
        let top = 8 + Self.headerHeight
        let width = left + cellWidth * Double(columns.count) + 8
        let height = top + Self.cellHeight * Double(rows.count) + 8

        var b = SVGBuilder()
        b.open("g", ["class": "column-labels"])
        for (j, column) in columns.enumerated() {
            b.element("text", [
                "class": "label column-label", "x": .num(left + cellWidth * (Double(j) + 0.5)), "y": .num(top - 8),
                "text-anchor": "middle", "font-size": 11, "fill": .text(ChartPalette.mutedText),
            ], text: column)
        }
        b.close("g")
        for (i, row) in rows.enumerated() {
            let rowTop = top + Self.cellHeight * Double(i)
            drawRowLabel(row, x: 8 + labelWidth, middle: rowTop + Self.cellHeight / 2, maxWidth: labelWidth, into: &b)
            for (j, column) in columns.enumerated() {
                guard j < row.values.count, let value = row.values[j] else { continue }
                let fill = color(for: value)
                let x = left + cellWidth * Double(j)
                let text = format(value)
                b.element("rect", [
                    "class": "cell", "x": .num(x + 1), "y": .num(rowTop + 1),
                    "width": .num(cellWidth - 2), "height": .num(Self.cellHeight - 2), "rx": 2, "fill": .text(fill),
                ], tooltip: "\(row.label) · \(column): \(text)")
                b.element("text", [
                    "class": "label cell-label", "x": .num(x + cellWidth / 2), "y": .num(rowTop + Self.cellHeight / 2 + 4),
                    "text-anchor": "middle", "font-size": 11, "fill": .text(ChartPalette.contrastingText(on: fill)),
                ], text: text)
            }
        }
        return ChartDocument.render(
            kind: "heatmap", title: title, summary: summary, width: width, height: height, body: b)
    }

    private func drawRowLabel(_ row: Row, x: Double, middle: Double, maxWidth: Double, into b: inout SVGBuilder) {
        let label = TextMetrics.truncated(row.label, maxWidth: maxWidth)
        b.element("text", [
            "class": "label row-label", "x": .num(x), "y": .num(row.detail == nil ? middle + 4 : middle - 1),
            "text-anchor": "end", "fill": .text(ChartPalette.text),
        ], text: label, tooltip: label == row.label ? nil : row.label)
        if let detail = row.detail {
            b.element("text", [
                "class": "label row-detail", "x": .num(x), "y": .num(middle + 11),
                "text-anchor": "end", "font-size": 10, "fill": .text(ChartPalette.mutedText),
            ], text: TextMetrics.truncated(detail, maxWidth: maxWidth, fontSize: 10))
        }
    }
}
