import Commerce
import Foundation
import Insights
import Persistence

/// Why one event of a batch was refused.
public struct EventRejection: Error, Sendable, Equatable {
    public var index: Int
    public var code: String
    public var field: String?
    public var message: String
}

/// Turns a client's event into what is stored, or says exactly why it cannot be.
struct EventValidation {
    static let maxTextLength = 2048
    static let maxFutureMs: Int64 = 24 * 3600 * 1000
    static let devices = Set(Device.allCases.map(\.name))

    let now: Instant
    let channels: ChannelRules.Classifier
    /// Internal SKU ids of the codes the batch names (unknown codes absent).
    let skuIDs: [String: Int64]

    func record(_ input: EventInput) -> Result<EventRecord, EventRejection> {
        func reject(_ code: String, _ field: String?, _ message: String) -> Result<EventRecord, EventRejection> {
            .failure(EventRejection(index: 0, code: code, field: field, message: message))
        }
        if let malformed = input.malformed { return reject("invalid_field", malformed.field, malformed.message) }
        guard let idText = input.id, let uid = Self.uuidBytes(idText) else {
            return reject("invalid_event_id", "id", "id must be a UUID chosen by the client.")
        }
        guard let type = input.type, Self.isValidTypeName(type) else {
            return reject("invalid_type", "type", "type must be 1–64 characters of a–z, 0–9 and _.")
        }
        var timestamp = now
        if let text = input.timestamp {
            guard let parsed = Instant(iso8601: text) else {
                return reject("invalid_timestamp", "timestamp", "timestamp must be ISO 8601, e.g. 2026-11-22T08:00:00Z.")
            }
            guard parsed.millisecondsSinceEpoch <= now.millisecondsSinceEpoch + Self.maxFutureMs else {
                return reject("timestamp_in_future", "timestamp", "timestamp is more than a day ahead of the server clock.")
            }
            timestamp = parsed
        }
        var customerID: Int64?
        if let text = input.customerID {
            guard let id = IDPrefix.customer.parse(text) ?? Int64(text).flatMap({ $0 > 0 ? $0 : nil }) else {
                return reject("invalid_customer_id", "customer_id", "customer_id must look like cus_123.")
            }
            customerID = id
        }
        let anonymousID = input.anonymousID.flatMap { $0.isEmpty ? nil : $0 }
        guard anonymousID != nil || customerID != nil else {
            return reject("missing_identity", "anonymous_id", "An event needs anonymous_id or customer_id.")
        }
        for (field, value) in [("anonymous_id", anonymousID), ("session_id", input.sessionID), ("url", input.url),
                               ("referrer", input.referrer), ("utm_source", input.utmSource), ("utm_medium", input.utmMedium),
                               ("utm_campaign", input.utmCampaign), ("properties", input.properties)]
        where (value?.utf8.count ?? 0) > Self.maxTextLength {
            return reject("too_long", field, "\(field) is longer than \(Self.maxTextLength) bytes.")
        }
        let device = input.device ?? "other"
        guard Self.devices.contains(device) else {
            return reject("invalid_device", "device", "device must be one of \(Device.allCases.map(\.name).joined(separator: ", ")).")
        }
        var skuID: Int64?
        if let code = input.sku {
            guard let id = skuIDs[code] else { return reject("unknown_sku", "sku", "No SKU \(code) in the catalog.") }
            skuID = id
        }
        var orderID: Int64?
        if let text = input.orderID {
            guard let id = IDPrefix.order.parse(text) else { return reject("invalid_order_id", "order_id", "order_id must look like ord_123.") }
            orderID = id
        }
        if let value = input.value, value < 0 { return reject("invalid_value", "value", "value must not be negative.") }
        if type == StandardEvent.experimentExposure.name, let problem = Self.exposureProblem(input.properties) {
            return reject("invalid_exposure", "properties.\(problem)", "An experiment_exposure event names properties.experiment and properties.variant as keys.")
        }
        let channel = channels.classify(utmSource: input.utmSource, utmMedium: input.utmMedium, referrer: input.referrer, url: input.url)
        return .success(EventRecord(
            uid: uid, type: type, timestamp: timestamp, anonymousID: anonymousID,
            customerID: customerID, sessionID: input.sessionID.flatMap { $0.isEmpty ? nil : $0 }, channel: channel.name,
            device: device, skuID: skuID, orderID: orderID, value: input.value, url: input.url, referrer: input.referrer,
            utmSource: input.utmSource, utmMedium: input.utmMedium, utmCampaign: input.utmCampaign, properties: input.properties))
    }

    /// The 16 bytes of a UUID in its 8-4-4-4-12 hex form (any case). Foundation's parser goes
    /// through sscanf, a visible share of ingestion.
    static func uuidBytes(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { utf8 -> [UInt8]? in
            guard utf8.count == 36 else { return nil }
            var bytes = [UInt8](repeating: 0, count: 16)
            var nibble = 0
            for index in 0..<36 {
                let character = utf8[index]
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard character == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let digit: UInt8
                switch character {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = character &- UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = character &- UInt8(ascii: "a") &+ 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = character &- UInt8(ascii: "A") &+ 10
                default: return nil
                }
                bytes[nibble >> 1] |= nibble & 1 == 0 ? digit << 4 : digit
                nibble += 1
            }
            return bytes
        }
    }

    /// The property an `experiment_exposure` event lacks or gets wrong, nil when both are keys.
    static func exposureProblem(_ properties: String?) -> String? {
        let object = properties.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any]
        for name in ["experiment", "variant"] {
            guard let value = object?[name] as? String, ExperimentDefinition.isValidKey(value) else { return name }
        }
        return nil
    }

    static func isValidTypeName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            guard (1...64).contains(bytes.count) else { return false }
            for byte in bytes where !((byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 95) { return false }
            return true
        }
    }
}
