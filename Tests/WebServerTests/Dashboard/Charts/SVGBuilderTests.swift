import Testing
@testable import WebServer

struct SVGBuilderTests {
    @Test func escapesMarkupAndQuotes() {
        #expect(SVGBuilder.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(SVGBuilder.escape("A & B \"x\" 'y'") == "A &amp; B &quot;x&quot; &apos;y&apos;")
        #expect(SVGBuilder.escape("商品 ¥1,234") == "商品 ¥1,234")
    }

    @Test func dropsCharactersXMLForbids() {
        #expect(SVGBuilder.escape("a\u{0}b\u{1B}c\td") == "abc\td")
    }

    @Test func attributesAndTextAreEscaped() {
        var b = SVGBuilder()
        b.element("text", ["class": .text("a\"b"), "x": .num(1.005)], text: "<b>", tooltip: "&")
        #expect(b.markup == "<text class=\"a&quot;b\" x=\"1\"><title>&amp;</title>&lt;b&gt;</text>")
    }

    @Test func numbersHaveAtMostTwoDecimals() {
        #expect(SVGBuilder.number(12.3456) == "12.35")
        #expect(SVGBuilder.number(3) == "3")
        #expect(SVGBuilder.number(-0.001) == "0")
        #expect(SVGBuilder.number(-4.5) == "-4.5")
        #expect(SVGBuilder.number(.nan) == "0")
        #expect(SVGBuilder.number(-.infinity) == "0")
    }

    @Test func defaultFormatters() {
        #expect(ValueFormat.plain(1234) == "1234")
        #expect(ValueFormat.plain(0.0015) == "0.0015")
        #expect(ValueFormat.plain(2.5) == "2.5")
        #expect(ValueFormat.plain(.nan) == "")
        #expect(ValueFormat.percent(0.125) == "12.5%")
        #expect(ValueFormat.percent(1) == "100%")
    }

    @Test func paletteInterpolationHitsBothEnds() {
        #expect(ChartPalette.interpolate("#000000", "#ffffff", 0) == "#000000")
        #expect(ChartPalette.interpolate("#000000", "#ffffff", 1) == "#ffffff")
        #expect(ChartPalette.interpolate("#000000", "#ffffff", 0.5) == "#808080")
        #expect(ChartPalette.interpolate("#000000", "#ffffff", 7) == "#ffffff")
        #expect(ChartPalette.contrastingText(on: "#ffffff") == ChartPalette.darkText)
        #expect(ChartPalette.contrastingText(on: "#1e40af") == ChartPalette.lightText)
    }

    @Test func truncationAndLabelStride() {
        #expect(TextMetrics.truncated("short", maxWidth: 100) == "short")
        let long = TextMetrics.truncated(String(repeating: "x", count: 50), maxWidth: 60)
        #expect(long.hasSuffix("…") && TextMetrics.width(of: long) <= 60)
        #expect(TextMetrics.labelStride(count: 30, maxLabels: 8) == 4)
        #expect(TextMetrics.labelStride(count: 5, maxLabels: 8) == 1)
    }
}
