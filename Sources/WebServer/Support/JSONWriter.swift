import Commerce
import Hummingbird

/// A value that writes itself as JSON with `JSONWriter`: the answers of hot routes (orders,
/// flash orders, quotes). Keys are written in sorted order, as `JSONCoding.encode` sorts them
/// for every other answer.
protocol JSONWritable: Sendable {
    func write(to json: inout JSONWriter)
}

/// Writes JSON straight into bytes. Foundation's `JSONEncoder` boxes every value in an
/// intermediate tree through generic `Encodable` calls: encoding one order took about 14 % of the
/// server's CPU when placing orders, more than its database transaction. No library among the
/// project's dependencies writes JSON without that machinery, so this small writer is our own.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next key or array element needs a comma before it.
    private var needsComma = false
    #if DEBUG
    /// The last key of each open object, to check that keys come sorted.
    private var lastKeys: [String?] = []
    #endif

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// `{…}`: `body` writes the members with `key(_:)` followed by a value.
    mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        #if DEBUG
        lastKeys.append(nil)
        #endif
        body(&self)
        #if DEBUG
        lastKeys.removeLast()
        #endif
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[…]`: one element per item, written by `element`.
    mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { element(&self, item) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// An array of values that write themselves.
    mutating func array<Items: Sequence>(_ items: Items) where Items.Element: JSONWritable {
        array(items) { json, item in item.write(to: &json) }
    }

    /// `"name":`, to be followed by exactly one value. Names are plain ASCII and need no escaping.
    mutating func key(_ name: StaticString) {
        #if DEBUG
        let text = name.description
        if let previous = lastKeys[lastKeys.count - 1] { assert(previous < text, "JSON keys out of order: \(previous), \(text)") }
        lastKeys[lastKeys.count - 1] = text
        #endif
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    /// A string literal: quotes, backslashes and control characters escaped (RFC 8259), the
    /// rest copied as UTF-8, `/` included (as `JSONCoding` writes it, `.withoutEscapingSlashes`).
    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func int(_ value: Int64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    // Members: a key and its value; an absent optional writes nothing, as `Encodable` omits it.

    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func field(_ name: StaticString, _ value: Int64) {
        key(name)
        int(value)
    }

    mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    mutating func field<Items: Sequence>(_ name: StaticString, _ items: Items) where Items.Element: JSONWritable {
        key(name)
        array(items)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}

extension JSONCoding {
    /// The answer for a value that writes itself (see `JSONWritable`).
    static func encode(_ value: some JSONWritable, status: HTTPResponse.Status = .ok) -> APIResponse {
        var json = JSONWriter()
        value.write(to: &json)
        return APIResponse(status: status, body: json.bytes)
    }
}

/// `{"amount":…,"currency":…}`, as `Money`'s `Encodable` conformance writes it.
extension Money: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("amount", amount)
            json.field("currency", currency.code)
        }
    }
}

/// The fields that are set, as `Address`'s `Encodable` conformance writes them.
extension Address: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("city", city)
            json.field("country", country)
            json.field("district", district)
            json.field("line1", line1)
            json.field("line2", line2)
            json.field("name", name)
            json.field("phone", phone)
            json.field("postal_code", postalCode)
            json.field("province", province)
        }
    }
}
