import Commerce
import Foundation
import Persistence

/// A promotion's review (复盘): what it did, against the equal-length period before it.
public struct PromotionReview: Sendable {
    public var promotion: PromotionRecord
    public var period: (from: Instant, to: Instant)
    public var during: PromotionFigures
    public var before: PromotionFigures
}

/// Use cases of promotions: define, change, list, plan on a calendar, review, flash sales.
public struct PromotionService: Sendable {
    let store: any Store
    let time: any TimeSource

    public init(store: any Store, time: any TimeSource) {
        self.store = store
        self.time = time
    }

    /// Creates a promotion from its wire JSON (type-specific fields beside the common ones).
    public func create(_ shop: ShopInfo, json: [UInt8]) async throws -> PromotionRecord {
        let definition = try await definition(shop, object: try Self.object(json))
        return try await store.createPromotion(shop.id, definition, now: time.now())
    }

    /// Changes a promotion: the given fields replace the current ones; counters are kept.
    public func update(_ shop: ShopInfo, id: String, json: [UInt8]) async throws -> PromotionRecord {
        let current = try await promotion(shop, id: id)
        var object = try await wire(shop, current)
        for (key, value) in try Self.object(json) where !["id", "used", "created_at", "updated_at"].contains(key) {
            object[key] = value
        }
        return try await store.updatePromotion(shop.id, id: current.id, try await definition(shop, object: object), now: time.now())
    }

    public func promotion(_ shop: ShopInfo, id: String) async throws -> PromotionRecord {
        guard let promotionID = IDPrefix.promotion.parse(id), let record = try await store.promotion(shop.id, id: promotionID) else {
            throw OperationsError.notFound(entity: "promotion", id: id)
        }
        return record
    }

    public func list(_ shop: ShopInfo, window: (from: Instant, to: Instant)?, type: PromotionType?, page: PageRequest) async throws -> Page<PromotionRecord> {
        try await store.promotions(shop.id, overlapping: window, type: type, page: page)
    }

    /// Every promotion overlapping [from, to), for planning.
    public func calendar(_ shop: ShopInfo, from: Instant, to: Instant) async throws -> [PromotionRecord] {
        guard to > from else { throw CommerceError.invalid("to", "to must be after from.", code: "invalid_window") }
        guard to.millisecondsSinceEpoch - from.millisecondsSinceEpoch <= 400 * 86_400_000 else {
            throw CommerceError.invalid("to", "A calendar spans at most 400 days.", code: "invalid_window")
        }
        var result: [PromotionRecord] = []
        var page = PageRequest(limit: 100)
        while true {
            let batch = try await store.promotions(shop.id, overlapping: (from, to), type: nil, page: page)
            result += batch.items
            guard batch.hasMore, let last = batch.items.last else { break }
            page.startingAfter = last.id
        }
        return result.sorted { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }
    }

    /// Orders, GMV, discount, units, customers and new customers of the orders that used the
    /// promotion, against the orders with its SKUs (or all orders) in the equal period before.
    public func review(_ shop: ShopInfo, id: String) async throws -> PromotionReview {
        let record = try await promotion(shop, id: id)
        let end = min(record.endsAt, max(record.startsAt, time.now()))
        let length = max(0, end.millisecondsSinceEpoch - record.startsAt.millisecondsSinceEpoch)
        let before = Instant(millisecondsSinceEpoch: record.startsAt.millisecondsSinceEpoch - length)
        let skuIDs = Self.scopeSKUs(record.rule)
        let during = try await store.promotionFigures(shop.id, promotionID: record.id, skuIDs: nil, from: record.startsAt, to: end)
        let previous = try await store.promotionFigures(shop.id, promotionID: nil, skuIDs: skuIDs, from: before, to: record.startsAt)
        return PromotionReview(promotion: record, period: (record.startsAt, end), during: during, before: previous)
    }

    /// Live and upcoming flash sales.
    public func flashSales(_ shop: ShopInfo) async throws -> [PromotionRecord] {
        let now = time.now()
        return try await calendar(shop, from: now, to: now.adding(seconds: 366 * 86_400))
            .filter { if case .flashSale = $0.rule { $0.status == .active } else { false } }
    }

    /// The wire JSON of a promotion: common fields, the rule's fields with SKU codes, and usage.
    public func wire(_ shop: ShopInfo, _ record: PromotionRecord) async throws -> [String: Any] {
        let ruleObject = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record.rule)) as? [String: Any] ?? [:]
        let ids = SKUReferences.skuIDs(in: ruleObject)
        let codes = try await skuCodes(shop, ids: ids)
        var object = SKUReferences(store: store, shop: shop).toWire(ruleObject, codes: codes)
        object["id"] = IDPrefix.promotion.format(record.id)
        object["name"] = record.name
        object["type"] = record.rule.type.rawValue
        object["class"] = record.rule.promotionClass.rawValue
        object["starts_at"] = record.startsAt.iso8601
        object["ends_at"] = record.endsAt.iso8601
        object["priority"] = record.priority
        object["exclusive"] = record.exclusive
        object["status"] = record.status.rawValue
        object["budget"] = record.budgetCap.map { ["amount": $0, "currency": shop.currency.code] as [String: Any] } ?? NSNull()
        object["max_uses"] = record.usesCap.map { $0 as Any } ?? NSNull()
        var used: [String: Any] = ["budget": ["amount": record.budgetUsed, "currency": shop.currency.code], "uses": record.usesCount]
        if let remaining = record.flashRemaining {
            used["flash_sold"] = record.flashSold
            object["flash_remaining"] = remaining
            object["sold_out"] = remaining == 0
        }
        object["used"] = used
        object["created_at"] = record.createdAt.iso8601
        object["updated_at"] = record.updatedAt.iso8601
        return object
    }

    func skuCodes(_ shop: ShopInfo, ids: Set<Int64>) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try await store.skuCodes(shop.id, ids: Array(ids))
    }

    /// Builds and checks a definition from a wire object.
    func definition(_ shop: ShopInfo, object: [String: Any]) async throws -> PromotionDefinition {
        let header = try PromotionHeader(object, currency: shop.currency)
        let stored = try await SKUReferences(store: store, shop: shop).toStorage(header.ruleFields)
        let rule: PromotionRule
        do {
            let data = try JSONSerialization.data(withJSONObject: stored)
            rule = try JSONDecoder().decode(PromotionRule.self, from: data)
        } catch let error as DecodingError {
            throw PromotionHeader.describe(error)
        }
        let promotion = Promotion(
            id: 0, name: header.name, startsAt: header.startsAt, endsAt: header.endsAt, priority: header.priority,
            exclusive: header.exclusive, rule: rule)
        do {
            try promotion.validate()
        } catch {
            throw CommerceError(code: error.code, field: error.field.map(PromotionHeader.wireField), message: error.message, kind: error.kind)
        }
        return PromotionDefinition(
            name: header.name.trimmingWhitespace, rule: rule, startsAt: header.startsAt, endsAt: header.endsAt, priority: header.priority,
            exclusive: header.exclusive, status: header.status, budgetCap: header.budget, usesCap: header.maxUses)
    }

    /// SKUs a promotion is about, for the comparison period of its review (nil = every order).
    static func scopeSKUs(_ rule: PromotionRule) -> Set<Int64>? {
        let object = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(rule))) ?? [:]
        let ids = SKUReferences.skuIDs(in: object)
        return ids.isEmpty ? nil : ids
    }

    static func object(_ json: [UInt8]) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            // Malformed (400) like every other body that is not JSON, not a 422 about a value.
            throw CommerceError(code: "invalid_json", message: "The body is not a JSON object.", kind: .malformed)
        }
        return object
    }
}

