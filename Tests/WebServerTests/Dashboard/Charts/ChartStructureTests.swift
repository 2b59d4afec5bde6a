import Testing
@testable import WebServer

/// Rules every chart kind must follow: valid XML, accessible root, determinism,
/// escaping, no NaN/inf, and the "no data" placeholder.
struct ChartStructureTests {
    @Test func everyChartIsWellFormedAndAccessible() {
        for sample in Samples.all {
            let svg = sample.render()
            #expect(rootProblems(svg, kind: sample.kind) == [], "\(sample.kind)")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        }
    }

    @Test func renderingIsByteIdentical() {
        for sample in Samples.all {
            #expect(sample.render() == sample.render(), "\(sample.kind)")
        }
    }

    @Test func titleAndSummaryAreInTitleAndDesc() throws {
        let root = try #require(parseSVG(Samples.funnel().svg))
        #expect(root.children.first { $0.name == "title" }?.text == "Checkout")
        #expect(root.children.first { $0.name == "desc" }?.text == "10% of visitors paid.")
    }

    @Test func chartsWithDifferentContentGetDifferentIds() throws {
        let a = try #require(parseSVG(Samples.bar(values: [1, 2, 3]).svg))
        let b = try #require(parseSVG(Samples.bar(values: [3, 2, 1]).svg))
        #expect(a.attributes["aria-labelledby"] != b.attributes["aria-labelledby"])
    }

    static let hostile = ["<script>alert(1)</script>", "A & B \"x\""]

    static var hostileCharts: [(kind: String, svg: String)] {
        let h = hostile
        return [
            ("line", LineChart(title: h[0], summary: h[1], labels: h, series: [
                ChartSeries(name: h[0], values: [1, 2]), ChartSeries(name: h[1], values: [2, 1]),
            ]).svg),
            ("bar", BarChart(title: h[1], summary: h[0], labels: h, series: [
                ChartSeries(name: h[0], values: [1, -2]), ChartSeries(name: h[1], values: [3, 4]),
            ]).svg),
            ("bar", BarChart(title: h[1], summary: h[0], labels: h, series: [ChartSeries(name: h[0], values: [1, 2])],
                             orientation: .vertical).svg),
            ("funnel", FunnelChart(title: h[0], summary: h[1], steps: h.map { .init(name: $0, count: 10) },
                                   previousCaption: h[0], firstCaption: h[1]).svg),
            ("heatmap", Heatmap(title: h[0], summary: h[1], columns: h,
                                rows: h.map { .init(label: $0, detail: $0, values: [0.5, 1]) }).svg),
            ("scatter", ScatterChart(title: h[0], summary: h[1], points: h.map { .init(x: 1, y: 2, label: $0) },
                                     xTitle: h[0], yTitle: h[1],
                                     quadrants: .init(x: 1, y: 1, topLeft: h[0], topRight: h[1],
                                                      bottomLeft: h[0], bottomRight: h[1]),
                                     groupNames: h).svg),
            ("sparkline", Sparkline(title: h[0], summary: h[1], values: [1]).svg),
            ("line", LineChart(title: h[0], summary: h[1], labels: [], series: [], emptyText: h[1]).svg),
        ]
    }

    @Test func userTextAppearsOnlyEscaped() throws {
        for chart in Self.hostileCharts {
            #expect(!chart.svg.contains("<script"), "\(chart.kind)")
            #expect(!chart.svg.contains("A & B"), "\(chart.kind)")
            #expect(chart.svg.contains("A &amp; B &quot;x&quot;"), "\(chart.kind)")
            let root = try #require(parseSVG(chart.svg), "\(chart.kind)")
            #expect(root.elements("script").isEmpty)
            // Escaped text parses back to the original strings.
            #expect(root.allText.contains(Self.hostile[1]), "\(chart.kind)")
            #expect(rootProblems(chart.svg, kind: chart.kind) == [], "\(chart.kind)")
        }
    }

    @Test func nonFiniteDataNeverReachesOutput() {
        let bad: [Double?] = [.nan, 4, .infinity, -.infinity, 7, nil, .nan]
        let labels = (1...bad.count).map { "d\($0)" }
        let outputs = [
            LineChart(title: "t", summary: "s", labels: labels, series: [ChartSeries(name: "a", values: bad)], area: true).svg,
            BarChart(title: "t", summary: "s", labels: labels, series: [ChartSeries(name: "a", values: bad)]).svg,
            BarChart(title: "t", summary: "s", labels: labels, series: [ChartSeries(name: "a", values: bad)],
                     orientation: .vertical).svg,
            FunnelChart(title: "t", summary: "s", steps: bad.enumerated().map { .init(name: "s\($0.offset)", count: $0.element) }).svg,
            Heatmap(title: "t", summary: "s", columns: labels, rows: [.init(label: "r", values: bad)]).svg,
            ScatterChart(title: "t", summary: "s", points: bad.enumerated().map {
                .init(x: $0.element ?? 1, y: Double($0.offset), label: "p")
            }, xTitle: "x", yTitle: "y", quadrants: .init(x: .nan, y: .infinity, topLeft: "a", topRight: "b",
                                                         bottomLeft: "c", bottomRight: "d")).svg,
            Sparkline(title: "t", summary: "s", values: bad).svg,
            Sparkline(title: "t", summary: "s", values: [.nan, .infinity]).svg,
            LineChart(title: "t", summary: "s", labels: ["a"], series: [ChartSeries(name: "a", values: [.nan])]).svg,
        ]
        for svg in outputs {
            #expect(!containsNonFinite(svg), "\(svg)")
            #expect(parseSVG(svg) != nil)
        }
    }

    @Test func emptyInputsRenderTheNoDataText() throws {
        let text = "暂无数据"
        let outputs: [(String, String)] = [
            ("line", LineChart(title: "t", summary: "s", labels: [], series: [], emptyText: text).svg),
            ("line", LineChart(title: "t", summary: "s", labels: ["a", "b"],
                               series: [ChartSeries(name: "a", values: [nil, nil])], emptyText: text).svg),
            ("bar", BarChart(title: "t", summary: "s", labels: [], series: [], emptyText: text).svg),
            ("bar", BarChart(title: "t", summary: "s", labels: ["a"], series: [], orientation: .vertical, emptyText: text).svg),
            ("funnel", FunnelChart(title: "t", summary: "s", steps: [], emptyText: text).svg),
            ("heatmap", Heatmap(title: "t", summary: "s", columns: ["D0"], rows: [], emptyText: text).svg),
            ("heatmap", Heatmap(title: "t", summary: "s", columns: [], rows: [.init(label: "r", values: [1])], emptyText: text).svg),
            ("scatter", ScatterChart(title: "t", summary: "s", points: [], xTitle: "x", yTitle: "y", emptyText: text).svg),
            ("sparkline", Sparkline(title: "t", summary: "s", values: [], emptyText: text).svg),
        ]
        for (kind, svg) in outputs {
            #expect(rootProblems(svg, kind: kind) == [], "\(kind)")
            let root = try #require(parseSVG(svg))
            #expect(root.attributes["class"] == "chart chart-\(kind) chart-empty")
            #expect(root.elements("text", class: "empty-label").first?.text == text, "\(kind)")
        }
    }

    @Test func singlePointInputsRender() throws {
        let outputs: [(String, String)] = [
            ("line", LineChart(title: "t", summary: "s", labels: ["05-01"], series: [ChartSeries(name: "a", values: [42])]).svg),
            ("bar", BarChart(title: "t", summary: "s", labels: ["a"], series: [ChartSeries(name: "a", values: [42])]).svg),
            ("bar", BarChart(title: "t", summary: "s", labels: ["a"], series: [ChartSeries(name: "a", values: [0])],
                             orientation: .vertical).svg),
            ("funnel", FunnelChart(title: "t", summary: "s", steps: [.init(name: "Visit", count: 5)]).svg),
            ("heatmap", Heatmap(title: "t", summary: "s", columns: ["D0"], rows: [.init(label: "r", values: [0.3])]).svg),
            ("scatter", ScatterChart(title: "t", summary: "s", points: [.init(x: 3, y: 3, label: "p")],
                                     xTitle: "x", yTitle: "y").svg),
            ("sparkline", Sparkline(title: "t", summary: "s", values: [7]).svg),
        ]
        for (kind, svg) in outputs {
            #expect(rootProblems(svg, kind: kind) == [], "\(kind)")
            #expect(!svg.contains("chart-empty"), "\(kind)")
            #expect(!containsNonFinite(svg))
        }
        let line = try #require(parseSVG(outputs[0].1))
        #expect(line.elements("circle", class: "point").count == 1)
    }
}
