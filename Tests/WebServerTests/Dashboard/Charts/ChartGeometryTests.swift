import Testing
@testable import WebServer

/// Geometry and layout rules of the individual chart kinds.
struct ChartGeometryTests {
    @Test func horizontalBarLengthsAreProportional() throws {
        let root = try #require(parseSVG(Samples.bar(labels: ["a", "b", "c"], values: [10, 20, 40]).svg))
        let widths = root.elements("rect", class: "bar").compactMap { $0.number("width") }
        try #require(widths.count == 3)
        #expect(abs(widths[1] / widths[0] - 2) < 0.01)
        #expect(abs(widths[2] / widths[0] - 4) < 0.01)
        let labels = root.elements("text", class: "value-label").map(\.text)
        #expect(labels == ["10", "20", "40"])
    }

    @Test func verticalBarHeightsAreProportional() throws {
        let root = try #require(parseSVG(Samples.bar(labels: ["a", "b"], values: [15, 45], orientation: .vertical).svg))
        let heights = root.elements("rect", class: "bar").compactMap { $0.number("height") }
        try #require(heights.count == 2)
        #expect(abs(heights[1] / heights[0] - 3) < 0.01)
    }

    @Test func negativeBarsExtendFromZero() throws {
        let horizontal = try #require(parseSVG(Samples.bar(labels: ["gain", "loss"], values: [30, -20]).svg))
        let zeroX = try #require(horizontal.elements("line", class: "zero-line").first?.number("x1"))
        let bars = horizontal.elements("rect", class: "bar")
        try #require(bars.count == 2)
        #expect(abs(bars[0].number("x")! - zeroX) < 0.02)
        #expect(abs(bars[1].number("x")! + bars[1].number("width")! - zeroX) < 0.02)
        #expect(abs(bars[0].number("width")! / bars[1].number("width")! - 1.5) < 0.01)

        let vertical = try #require(parseSVG(Samples.bar(labels: ["gain", "loss"], values: [30, -20], orientation: .vertical).svg))
        let zeroY = try #require(vertical.elements("line", class: "zero-line").first?.number("y1"))
        let columns = vertical.elements("rect", class: "bar")
        #expect(abs(columns[0].number("y")! + columns[0].number("height")! - zeroY) < 0.02)
        #expect(abs(columns[1].number("y")! - zeroY) < 0.02)
    }

    @Test func comparisonSeriesGetsLegendAndOwnClass() throws {
        let chart = BarChart(title: "t", summary: "s", labels: ["a", "b"], series: [
            ChartSeries(name: "This week", values: [5, 6]), ChartSeries(name: "Last week", values: [4, nil]),
        ])
        let root = try #require(parseSVG(chart.svg))
        #expect(root.elements("rect", class: "series-1").filter { $0.attributes["class"]!.hasPrefix("bar") }.count == 1)
        #expect(root.elements("text", class: "legend-label").map(\.text) == ["This week", "Last week"])
        #expect(try #require(parseSVG(Samples.bar().svg)).elements("g", class: "legend").isEmpty)
    }

    @Test func funnelWidthsAreProportionalToCounts() throws {
        let root = try #require(parseSVG(Samples.funnel().svg))
        let bars = root.elements("rect", class: "bar")
        let widths = bars.compactMap { $0.number("width") }
        try #require(widths.count == 3)
        #expect(abs(widths[1] / widths[0] - 0.4) < 0.001)
        #expect(abs(widths[2] / widths[0] - 0.1) < 0.001)
        // Centred: all bars share the same centre.
        let centres = bars.map { $0.number("x")! + $0.number("width")! / 2 }
        #expect(centres.allSatisfy { abs($0 - centres[0]) < 0.02 })
        // Drop-off: the previous step's width is drawn behind steps 2 and 3.
        #expect(root.elements("rect", class: "dropoff").compactMap { $0.number("width") } == [widths[0], widths[1]])
        #expect(root.elements("text", class: "conversion-label").map(\.text)
            == ["40% of previous · 40% of first", "25% of previous · 10% of first"])
        #expect(root.elements("text", class: "count-label").map(\.text) == ["1000", "400", "100"])
    }

    @Test func funnelHandlesZeroAndMissingCounts() throws {
        let svg = Samples.funnel([.init(name: "a", count: 0), .init(name: "b", count: nil), .init(name: "c", count: 0)]).svg
        let root = try #require(parseSVG(svg))
        #expect(root.elements("text", class: "conversion-label").map(\.text)
            == ["– of previous · – of first", "– of previous · – of first"])
        #expect(root.elements("text", class: "count-label").map(\.text) == ["0", "–", "0"])
    }

    @Test func heatmapEndsUseTheTwoColours() throws {
        let chart = Heatmap(title: "t", summary: "s", columns: ["D0", "D1", "D2", "D3"],
                            rows: [.init(label: "c", values: [0, 1, 0.5, nil])])
        let root = try #require(parseSVG(chart.svg))
        let fills = root.elements("rect", class: "cell").compactMap { $0.attributes["fill"] }
        #expect(fills.count == 3)
        #expect(fills[0] == ChartPalette.heatLow)
        #expect(fills[1] == ChartPalette.heatHigh)
        #expect(fills[2] != fills[0] && fills[2] != fills[1])
        let texts = root.elements("text", class: "cell-label")
        #expect(texts.map(\.text) == ["0%", "100%", "50%"])
        #expect(texts[0].attributes["fill"] == ChartPalette.darkText)
        #expect(texts[1].attributes["fill"] == ChartPalette.lightText)
        #expect(chart.color(for: -3) == ChartPalette.heatLow && chart.color(for: 9) == ChartPalette.heatHigh)
    }

    @Test func lineChartThinsXLabelsAndDrawsGaps() throws {
        let labels = (1...30).map { "2024-06-\($0)" }
        let values: [Double?] = labels.indices.map { $0 == 10 ? nil : Double($0) }
        let chart = LineChart(title: "t", summary: "s", labels: labels, series: [ChartSeries(name: "a", values: values)])
        let root = try #require(parseSVG(chart.svg))
        let drawn = root.elements("text", class: "x-label")
        #expect((2...8).contains(drawn.count))
        #expect(drawn.first?.text == "2024-06-1")
        let d = try #require(root.elements("path", class: "line").first?.attributes["d"])
        #expect(d.filter { $0 == "M" }.count == 2)
        #expect(root.elements("g", class: "legend").isEmpty)
        #expect(root.elements("path", class: "area").isEmpty)
    }

    @Test func lineChartLegendAndArea() throws {
        let root = try #require(parseSVG(Samples.line().svg))
        #expect(root.elements("text", class: "legend-label").map(\.text) == ["This period", "Last period"])
        #expect(root.elements("path", class: "area").count == 1)
        #expect(root.elements("path", class: "line").count == 2)
        #expect(root.elements("text", class: "tick-label").map(\.text) == ["0", "50", "100", "150"])
    }

    @Test func scatterHandlesManyPointsWithTooltips() throws {
        let points = (0..<200).map { i in
            ScatterChart.Point(x: Double(i * 37 % 1000), y: Double(i % 17) / 100, label: "SKU-\(i)", group: i % 3)
        }
        let root = try #require(parseSVG(Samples.scatter(points).svg))
        let circles = root.elements("circle", class: "point")
        #expect(circles.count == 200)
        #expect(circles.allSatisfy { $0.children.first?.name == "title" })
        #expect(circles[5].children.first?.text.hasPrefix("SKU-5 (") == true)
        #expect(root.elements("text", class: "quadrant-label").map(\.text) == ["Niche", "Star", "Long tail", "Leaky"])
        #expect(root.elements("line", class: "quadrant-divider").count == 2)
        #expect(root.elements("text", class: "axis-title").map(\.text) == ["Visits", "Conversion"])
    }

    @Test func scatterPointsStayInsideThePlot() throws {
        let root = try #require(parseSVG(Samples.scatter().svg))
        for circle in root.elements("circle", class: "point") {
            #expect((0...560).contains(circle.number("cx")!) && (0...400).contains(circle.number("cy")!))
        }
    }

    @Test func sparklineFlatAndSingleValuesUseTheMiddleLine() throws {
        for values: [Double?] in [[4, 4, 4, 4], [7]] {
            let root = try #require(parseSVG(Samples.sparkline(values).svg))
            #expect(root.attributes["viewBox"] == "0 0 120 32")
            let d = try #require(root.elements("path", class: "line").first?.attributes["d"])
            let ys = d.split(whereSeparator: { $0 == "M" || $0 == "L" }).map { $0.split(separator: ",")[1] }
            #expect(ys.allSatisfy { $0 == "16" }, "\(d)")
            #expect(root.elements("circle", class: "last-point").first?.number("cy") == 16)
        }
    }

    @Test func sparklineMarksTheLastPresentPoint() throws {
        let root = try #require(parseSVG(Samples.sparkline([1, 5, 3, nil]).svg))
        let marker = try #require(root.elements("circle", class: "last-point").first)
        // Index 2 of 4 slots: x = 3 + 2·114/3; value 3 is the middle of 1…5.
        #expect(abs(marker.number("cx")! - 79) < 0.01)
        #expect(marker.number("cy") == 16)
    }
}
