import Commerce
import Foundation
import Insights
import Persistence

/// A segment evaluated now: how many customers match and which.
public struct SegmentEvaluation: Sendable {
    public var size: Int
    public var customers: [Int64]
    /// The customers' names, in the order of `customers`.
    public var names: [String]
    public var total: Int
}

/// Use cases of saved segments (人群): define with rules, evaluate on demand, preview, export.
public struct SegmentService: Sendable {
    let store: any Store
    let time: any TimeSource
    let analytics: AnalyticsService

    /// Creates a segment from `{"name", "rules"}`; the rules are checked before anything is stored.
    public func create(_ shop: ShopInfo, json: [UInt8]) async throws -> SegmentRecord {
        let (name, rules) = try Self.read(json)
        return try await store.createSegment(shop.id, name: name, rules: rules.jsonText, now: time.now())
    }

    public func update(_ shop: ShopInfo, id: String, json: [UInt8]) async throws -> SegmentRecord {
        let current = try await segment(shop, id: id)
        var object = try PromotionService.object(json)
        if object["name"] == nil { object["name"] = current.name }
        if object["rules"] == nil { object["rules"] = try JSONSerialization.jsonObject(with: Data(current.rules.utf8)) }
        let (name, rules) = try Self.read(try JSONSerialization.data(withJSONObject: object).map { $0 })
        return try await store.updateSegment(shop.id, id: current.id, name: name, rules: rules.jsonText, now: time.now())
    }

    public func segment(_ shop: ShopInfo, id: String) async throws -> SegmentRecord {
        guard let segmentID = IDPrefix.segment.parse(id), let record = try await store.segment(shop.id, id: segmentID) else {
            throw OperationsError.notFound(entity: "segment", id: id)
        }
        return record
    }

    public func list(_ shop: ShopInfo, page: PageRequest) async throws -> Page<SegmentRecord> {
        try await store.segments(shop.id, page: page)
    }

    /// The customers the rules match now (erased customers never match).
    public func evaluate(_ shop: ShopInfo, rules text: String) async throws -> SegmentEvaluation {
        try await evaluate(shop, rules: [text])[0]
    }

    /// Several segments over one customer table (read once, with behaviour only if a rule needs it).
    public func evaluate(_ shop: ShopInfo, rules texts: [String]) async throws -> [SegmentEvaluation] {
        let rules = try texts.map(Self.rules)
        guard !rules.isEmpty else { return [] }
        let (table, directory) = try await analytics.customerTable(shop, asOf: time.now(), behaviour: rules.contains { $0.readsBehaviour })
        return rules.map { rule in
            let rows = rule.evaluate(on: table).map(Int.init).filter { !directory[$0].erased }
            return SegmentEvaluation(
                size: rows.count, customers: rows.map { table.customerID[$0] }, names: rows.map { directory[$0].name }, total: table.count)
        }
    }

    /// Evaluates rules given as JSON without saving them (for trying rules out).
    public func preview(_ shop: ShopInfo, json: [UInt8]) async throws -> SegmentEvaluation {
        let object = try PromotionService.object(json)
        guard let raw = object["rules"] else { throw CommerceError(code: "required", field: "rules", message: "rules is required.") }
        return try await evaluate(shop, rules: try Self.rules(raw, field: "rules").jsonText)
    }

    static func read(_ json: [UInt8]) throws -> (String, SegmentRule) {
        let object = try PromotionService.object(json)
        guard let name = object["name"] as? String else { throw PromotionHeader.missingOrWrong("name", object, "a string") }
        try CatalogRules.validateTitle(name, field: "name")
        guard let raw = object["rules"] else { throw CommerceError(code: "required", field: "rules", message: "rules is required.") }
        return (name, try rules(raw, field: "rules"))
    }

    static func rules(_ raw: Any, field: String) throws -> SegmentRule {
        let data = (try? JSONSerialization.data(withJSONObject: raw, options: [.fragmentsAllowed])) ?? Data()
        do {
            return try SegmentRule.parse(json: Array(data))
        } catch {
            // The rules' paths start at `rules`, as the body names them.
            throw OperationsError.invalid(code: error.code, field: error.field.isEmpty ? field : error.field, message: error.message)
        }
    }

    static func rules(_ text: String) throws -> SegmentRule {
        do { return try SegmentRule.parse(json: text) } catch {
            throw OperationsError.conflict(code: "corrupt_segment", message: "A stored segment has unreadable rules: \(error.message)")
        }
    }
}
