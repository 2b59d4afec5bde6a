import Commerce
import Foundation
import Operations
import Persistence

/// The promotion form's fields as typed, and the wire JSON the promotion service takes
/// (docs/promotions.md): common fields, then the selected type's own fields (money typed in
/// major units, converted exactly by `DecimalMoney`). Bundles and member prices are given as
/// JSON in `rule_json`.
struct PromotionForm {
    /// Field name → text as typed (or as shown when editing).
    var values: [String: String]

    static let types: [PromotionType] = [
        .specialPrice, .percentOff, .thresholdReduction, .quantityDiscount, .buyXGetY, .freeShipping, .flashSale, .bundle, .memberPrice,
    ]
    /// Types whose fields come from `rule_json`.
    static let jsonTypes: Set<PromotionType> = [.bundle, .memberPrice]
    static let tierRows = 3
    /// Wire keys that are not a rule's own fields.
    static let commonKeys: Set<String> = [
        "id", "name", "type", "class", "starts_at", "ends_at", "priority", "exclusive", "status", "budget", "max_uses", "used",
        "created_at", "updated_at", "flash_remaining", "sold_out",
    ]

    init(values: [String: String]) {
        self.values = values.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// A new promotion starting on `day` (local midnight) for one day.
    static func new(starting day: String) -> PromotionForm {
        let next = AnalyticsService.shiftDay(day, by: 1) ?? day
        return PromotionForm(values: [
            "type": PromotionType.percentOff.rawValue, "starts_at": day + "T00:00", "ends_at": next + "T00:00", "priority": "0",
            "status": "active", "tr_mode": "tiers", "fl_hold_minutes": "10", "bx_percent_off_of_get": "100",
        ])
    }

    var type: PromotionType? { values["type"].flatMap(PromotionType.init(rawValue:)) }

    subscript(_ name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    // MARK: Form → wire

    /// The wire object. `replacing`: the object updates a stored promotion (merged over it by the
    /// service), so optional fields left blank are sent as null to clear them.
    func wire(currency: Currency, clock: ShopClock, replacing: Bool) throws -> [String: Any] {
        var object: [String: Any] = [:]
        let clear: Any? = replacing ? NSNull() : nil
        object["name"] = values["name"] ?? ""
        object["type"] = values["type"] ?? ""
        if let starts = self["starts_at"] { object["starts_at"] = clock.wireTime(starts) }
        if let ends = self["ends_at"] { object["ends_at"] = clock.wireTime(ends) }
        object["priority"] = try integer("priority", "priority") ?? 0
        object["exclusive"] = self["exclusive"] != nil
        object["status"] = self["status"] ?? "active"
        object["budget"] = try money("budget", "budget", currency).map { $0 as Any } ?? clear
        object["max_uses"] = try integer("max_uses", "max_uses").map { $0 as Any } ?? clear
        guard let type else { return object }
        switch type {
        case .specialPrice:
            object["prices"] = try prices(currency)
        case .percentOff:
            object["scope"] = scope
            object["percent_off"] = try percent("pct_percent_off", "percent_off")
            object["cap"] = try money("pct_cap", "cap", currency).map { $0 as Any } ?? clear
        case .thresholdReduction:
            object["scope"] = scope
            if self["tr_mode"] == "repeating" {
                var repeating: [String: Any] = [:]
                repeating["every"] = try money("tr_every", "repeating.every", currency)
                repeating["reduction"] = try money("tr_reduction", "repeating.reduction", currency)
                repeating["cap"] = try money("tr_cap", "repeating.cap", currency)
                object["repeating"] = repeating
                object["tiers"] = clear
            } else {
                var tiers: [[String: Any]] = []
                for row in 1...Self.tierRows where self["tr_threshold_\(row)"] != nil || self["tr_reduction_\(row)"] != nil {
                    let index = tiers.count
                    var tier: [String: Any] = [:]
                    tier["threshold"] = try money("tr_threshold_\(row)", "tiers[\(index)].threshold", currency)
                    tier["reduction"] = try money("tr_reduction_\(row)", "tiers[\(index)].reduction", currency)
                    tiers.append(tier)
                }
                object["tiers"] = tiers
                object["repeating"] = clear
            }
        case .quantityDiscount:
            object["scope"] = scope
            object["min_quantity"] = try integer("qd_min_quantity", "min_quantity")
            object["percent_off"] = try percent("qd_percent_off", "percent_off")
        case .buyXGetY:
            object["scope"] = scope
            object["buy"] = try integer("bx_buy", "buy")
            object["get"] = try integer("bx_get", "get")
            object["percent_off_of_get"] = try percent("bx_percent_off_of_get", "percent_off_of_get")
        case .freeShipping:
            object["threshold"] = try money("fs_threshold", "threshold", currency)
            object["scope"] = self["scope"] == nil ? clear : scope
        case .flashSale:
            object["sku"] = self["fl_sku"]
            object["price"] = try money("fl_price", "price", currency)
            object["stock"] = try integer("fl_stock", "stock")
            object["per_customer_limit"] = try integer("fl_per_customer_limit", "per_customer_limit")
            object["hold_minutes"] = try integer("fl_hold_minutes", "hold_minutes")
        case .bundle, .memberPrice:
            for (key, value) in try ruleJSON() where !Self.commonKeys.contains(key) { object[key] = value }
        }
        return object
    }

    /// `{"all": true}` when blank; else SKU codes and `cat_` ids separated by commas or spaces.
    var scope: [String: Any] {
        let tokens = (self["scope"] ?? "").split { $0 == "," || $0 == "，" || $0.isWhitespace }.map(String.init)
        guard !tokens.isEmpty else { return ["all": true] }
        var object: [String: Any] = [:]
        let categories = tokens.filter { $0.hasPrefix("cat_") }, skus = tokens.filter { !$0.hasPrefix("cat_") }
        if !skus.isEmpty { object["skus"] = skus }
        if !categories.isEmpty { object["categories"] = categories }
        return object
    }

    /// `sp_prices`: one `CODE 89.00` per line.
    func prices(_ currency: Currency) throws -> [[String: Any]] {
        let lines = (self["sp_prices"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return try lines.enumerated().map { index, line in
            let parts = line.split { $0 == "=" || $0 == "," || $0.isWhitespace }.map(String.init)
            guard parts.count == 2 else {
                throw OperationsError.invalid(code: "invalid_value", field: "prices[\(index)]", message: "Write one SKU code and its price per line, like TEA-250 89.00.")
            }
            return ["sku": parts[0], "price": try Self.money(parts[1], field: "prices[\(index)].price", currency)]
        }
    }

    func ruleJSON() throws -> [String: Any] {
        guard let text = self["rule_json"] else { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw OperationsError.invalid(code: "invalid_json", field: "rule_json", message: "The rule's fields must be a JSON object.")
        }
        return object
    }

    func money(_ name: String, _ field: String, _ currency: Currency) throws -> Int64? {
        try self[name].map { try Self.money($0, field: field, currency) }
    }

    /// Major units as typed (`19.90`) → minor units, exactly (`DecimalMoney`, as imports read them).
    static func money(_ text: String, field: String, _ currency: Currency) throws -> Int64 {
        switch DecimalMoney.parse(text, currency: currency) {
        case .success(let amount): return amount
        case .failure(let failure):
            throw OperationsError.invalid(code: "invalid_amount", field: field, message: DecimalMoney.message(failure, column: field, text: text))
        }
    }

    func integer(_ name: String, _ field: String) throws -> Int64? {
        guard let text = self[name] else { return nil }
        guard let value = Int64(text) else {
            throw OperationsError.invalid(code: "invalid_value", field: field, message: "\(field) must be a whole number.")
        }
        return value
    }

    /// A percent as typed (`20`, `12.5`) → the wire number; its range is the service's to check.
    func percent(_ name: String, _ field: String) throws -> Any? {
        guard let text = self[name] else { return nil }
        let negative = text.hasPrefix("-")
        guard case .success(let basisPoints) = DecimalMoney.parse(negative ? String(text.dropFirst()) : text, minorDigits: 2) else {
            throw OperationsError.invalid(code: "invalid_percent", field: field, message: "\(field) must be a percent like 20 or 12.5.")
        }
        let signed = negative ? -basisPoints : basisPoints
        return signed % 100 == 0 ? signed / 100 as Any : Double(signed) / 100 as Any
    }

    // MARK: Wire → form

    /// The form showing a stored promotion's wire JSON.
    init(wire: [String: Any], currency: Currency, clock: ShopClock) {
        var values: [String: String] = [:]
        func text(_ value: Any?) -> String? {
            switch value {
            case let string as String: string
            case let number as NSNumber: number.stringValue
            default: nil
            }
        }
        func major(_ value: Any?) -> String? {
            if let object = value as? [String: Any] { return major(object["amount"]) }
            return (value as? NSNumber).map { currency.plainMajor($0.int64Value) }
        }
        values["name"] = text(wire["name"])
        values["type"] = text(wire["type"])
        values["starts_at"] = text(wire["starts_at"]).flatMap(Instant.init(iso8601:)).map(clock.dateTime)
        values["ends_at"] = text(wire["ends_at"]).flatMap(Instant.init(iso8601:)).map(clock.dateTime)
        values["priority"] = text(wire["priority"])
        values["exclusive"] = (wire["exclusive"] as? Bool) == true ? "on" : nil
        values["status"] = text(wire["status"])
        values["budget"] = major(wire["budget"])
        values["max_uses"] = text(wire["max_uses"])
        if let scope = wire["scope"] as? [String: Any], scope["all"] as? Bool != true {
            values["scope"] = ((scope["skus"] as? [Any] ?? []) + (scope["categories"] as? [Any] ?? [])).compactMap(text).joined(separator: ", ")
        }
        switch wire["type"] as? String {
        case PromotionType.specialPrice.rawValue:
            values["sp_prices"] = (wire["prices"] as? [[String: Any]] ?? []).map { "\(text($0["sku"]) ?? "") \(major($0["price"]) ?? "")" }.joined(separator: "\n")
        case PromotionType.percentOff.rawValue:
            values["pct_percent_off"] = text(wire["percent_off"])
            values["pct_cap"] = major(wire["cap"])
        case PromotionType.thresholdReduction.rawValue:
            if let repeating = wire["repeating"] as? [String: Any] {
                values["tr_mode"] = "repeating"
                values["tr_every"] = major(repeating["every"])
                values["tr_reduction"] = major(repeating["reduction"])
                values["tr_cap"] = major(repeating["cap"])
            } else {
                values["tr_mode"] = "tiers"
                for (index, tier) in (wire["tiers"] as? [[String: Any]] ?? []).prefix(Self.tierRows).enumerated() {
                    values["tr_threshold_\(index + 1)"] = major(tier["threshold"])
                    values["tr_reduction_\(index + 1)"] = major(tier["reduction"])
                }
            }
        case PromotionType.quantityDiscount.rawValue:
            values["qd_min_quantity"] = text(wire["min_quantity"])
            values["qd_percent_off"] = text(wire["percent_off"])
        case PromotionType.buyXGetY.rawValue:
            values["bx_buy"] = text(wire["buy"])
            values["bx_get"] = text(wire["get"])
            values["bx_percent_off_of_get"] = text(wire["percent_off_of_get"])
        case PromotionType.freeShipping.rawValue:
            values["fs_threshold"] = major(wire["threshold"])
        case PromotionType.flashSale.rawValue:
            values["fl_sku"] = text(wire["sku"])
            values["fl_price"] = major(wire["price"])
            values["fl_stock"] = text(wire["stock"])
            values["fl_per_customer_limit"] = text(wire["per_customer_limit"])
            values["fl_hold_minutes"] = text(wire["hold_minutes"])
        default:
            let rule = wire.filter { !Self.commonKeys.contains($0.key) }
            if let data = try? JSONSerialization.data(withJSONObject: rule, options: [.sortedKeys]) {
                values["rule_json"] = String(decoding: data, as: UTF8.self)
            }
        }
        self.init(values: values.compactMapValues { $0 })
    }

    /// Minor units as an operator types major units: `1990` → `19.90` (no symbol, no grouping).
    // MARK: Errors on fields

    /// The form field showing a wire field the service refused (`tiers[1].threshold` → `tr_threshold_2`).
    func formField(for wireField: String?) -> String? {
        guard let wireField, let type else { return nil }
        if ["name", "type", "starts_at", "ends_at", "priority", "status", "budget", "max_uses"].contains(wireField) { return wireField }
        if wireField.hasPrefix("scope") || wireField.hasPrefix("skus") || wireField.hasPrefix("categories") { return "scope" }
        if wireField.hasPrefix("tiers["), let close = wireField.firstIndex(of: "]"), let index = Int(wireField[wireField.index(wireField.startIndex, offsetBy: 6)..<close]) {
            return (wireField.hasSuffix("reduction") ? "tr_reduction_" : "tr_threshold_") + String(index + 1)
        }
        if wireField == "tiers" { return "tr_threshold_1" }
        let table: [PromotionType: [String: String]] = [
            .specialPrice: ["prices": "sp_prices"],
            .percentOff: ["percent_off": "pct_percent_off", "cap": "pct_cap"],
            .thresholdReduction: ["repeating.every": "tr_every", "repeating.reduction": "tr_reduction", "repeating.cap": "tr_cap", "repeating": "tr_every"],
            .quantityDiscount: ["min_quantity": "qd_min_quantity", "percent_off": "qd_percent_off"],
            .buyXGetY: ["buy": "bx_buy", "get": "bx_get", "percent_off_of_get": "bx_percent_off_of_get"],
            .freeShipping: ["threshold": "fs_threshold"],
            .flashSale: ["sku": "fl_sku", "price": "fl_price", "stock": "fl_stock", "per_customer_limit": "fl_per_customer_limit", "hold_minutes": "fl_hold_minutes"],
        ]
        if type == .specialPrice, wireField.hasPrefix("prices") { return "sp_prices" }
        if Self.jsonTypes.contains(type) { return "rule_json" }
        return table[type]?[wireField] ?? (type == .flashSale && wireField == "sku_id" ? "fl_sku" : nil)
    }
}
