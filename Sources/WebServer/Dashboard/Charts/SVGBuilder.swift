/// Accumulates SVG markup. Every attribute value and text node goes through `escape`,
/// the single XML escaper; numbers go through `number` (≤ 2 decimals, never NaN/inf).
struct SVGBuilder: Sendable {
    /// An attribute value: text (escaped) or a number (rounded to 2 decimals).
    enum Value: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
        case text(String)
        case num(Double)

        init(stringLiteral value: String) { self = .text(value) }
        init(integerLiteral value: Int) { self = .num(Double(value)) }
        init(floatLiteral value: Double) { self = .num(value) }

        var rendered: String {
            switch self {
            case .text(let text): SVGBuilder.escape(text)
            case .num(let number): SVGBuilder.number(number)
            }
        }
    }

    /// A point in SVG coordinates.
    typealias Point = (x: Double, y: Double)

    private(set) var markup = ""

    /// Writes `<name …/>`, or `<name …><title>tooltip</title>text</name>` when given content.
    mutating func element(
        _ name: String, _ attributes: KeyValuePairs<String, Value>,
        text: String? = nil, tooltip: String? = nil
    ) {
        markup += "<\(name)\(Self.render(attributes))"
        guard text != nil || tooltip != nil else {
            markup += "/>"
            return
        }
        markup += ">"
        if let tooltip { markup += "<title>\(Self.escape(tooltip))</title>" }
        if let text { markup += Self.escape(text) }
        markup += "</\(name)>"
    }

    /// Opens a container element such as `<g>`; pair with `close`.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, Value> = [:]) {
        markup += "<\(name)\(Self.render(attributes))>"
    }

    mutating func close(_ name: String) {
        markup += "</\(name)>"
    }

    /// The one XML escaper: escapes `& < > " '` and drops characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A coordinate with at most two decimals; non-finite values become "0".
    static func number(_ value: Double) -> String {
        value.isFinite ? ValueFormat.decimal(value, maxDecimals: 2) : "0"
    }

    /// Path data for connected runs of points: "M x,y L x,y …" per run.
    static func pathData(_ runs: [[Point]]) -> String {
        var d = ""
        for run in runs {
            for (i, p) in run.enumerated() {
                d += "\(i == 0 ? "M" : "L")\(number(p.x)),\(number(p.y))"
            }
        }
        return d
    }

    private static func render(_ attributes: KeyValuePairs<String, Value>) -> String {
        attributes.map { " \($0.key)=\"\($0.value.rendered)\"" }.joined()
    }
}
