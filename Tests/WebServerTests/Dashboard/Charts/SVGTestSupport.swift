import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import WebServer

/// A parsed XML element, for inspecting chart output in tests.
final class SVGNode {
    let name: String
    let attributes: [String: String]
    var children: [SVGNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This node and all descendants, depth first.
    var all: [SVGNode] { [self] + children.flatMap(\.all) }

    func elements(_ name: String, class className: String? = nil) -> [SVGNode] {
        all.filter { node in
            node.name == name
                && (className.map { (node.attributes["class"] ?? "").split(separator: " ").contains(Substring($0)) } ?? true)
        }
    }

    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

    /// All text content below this node.
    var allText: String { text + children.map(\.allText).joined() }
}

/// Parses an SVG string with `XMLParser`; nil when it is not well-formed XML.
func parseSVG(_ svg: String) -> SVGNode? {
    let builder = TreeBuilder()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else { return nil }
    return root
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: SVGNode?
    private var stack: [SVGNode] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        let node = SVGNode(name: elementName, attributes: attributeDict)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}

/// Checks the accessible root: role, title/desc referenced by aria-labelledby, viewBox, classes.
func rootProblems(_ svg: String, kind: String) -> [String] {
    guard let root = parseSVG(svg) else { return ["not well-formed XML"] }
    var problems: [String] = []
    let a = root.attributes
    if root.name != "svg" { problems.append("root is \(root.name)") }
    if a["role"] != "img" { problems.append("role") }
    if a["width"] != "100%" { problems.append("width") }
    if a["viewBox"]?.hasPrefix("0 0 ") != true { problems.append("viewBox") }
    if !(a["class"] ?? "").hasPrefix("chart chart-\(kind)") { problems.append("class \(a["class"] ?? "")") }
    let ids = (a["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
    let title = root.children.first { $0.name == "title" }
    let desc = root.children.first { $0.name == "desc" }
    if ids.count != 2 || title?.attributes["id"] != ids.first || desc?.attributes["id"] != ids.last {
        problems.append("aria-labelledby does not point at title and desc")
    }
    return problems
}

/// True when the output contains a NaN/infinity token (as opposed to words like "dominant").
func containsNonFinite(_ svg: String) -> Bool {
    let pattern = try! Regex("(?i)(^|[^a-z])(nan|inf|infinity)([^a-z]|$)")
    return svg.contains(pattern)
}

/// One chart of every kind, used by the shared structural tests.
enum Samples {
    static let days = (1...14).map { "05-\($0 < 10 ? "0" : "")\($0)" }

    static func line(_ labels: [String] = days, values: [Double?]? = nil) -> LineChart {
        LineChart(
            title: "Revenue", summary: "Revenue rose over two weeks.", labels: labels,
            series: [
                ChartSeries(name: "This period", values: values ?? labels.indices.map { Double($0 * 10 + 5) }),
                ChartSeries(name: "Last period", values: labels.indices.map { $0 == 3 ? nil : Double($0 * 7) }),
            ], area: true)
    }

    static func bar(labels: [String] = ["Web", "App", "Mini program"], values: [Double?] = [120, 80.5, 40],
                    orientation: BarChart.Orientation = .horizontal) -> BarChart {
        BarChart(
            title: "Sales by channel", summary: "Web leads.", labels: labels,
            series: [ChartSeries(name: "Sales", values: values)], orientation: orientation)
    }

    static func funnel(_ steps: [FunnelChart.Step] = [
        .init(name: "Visit", count: 1000), .init(name: "Cart", count: 400), .init(name: "Paid", count: 100),
    ]) -> FunnelChart {
        FunnelChart(title: "Checkout", summary: "10% of visitors paid.", steps: steps)
    }

    static func heatmap(_ rows: [Heatmap.Row] = [
        .init(label: "2024-05-01", detail: "n=120", values: [1, 0.42, 0.2]),
        .init(label: "2024-05-08", detail: "n=98", values: [1, 0.35, nil]),
    ]) -> Heatmap {
        Heatmap(title: "Retention", summary: "D2 retention is 20%.", columns: ["D0", "D1", "D2"], rows: rows)
    }

    static func scatter(_ points: [ScatterChart.Point] = [
        .init(x: 1200, y: 0.031, label: "Shoes"), .init(x: 300, y: 0.08, label: "Bags", group: 1),
        .init(x: 4500, y: 0.012, label: "Socks", group: 2),
    ]) -> ScatterChart {
        ScatterChart(
            title: "Category roles", summary: "Shoes have most traffic.", points: points,
            xTitle: "Visits", yTitle: "Conversion", yFormat: ValueFormat.percent,
            quadrants: .init(x: 2000, y: 0.03, topLeft: "Niche", topRight: "Star",
                             bottomLeft: "Long tail", bottomRight: "Leaky"))
    }

    static func sparkline(_ values: [Double?] = [3, 5, 4, 8, nil, 6, 9]) -> Sparkline {
        Sparkline(title: "Orders", summary: "Orders trend up.", values: values)
    }

    /// (kind, render) for every chart kind.
    static var all: [(kind: String, render: @Sendable () -> String)] {
        [
            ("line", { line().svg }), ("bar", { bar().svg }), ("bar", { bar(orientation: .vertical).svg }),
            ("funnel", { funnel().svg }), ("heatmap", { heatmap().svg }), ("scatter", { scatter().svg }),
            ("sparkline", { sparkline().svg }),
        ]
    }
}
