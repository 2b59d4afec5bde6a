import Commerce
import Foundation
import Testing
@testable import WebServer

/// `JSONWriter` against Foundation: the same bytes as `JSONEncoder` with sorted keys and
/// unescaped slashes, which every other answer of the API uses.
@Suite struct JSONWriterTests {
    static func foundation(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func written(_ value: some JSONWritable) -> String {
        var json = JSONWriter()
        value.write(to: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test func moneyAndAddressMatchTheirEncodableForm() throws {
        let cny = Currency("CNY")!
        for money in [Money(0, cny), Money(-1, cny), Money(Int64.max, cny), Money(1999, Currency("USD")!)] {
            #expect(Self.written(money) == (try Self.foundation(money)))
        }
        let addresses = [
            Address(),
            Address(name: "王芳", phone: "+86 138 0000 0000", country: "CN", province: "浙江", city: "杭州", district: "西湖区",
                    line1: "文三路 1/2 号 \"A\" 座", line2: "back\\slash\ttab\nline\u{1}\u{1f}", postalCode: "310000"),
            Address(city: "Shanghai", line2: "only two"),
        ]
        for address in addresses {
            #expect(Self.written(address) == (try Self.foundation(address)))
        }
    }

    @Test func writesNestedValuesWithCommasAndEscapes() {
        var json = JSONWriter()
        json.object { json in
            json.key("a")
            json.array([Int64(1), 2, 3]) { json, n in json.int(n) }
            json.key("b")
            json.array([Int64]()) { json, n in json.int(n) }
            json.field("c", nil as String?)
            json.key("d")
            json.object { _ in }
            json.key("e")
            json.bool(false)
            json.field("f", "quote \" slash / newline \n nul \u{0} 表")
            json.key("g")
            json.array(["x", "y"]) { json, text in json.object { json in json.field("v", text) } }
        }
        #expect(String(decoding: json.bytes, as: UTF8.self)
            == #"{"a":[1,2,3],"b":[],"d":{},"e":false,"f":"quote \" slash / newline \n nul \u0000 表","g":[{"v":"x"},{"v":"y"}]}"#)
        let parsed = try? JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any]
        #expect(parsed?["f"] as? String == "quote \" slash / newline \n nul \u{0} 表")
    }
}
