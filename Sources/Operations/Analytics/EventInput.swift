import Foundation

/// One event as a client sends it. Every field is read leniently so that one bad event is
/// rejected on its own (with its index) instead of failing the whole batch.
public struct EventInput: Decodable, Sendable {
    public var id: String?
    public var type: String?
    public var timestamp: String?
    public var anonymousID: String?
    public var customerID: String?
    public var sessionID: String?
    public var url: String?
    public var referrer: String?
    public var utmSource: String?
    public var utmMedium: String?
    public var utmCampaign: String?
    public var device: String?
    public var sku: String?
    public var orderID: String?
    public var value: Int64?
    /// The `properties` object re-encoded as JSON text.
    public var properties: String?
    /// The first field whose JSON type was wrong, with the problem.
    public var malformed: (field: String, message: String)?

    enum CodingKeys: String, CodingKey {
        case id, type, timestamp, url, referrer, device, sku, value, properties
        case anonymousID = "anonymous_id", customerID = "customer_id", sessionID = "session_id", orderID = "order_id"
        case utmSource = "utm_source", utmMedium = "utm_medium", utmCampaign = "utm_campaign"
    }

    public init(
        id: String? = nil, type: String? = nil, timestamp: String? = nil, anonymousID: String? = nil, customerID: String? = nil,
        sessionID: String? = nil, url: String? = nil, referrer: String? = nil, utmSource: String? = nil,
        utmMedium: String? = nil, utmCampaign: String? = nil, device: String? = nil, sku: String? = nil,
        orderID: String? = nil, value: Int64? = nil, properties: String? = nil
    ) {
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.anonymousID = anonymousID
        self.customerID = customerID
        self.sessionID = sessionID
        self.url = url
        self.referrer = referrer
        self.utmSource = utmSource
        self.utmMedium = utmMedium
        self.utmCampaign = utmCampaign
        self.device = device
        self.sku = sku
        self.orderID = orderID
        self.value = value
        self.properties = properties
    }

    public init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            malformed = ("", "An event must be a JSON object.")
            return
        }
        func text(_ key: CodingKeys) -> String? {
            guard container.contains(key) else { return nil }
            if let value = try? container.decodeIfPresent(String.self, forKey: key) { return value }
            // Integers are accepted where ids are expected (customer ids, skus, sessions).
            if let number = try? container.decode(Int64.self, forKey: key) { return String(number) }
            if (try? container.decodeNil(forKey: key)) == true { return nil }
            if malformed == nil { malformed = (key.stringValue, "\(key.stringValue) must be a string.") }
            return nil
        }
        id = text(.id)
        type = text(.type)
        anonymousID = text(.anonymousID)
        customerID = text(.customerID)
        sessionID = text(.sessionID)
        url = text(.url)
        referrer = text(.referrer)
        utmSource = text(.utmSource)
        utmMedium = text(.utmMedium)
        utmCampaign = text(.utmCampaign)
        device = text(.device)
        sku = text(.sku)
        orderID = text(.orderID)
        if container.contains(.timestamp) {
            if let value = try? container.decode(String.self, forKey: .timestamp) {
                timestamp = value
            } else if (try? container.decodeNil(forKey: .timestamp)) != true, malformed == nil {
                malformed = ("timestamp", "timestamp must be an ISO 8601 string.")
            }
        }
        if container.contains(.value), (try? container.decodeNil(forKey: .value)) != true {
            if let number = try? container.decode(Int64.self, forKey: .value) {
                value = number
            } else if malformed == nil {
                malformed = ("value", "value must be an integer amount in minor units.")
            }
        }
        if container.contains(.properties), (try? container.decodeNil(forKey: .properties)) != true {
            if let object = try? container.decode(PropertiesObject.self, forKey: .properties) {
                properties = object.json
            } else if malformed == nil {
                malformed = ("properties", "properties must be a JSON object.")
            }
        }
    }
}

/// A JSON object kept as canonical JSON text (sorted keys).
struct PropertiesObject: Decodable {
    let json: String

    init(from decoder: any Decoder) throws {
        let value = try JSONAny(from: decoder)
        guard case .object = value else {
            throw DecodingError.typeMismatch(PropertiesObject.self, .init(codingPath: decoder.codingPath, debugDescription: "not an object"))
        }
        json = value.text
    }
}

/// Any JSON value, decoded generically and written back as compact JSON text.
indirect enum JSONAny: Decodable {
    case null, bool(Bool), number(Double), integer(Int64), string(String), array([JSONAny]), object([String: JSONAny])

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONAny] = []
            while !array.isAtEnd { items.append(try array.decode(JSONAny.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var items: [String: JSONAny] = [:]
            for key in object.allKeys { items[key.stringValue] = try object.decode(JSONAny.self, forKey: key) }
            self = .object(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let value = try? single.decode(Bool.self) { self = .bool(value) }
        else if let value = try? single.decode(Int64.self) { self = .integer(value) }
        else if let value = try? single.decode(Double.self) { self = .number(value) }
        else { self = .string(try single.decode(String.self)) }
    }

    var text: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? String(value) : "null"
        case .string(let value): Self.quoted(value)
        case .array(let items): "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let items):
            "{" + items.keys.sorted().map { Self.quoted($0) + ":" + items[$0]!.text }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
    }
}
