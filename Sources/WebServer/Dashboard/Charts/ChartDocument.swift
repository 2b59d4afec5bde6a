/// Wraps chart markup in the accessible root `<svg>` (role, title, desc, viewBox, CSS
/// classes), or renders the small "no data" placeholder.
enum ChartDocument {
    /// The root element around `body`. Element ids derive from a stable hash of the
    /// content, so output is deterministic and different charts on a page do not clash.
    static func render(
        kind: String, title: String, summary: String,
        width: Double, height: Double, body: SVGBuilder, extraClass: String? = nil
    ) -> String {
        let id = "chart-\(kind)-" + stableHash(kind, title, summary, body.markup)
        let classes = "chart chart-\(kind)" + (extraClass.map { " " + $0 } ?? "")
        var root = SVGBuilder()
        root.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "class": .text(classes),
            "role": "img",
            "aria-labelledby": .text("\(id)-title \(id)-desc"),
            "viewBox": .text("0 0 \(SVGBuilder.number(width)) \(SVGBuilder.number(height))"),
            "width": "100%",
            "preserveAspectRatio": "xMidYMid meet",
            "style": .text("max-width:\(SVGBuilder.number(width))px;height:auto"),
            "font-family": "system-ui, sans-serif",
            "font-size": 12,
        ])
        root.element("title", ["id": .text("\(id)-title")], text: title)
        root.element("desc", ["id": .text("\(id)-desc")], text: summary)
        return root.markup + body.markup + "</svg>"
    }

    /// A small chart-shaped box with the caller's (localised) "no data" text.
    static func empty(
        kind: String, title: String, summary: String, text: String,
        width: Double = 320, height: Double = 80
    ) -> String {
        var body = SVGBuilder()
        body.element("text", [
            "class": "label empty-label",
            "x": .num(width / 2), "y": .num(height / 2 + 4),
            "text-anchor": "middle",
            "font-size": .num(min(12, height * 0.4)),
            "fill": .text(ChartPalette.mutedText),
        ], text: text)
        return render(
            kind: kind, title: title, summary: summary,
            width: width, height: height, body: body, extraClass: "chart-empty")
    }

    /// FNV-1a (64-bit) over the parts, as hex; unlike `Hasher` it is stable across runs.
    private static func stableHash(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0xFF
        }
        return String(hash, radix: 16)
    }
}
