import Foundation
import Testing
@testable import Insights

/// Customer table columns against `scripts/crm-reference` (pandas).
@Suite struct CustomerTableFixtureTests {
    static let cases: [(name: String, dataset: String)] = [("main_shanghai_365", "main"), ("main_new_york_90", "main")]

    static func table(_ name: String, _ dataset: String) throws -> CustomerTable {
        let meta = try #require(try CRMFixtures.json("rfm_cases").first { $0["case"] as? String == name })
        let calendar = try CRMFixtures.calendar(meta["time_zone"] as! String)
        let asOf = (meta["as_of_ms"] as! NSNumber).int64Value
        let (ids, channels) = try CRMFixtures.customers(dataset)
        return CustomerTable(
            customers: ids, acquisitionChannel: channels, orders: try CRMFixtures.orders(dataset),
            frame: try CRMFixtures.frame(dataset), categoryOfSKU: try CRMFixtures.categoryOfSKU(),
            asOf: asOf, calendar: calendar, rules: LifecycleRules(),
            rfm: RFMQuery(asOf: asOf, windowDays: meta["window_days"] as! Int, calendar: calendar))
    }

    @Test(arguments: cases.map(\.name))
    func columnsMatchPandas(_ name: String) throws {
        let dataset = Self.cases.first { $0.name == name }!.dataset
        let t = try Self.table(name, dataset)
        let expected = try CRMFixtures.csv("table").filter { $0["case"] == name }
        #expect(expected.count == t.count)
        var mismatches = 0
        for e in expected {
            let id = Int64(e["customer_id"]!)!
            let k = try #require(t.row(ofCustomer: id))
            let got: [String: String] = [
                "orders": String(t.orders[k]), "spend": String(t.spend[k]), "aov": String(t.aov[k]),
                "first_order_at_ms": String(t.firstOrderAt[k]), "last_order_at_ms": String(t.lastOrderAt[k]),
                "days_since_last_order": String(t.daysSinceLastOrder[k]),
                "lifecycle": t.lifecycleStage(ofRow: k).rawValue, "intent": t.purchaseIntent(ofRow: k).rawValue,
                "views_7d": String(t.views7d[k]), "carts_7d": String(t.carts7d[k]),
                "categories": t.categories(ofRow: k).map(String.init).joined(separator: "|"),
                "r": String(t.r[k]), "f": String(t.f[k]), "m": String(t.m[k]),
                "segment": t.segment(ofRow: k)?.rawValue ?? "",
            ]
            for (column, value) in got where e[column] != value {
                mismatches += 1
                Issue.record("\(name) customer \(id) \(column): got \(value), expected \(e[column] ?? "nil")")
            }
        }
        #expect(mismatches == 0)
    }

    @Test func rowLookupAndChannels() throws {
        let t = try Self.table("main_shanghai_365", "main")
        let (ids, channels) = try CRMFixtures.customers("main")
        for (k, id) in ids.enumerated() {
            #expect(t.row(ofCustomer: id) == k)
            #expect(t.channel(ofRow: k) == channels[k])
        }
        #expect(t.row(ofCustomer: 0) == nil)
        #expect(t.row(ofCustomer: 100_000) == nil)
        #expect(t.channelNames == t.channelNames.sorted())
    }
}
