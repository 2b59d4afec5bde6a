import Operations

/// Reads tracking bodies (`{"events":[…]}` or one event object) straight from the request bytes.
///
/// Hand-written on purpose: ingestion must store ≥ 200,000 events/s, and Foundation's
/// JSONDecoder alone decodes only about that many per core (no faster JSON library is available
/// to the project). This reader knows the one shape it reads, copies nothing it does not keep, and
/// reports a field of the wrong type on that event alone (its index is rejected), while a body
/// that is not JSON at all is refused whole. `properties` is kept as the JSON text sent.
public struct EventJSONReader {
    /// The body is not well-formed JSON (`invalid_json`), or not the expected shape.
    public struct Malformed: Error {
        public let message: String
        public var code = "invalid_json"
        public var field: String?
    }

    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The events of a batch body `{"events":[…]}`.
    public static func batch(_ body: UnsafeRawBufferPointer) throws(Malformed) -> [EventInput] {
        var reader = EventJSONReader(body)
        var events: [EventInput]?
        try reader.object { reader, field throws(Malformed) in
            if field == .events {
                events = try reader.eventArray()
            } else {
                try reader.skipValue()
            }
        }
        try reader.end()
        guard let events else { throw Malformed(message: "events is required: {\"events\":[…]}.", code: "required", field: "events") }
        return events
    }

    /// One event object.
    public static func single(_ body: UnsafeRawBufferPointer) throws(Malformed) -> EventInput {
        var reader = EventJSONReader(body)
        reader.skipSpace()
        guard reader.peek == UInt8(ascii: "{") else {
            try reader.skipValue()
            try reader.end()
            throw Malformed(message: "An event must be a JSON object.", code: "invalid_type")
        }
        let event = try reader.event()
        try reader.end()
        return event
    }

    // MARK: - Events

    private mutating func eventArray() throws(Malformed) -> [EventInput] {
        skipSpace()
        guard peek == UInt8(ascii: "[") else {
            try skipValue()
            throw Malformed(message: "events must be an array.", code: "invalid_type", field: "events")
        }
        var events: [EventInput] = []
        events.reserveCapacity(min(bytes.count / 200, 10_001))
        try array { reader throws(Malformed) in
            reader.skipSpace()
            if reader.peek == UInt8(ascii: "{") {
                events.append(try reader.event())
            } else {
                try reader.skipValue()
                var input = EventInput()
                input.malformed = ("", "An event must be a JSON object.")
                events.append(input)
            }
        }
        return events
    }

    private mutating func event() throws(Malformed) -> EventInput {
        var input = EventInput()
        try object { reader, field throws(Malformed) in
            guard let field else { return try reader.skipValue() }
            let key = field.name
            switch field {
            case .id: input.id = try reader.text(key, &input)
            case .type: input.type = try reader.text(key, &input)
            case .timestamp: input.timestamp = try reader.text(key, &input, numbersAllowed: false)
            case .anonymousID: input.anonymousID = try reader.text(key, &input)
            case .customerID: input.customerID = try reader.text(key, &input)
            case .sessionID: input.sessionID = try reader.text(key, &input)
            case .url: input.url = try reader.text(key, &input)
            case .referrer: input.referrer = try reader.text(key, &input)
            case .utmSource: input.utmSource = try reader.text(key, &input)
            case .utmMedium: input.utmMedium = try reader.text(key, &input)
            case .utmCampaign: input.utmCampaign = try reader.text(key, &input)
            case .device: input.device = try reader.text(key, &input)
            case .sku: input.sku = try reader.text(key, &input)
            case .orderID: input.orderID = try reader.text(key, &input)
            case .value: input.value = try reader.integer(key, &input)
            case .properties: input.properties = try reader.propertiesText(&input)
            case .events: try reader.skipValue()
            }
        }
        return input
    }

    /// A string field; integers are accepted for ids (`"customer_id": 42`).
    private mutating func text(_ key: String, _ input: inout EventInput, numbersAllowed: Bool = true) throws(Malformed) -> String? {
        skipSpace()
        switch peek {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (text, isInteger) = try number()
            if numbersAllowed, isInteger { return text }
        default:
            try skipValue()
        }
        if input.malformed == nil {
            input.malformed = (key, key == "timestamp" ? "timestamp must be an ISO 8601 string." : "\(key) must be a string.")
        }
        return nil
    }

    private mutating func integer(_ key: String, _ input: inout EventInput) throws(Malformed) -> Int64? {
        skipSpace()
        if peek == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        if peek == UInt8(ascii: "-") || (peek >= UInt8(ascii: "0") && peek <= UInt8(ascii: "9")) {
            let (text, isInteger) = try number()
            if isInteger, let value = Int64(text) { return value }
        } else {
            try skipValue()
        }
        if input.malformed == nil { input.malformed = (key, "\(key) must be an integer amount in minor units.") }
        return nil
    }

    private mutating func propertiesText(_ input: inout EventInput) throws(Malformed) -> String? {
        skipSpace()
        if peek == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        let start = position
        let isObject = peek == UInt8(ascii: "{")
        try skipValue()
        guard isObject else {
            if input.malformed == nil { input.malformed = ("properties", "properties must be a JSON object.") }
            return nil
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    // MARK: - JSON grammar

    private var peek: UInt8 { position < bytes.count ? bytes[position] : 0 }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) throws(Malformed) {
        skipSpace()
        guard peek == byte else { throw Self.invalid }
        position += 1
    }

    private mutating func end() throws(Malformed) {
        skipSpace()
        guard position == bytes.count else { throw Self.invalid }
    }

    private static let invalid = Malformed(message: "The body is not valid JSON.")

    /// Reads an object, calling `member` with each key's field (nil when unknown) positioned at its value.
    private mutating func object(_ member: (inout EventJSONReader, EventField?) throws(Malformed) -> Void) throws(Malformed) {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw Self.invalid }
            let field = try key()
            try expect(UInt8(ascii: ":"))
            try member(&self, field)
            skipSpace()
            if peek == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    private mutating func array(_ element: (inout EventJSONReader) throws(Malformed) -> Void) throws(Malformed) {
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            try element(&self)
            skipSpace()
            if peek == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    private mutating func skipValue() throws(Malformed) {
        skipSpace()
        switch peek {
        case UInt8(ascii: "{"): try object { reader, _ throws(Malformed) in try reader.skipValue() }
        case UInt8(ascii: "["): try array { reader throws(Malformed) in try reader.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws(Malformed) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw Self.invalid }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] { throw Self.invalid }
        position += count
    }

    /// A JSON number's text, and whether it is a plain integer.
    private mutating func number() throws(Malformed) -> (String, Bool) {
        let start = position
        var isInteger = true
        if peek == UInt8(ascii: "-") { position += 1 }
        guard try digits() else { throw Self.invalid }
        if peek == UInt8(ascii: ".") {
            position += 1
            isInteger = false
            guard try digits() else { throw Self.invalid }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            isInteger = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard try digits() else { throw Self.invalid }
        }
        return (String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self), isInteger)
    }

    private mutating func digits() throws(Malformed) -> Bool {
        let start = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
        return position > start
    }

    /// A key, matched on its bytes (keys with escapes are unescaped first).
    private mutating func key() throws(Malformed) -> EventField? {
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            position = end + 1
            return EventField(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        }
        var text = try string()
        return text.withUTF8 { EventField(UnsafeRawBufferPointer($0)) }
    }

    /// A string value, unescaped; invalid UTF-8 or control characters make the body invalid.
    private mutating func string() throws(Malformed) -> String {
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return try Self.utf8(slice.assumingMemoryBound(to: UInt8.self))
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 { throw Self.invalid }
            position += 1
        }
        throw Self.invalid
    }

    /// The text of UTF-8 bytes; invalid UTF-8 makes the body invalid. (Decoding repairs invalid
    /// sequences, so the bytes are valid exactly when the decoded text reads back the same.)
    private static func utf8<Units: Collection<UInt8>>(_ units: Units) throws(Malformed) -> String {
        let text = String(decoding: units, as: UTF8.self)
        if units.contains(where: { $0 >= 0x80 }), !text.utf8.elementsEqual(units) { throw invalid }
        return text
    }

    private mutating func escapedString(from start: Int) throws(Malformed) -> String {
        var output: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try Self.utf8(output)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw Self.invalid }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"): output.append(contentsOf: try unicodeEscape())
                default: throw Self.invalid
                }
            case 0..<0x20: throw Self.invalid
            default: output.append(byte)
            }
        }
        throw Self.invalid
    }

    /// `\uXXXX` (after the `u`), with a following low surrogate when it is a high one.
    private mutating func unicodeEscape() throws(Malformed) -> [UInt8] {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard peek == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else { throw Self.invalid }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw Self.invalid }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw Self.invalid }
        return Array(String(Character(unicode)).utf8)
    }

    private mutating func hex4() throws(Malformed) -> UInt32 {
        guard position + 4 <= bytes.count else { throw Self.invalid }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            position += 1
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw Self.invalid
            }
            value = value << 4 | digit
        }
        return value
    }
}
