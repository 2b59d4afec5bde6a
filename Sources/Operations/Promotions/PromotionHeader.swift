import Commerce
import Foundation
import Persistence

/// The fields every promotion has on the wire, read from its JSON object with field-named errors.
struct PromotionHeader {
    var name: String
    var type: PromotionType
    var startsAt: Instant
    var endsAt: Instant
    var priority: Int
    var exclusive: Bool
    var status: PromotionStatusInput
    var budget: Int64?
    var maxUses: Int64?
    /// The whole object: the rule decoder reads its `type` and type-specific fields.
    var ruleFields: [String: Any]

    typealias PromotionStatusInput = Persistence.PromotionStatus

    init(_ object: [String: Any], currency: Currency) throws {
        guard let name = object["name"] as? String else { throw Self.missingOrWrong("name", object, "a string") }
        try CatalogRules.validateTitle(name, field: "name")
        guard let typeText = object["type"] as? String else { throw Self.missingOrWrong("type", object, "a string") }
        guard let type = PromotionType(rawValue: typeText) else {
            throw OperationsError.invalid(
                code: "invalid_type_name", field: "type",
                message: "type is one of \(PromotionType.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self.name = name
        self.type = type
        startsAt = try Self.time(object, "starts_at")
        endsAt = try Self.time(object, "ends_at")
        priority = try Self.integer(object, "priority").map(Int.init) ?? 0
        exclusive = try Self.boolean(object, "exclusive") ?? false
        if let raw = object["status"], !(raw is NSNull) {
            guard let text = raw as? String, let status = PromotionStatusInput(rawValue: text) else {
                throw OperationsError.invalid(code: "invalid_value", field: "status", message: "status is active or disabled.")
            }
            self.status = status
        } else {
            status = .active
        }
        budget = try Self.money(object, "budget", currency: currency)
        maxUses = try Self.integer(object, "max_uses")
        if let budget, budget <= 0 { throw CommerceError.invalid("budget", "A budget must be positive.") }
        if let maxUses, maxUses <= 0 { throw CommerceError.invalid("max_uses", "max_uses must be positive.") }
        ruleFields = object
    }

    static func time(_ object: [String: Any], _ key: String) throws -> Instant {
        guard let text = object[key] as? String else { throw missingOrWrong(key, object, "an ISO-8601 time") }
        guard let instant = Instant(iso8601: text) else {
            throw OperationsError.invalid(code: "invalid_time", field: key, message: "Expected an ISO-8601 time like 2026-11-11T00:00:00+08:00.")
        }
        return instant
    }

    static func integer(_ object: [String: Any], _ key: String) throws -> Int64? {
        guard let raw = object[key], !(raw is NSNull) else { return nil }
        guard let number = raw as? NSNumber, !isBoolean(number), number.doubleValue == number.doubleValue.rounded(), abs(number.doubleValue) < 1e15 else {
            throw wrongType(key, "Expected an integer.")
        }
        return number.int64Value
    }

    static func boolean(_ object: [String: Any], _ key: String) throws -> Bool? {
        guard let raw = object[key], !(raw is NSNull) else { return nil }
        guard let number = raw as? NSNumber, isBoolean(number) else { throw wrongType(key, "Expected true or false.") }
        return number.boolValue
    }

    /// A JSON `true`/`false`. (`is Bool` also holds for the numbers 0 and 1, so it cannot tell them apart.)
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    /// Money as an integer of minor units or `{"amount", "currency"}` in the shop currency.
    static func money(_ object: [String: Any], _ key: String, currency: Currency) throws -> Int64? {
        guard let raw = object[key], !(raw is NSNull) else { return nil }
        if let nested = raw as? [String: Any] {
            if let code = nested["currency"] as? String, code != currency.code {
                throw CommerceError(code: "currency_mismatch", field: "\(key).currency", message: "Expected \(currency.code), got \(code).")
            }
            guard let amount = try integer(nested, "amount") else { throw missingOrWrong("\(key).amount", nested, "an integer") }
            return amount
        }
        return try integer(object, key)
    }

    static func missingOrWrong(_ key: String, _ object: [String: Any], _ what: String) -> CommerceError {
        let last = String(key.split(separator: ".").last ?? "")
        if object[last] == nil || object[last] is NSNull {
            return CommerceError(code: "required", field: key, message: "\(key) is required.")
        }
        return wrongType(key, "Expected \(what) at \(key).")
    }

    /// A value of the wrong JSON type: malformed (400 `invalid_type`), as on every other route.
    static func wrongType(_ field: String, _ message: String) -> CommerceError {
        CommerceError(code: "invalid_type", field: field, message: message, kind: .malformed)
    }

    /// The wire name of a rule field path (`prices[0].sku_id` → `prices[0].sku`).
    static func wireField(_ field: String) -> String {
        field.replacingOccurrences(of: "category_ids", with: "categories").replacingOccurrences(of: "sku_ids", with: "skus")
            .replacingOccurrences(of: "sku_id", with: "sku")
    }

    /// A rule decoding failure as a 422 naming the wire field.
    static func describe(_ error: DecodingError) -> CommerceError {
        func path(_ keys: [any CodingKey]) -> String { wireField(FieldPath.of(keys)) }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return CommerceError(code: "required", field: field, message: "\(field) is required.")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return wrongType(path(context.codingPath), "Wrong type at \(path(context.codingPath)).")
        case .dataCorrupted(let context):
            return CommerceError(code: "invalid_value", field: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return CommerceError(code: "invalid_value", field: nil, message: "The promotion could not be read.")
        }
    }
}
