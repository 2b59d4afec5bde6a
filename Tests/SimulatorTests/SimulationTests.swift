import Commerce
import Foundation
import Insights
import Operations
import Persistence
import Testing
@testable import Simulator

/// A small simulation through the real use cases: its invariants, and determinism by seed.
@Suite struct SimulationTests {
    static let start = "2026-10-28"

    static func simulate(seed: UInt64) async throws -> (yunying: Yunying, shop: ShopInfo, summary: SimulationSummary, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = ManualTime(Instant(iso8601: "2026-11-20T00:00:00Z")!)
        let (yunying, shop) = try await Yunying.openSQLite(path: directory.appendingPathComponent("sim.sqlite").path, time: clock)
        let config = SimulationConfig(days: 20, customers: 300, skus: 30, seed: seed, start: start, sessionsPerDay: 120)
        let summary = try await Simulator(yunying: yunying, shop: shop, config: config).run()
        return (yunying, shop, summary, directory)
    }

    static func report(_ run: (yunying: Yunying, shop: ShopInfo, summary: SimulationSummary, directory: URL), _ name: String, _ values: [String: String] = [:]) async throws -> String {
        try await run.yunying.analytics.report(run.shop, name: name, ReportParameters(["from": start, "to": "2026-11-16"].merging(values) { $1 })).json.json
    }

    @Test func invariantsHoldAndTheSeedDecides() async throws {
        let first = try await Self.simulate(seed: 7)
        defer { try? FileManager.default.removeItem(at: first.directory) }
        let summary = first.summary
        #expect(summary.orders > 100 && summary.paidOrders > 80 && summary.events > 5_000)
        #expect(summary.unpaidOrders > 0 && summary.flashOrders > 0 && summary.flashOrders <= 200)
        // 11.11 is the peak day: it has the most sessions.
        let byDay = try await Self.report(first, "kpis", ["by": "day"])
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(byDay.utf8)) as? [String: Any])?["rows"] as? [[String: Any]])
        let busiest = rows.max { ($0["sessions"] as? Int ?? 0) < ($1["sessions"] as? Int ?? 0) }
        #expect(busiest?["period"] as? String == "2026-11-11")

        let store = first.yunying.store
        let shop = first.shop.id
        // Every order the core placed recorded its order_placed event, every paid one its order_paid.
        let facts = try await store.orderFacts(shop)
        let events = try await store.frameEvents(shop, after: .start, limit: 10_000_000)
        let placed = Set(events.filter { $0.type == "order_placed" }.map(\.customerID)).count
        #expect(events.filter { $0.type == "order_placed" }.count == facts.count)
        #expect(events.filter { $0.type == "order_paid" }.count == facts.filter { $0.paidAt != nil }.count)
        #expect(placed > 50)
        // Unpaid orders were cancelled by the hold sweep; nothing is still pending.
        #expect(facts.filter { $0.paidAt == nil }.allSatisfy { $0.status == OrderStatus.cancelled.rawValue })
        // Stock never went negative and holds are all released or allocated.
        for sku in try await store.skuDirectory(shop) {
            for level in try await store.stockLevels(shop, skuID: sku.id) {
                #expect(level.onHand >= 0 && level.held == 0 && level.onHand - level.held - level.allocated >= 0)
            }
        }
        // Funnel counts never increase from step to step.
        let funnel = try await Self.report(first, "funnel", ["steps": "page_view,product_view,add_to_cart,checkout_start,order_placed,order_paid"])
        let steps = try #require((try JSONSerialization.jsonObject(with: Data(funnel.utf8)) as? [String: Any])?["steps"] as? [[String: Any]])
        let counts = steps.compactMap { $0["count"] as? Int }
        #expect(counts.count == 6 && zip(counts, counts.dropFirst()).allSatisfy { $0 >= $1 } && counts.last! > 0)

        let again = try await Self.simulate(seed: 7)
        defer { try? FileManager.default.removeItem(at: again.directory) }
        #expect(again.summary == first.summary)
        #expect(try await Self.report(again, "kpis") == (try await Self.report(first, "kpis")))
        #expect(try await Self.report(again, "channels") == (try await Self.report(first, "channels")))

        let other = try await Self.simulate(seed: 8)
        defer { try? FileManager.default.removeItem(at: other.directory) }
        #expect(try await Self.report(other, "kpis") != (try await Self.report(first, "kpis")))
    }
}
