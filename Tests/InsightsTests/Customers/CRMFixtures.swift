import Foundation
import Testing
@testable import Insights

/// Loads the fixtures of `scripts/crm-reference/generate.py` (Tests/InsightsTests/Fixtures/crm).
enum CRMFixtures {
    static func url(_ name: String, _ ext: String) throws -> URL {
        try FixtureFiles.url("crm", name, ext)
    }

    /// Rows of a plain CSV file (no quoting) keyed by the header.
    static func csv(_ name: String) throws -> [[String: String]] {
        try FixtureFiles.csvRows(url(name, "csv"))
    }

    static func json(_ name: String) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url(name, "json"))) as? [[String: Any]])
    }

    static func int(_ s: String?) -> Int64? { s.flatMap { Int64($0) } }

    /// Orders of a dataset with their refunds and lines; `orderIndex` maps order ids to indexes.
    static func orders(_ dataset: String) throws -> OrderFacts {
        var facts = OrderFacts()
        var index: [Int64: Int32] = [:]
        for r in try csv("orders") where r["dataset"] == dataset {
            let id = int(r["order_id"])!
            index[id] = facts.appendOrder(
                id: id, customer: int(r["customer_id"])!, placedAt: int(r["placed_at_ms"])!,
                paidAt: int(r["paid_at_ms"]), total: int(r["total"])!)
        }
        for r in try csv("refunds") where r["dataset"] == dataset {
            facts.appendRefund(order: index[int(r["order_id"])!]!, amount: int(r["amount"])!, at: int(r["refunded_at_ms"])!)
        }
        for r in try csv("lines") where r["dataset"] == dataset {
            facts.appendLine(order: index[int(r["order_id"])!]!, sku: Int32(r["sku"]!)!, quantity: 1, revenue: 0, cost: 0)
        }
        return facts
    }

    /// Customers of a dataset (ids and acquisition channels, in file order).
    static func customers(_ dataset: String) throws -> (ids: [Int64], channels: [String?]) {
        let rows = try csv("customers").filter { $0["dataset"] == dataset }
        return (rows.map { int($0["customer_id"])! }, rows.map { $0["acquisition_channel"].flatMap { $0.isEmpty ? nil : $0 } })
    }

    /// Events of a dataset as a frame with one person per customer.
    static func frame(_ dataset: String) throws -> EventFrame {
        let rows = try csv("events").filter { $0["dataset"] == dataset }
        var personOf: [Int64: Int32] = [:], customers: [Int64] = []
        var person: [Int32] = [], time: [Int64] = [], type: [UInt8] = []
        for r in rows {
            let c = int(r["customer_id"])!
            if personOf[c] == nil { personOf[c] = Int32(customers.count); customers.append(c) }
            person.append(personOf[c]!)
            time.append(int(r["timestamp_ms"])!)
            type.append(StandardEvent(name: r["type"]!)!.code)
        }
        return EventFrame(personCount: customers.count, person: person, time: time, type: type, personCustomer: customers)
    }

    static func categoryOfSKU() throws -> [Int32: Int32] {
        var map: [Int32: Int32] = [:]
        for r in try csv("categories") { map[Int32(r["sku"]!)!] = Int32(r["category"]!)! }
        return map
    }

    static func calendar(_ zone: String) throws -> ShopCalendar {
        ShopCalendar(timeZone: try #require(TimeZone(identifier: zone)))
    }
}
