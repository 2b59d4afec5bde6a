import Commerce
import Foundation
@testable import Persistence
import StoreTesting
import Testing

/// Promotions and coupons on PostgreSQL, including the limits that must hold across instances.
@Suite struct PostgresPromotionTests {
    static let shop: ShopID = 1
    /// 2026-01-01T00:00:00Z.
    static let start = Instant(millisecondsSinceEpoch: 1_767_225_600_000)

    static func day(_ days: Int64) -> Instant { start.adding(seconds: days * 86_400) }

    /// A fresh store with shop 1 and customers 1…`customers`, written with plain SQL (shops and customers are other areas').
    /// Few connections each, as the suites run at once on one server.
    static func store(customers: Int = 0) async throws -> PostgresStore {
        let store = try await TestStores.postgres(maximumConnections: 4)
        try await store.write { db in
            try await db.run("INSERT INTO shops (id, name, currency, time_zone, created_at) VALUES (1, 'Shop', 'CNY', 'Asia/Shanghai', 0)")
            try await db.run(
                "INSERT INTO customers (id, shop_id, name, created_at) SELECT g, 1, 'Customer ' || g, 0 FROM generate_series(1, ?::bigint) g",
                [customers])
        }
        return store
    }

    /// A second instance on the same schema (its own connection pool), as another server process would have.
    static func twin(of store: PostgresStore) async throws -> PostgresStore {
        try await PostgresStore(try PostgresLocation(url: TestStores.postgresURL!, maximumConnections: 4).withSchema(store.schema))
    }

    /// The code of the error `body` throws; nil when it succeeds.
    static func refusal(_ body: () async throws -> some Sendable) async -> String? {
        do {
            _ = try await body()
            return nil
        } catch {
            return (error as? StoreError)?.code ?? "unexpected: \(error)"
        }
    }

    static func reduction(_ name: String, from: Int64, to: Int64, status: PromotionStatus = .active, budget: Int64? = nil) -> PromotionDefinition {
        PromotionDefinition(
            name: name, rule: .thresholdReduction(.tiers([.init(threshold: 20_000, reduction: 2_000)])), startsAt: day(from), endsAt: day(to),
            priority: 0, exclusive: false, status: status, budgetCap: budget, usesCap: nil)
    }

    static func flash(sku: Int64, from: Int64, to: Int64, status: PromotionStatus = .active, stock: Int64 = 100) -> PromotionDefinition {
        PromotionDefinition(
            name: "Flash \(sku)", rule: .flashSale(FlashSaleRule(skuID: sku, price: 990, stock: stock, perCustomerLimit: 2)),
            startsAt: day(from), endsAt: day(to), priority: 0, exclusive: true, status: status, budgetCap: nil, usesCap: nil)
    }

    @Test func promotionsAreCreatedUpdatedAndListed() async throws {
        let store = try await Self.store()
        defer { store.close() }
        let first = try await store.createPromotion(Self.shop, Self.reduction("Spring", from: 0, to: 10, budget: 50_000), now: Self.start)
        #expect(first.name == "Spring" && first.budgetCap == 50_000 && first.budgetUsed == 0 && first.status == .active && !first.exclusive)
        #expect(try await store.promotion(Self.shop, id: first.id) == first)
        #expect(try await store.promotion(2, id: first.id) == nil)
        let second = try await store.createPromotion(Self.shop, Self.flash(sku: 7, from: 20, to: 30), now: Self.start)
        #expect(second.flashRemaining == 100)

        try await store.write { db in try await db.run("UPDATE promotions SET budget_used = 30000 WHERE id = ?", [first.id]) }
        #expect(await Self.refusal { try await store.updatePromotion(Self.shop, id: first.id, Self.reduction("Spring", from: 0, to: 10, budget: 20_000), now: Self.start) } == "invalid_value")
        #expect(await Self.refusal { try await store.updatePromotion(Self.shop, id: first.id, Self.flash(sku: 7, from: 0, to: 10), now: Self.start) } == "type_change")
        #expect(await Self.refusal { try await store.updatePromotion(Self.shop, id: 999, Self.reduction("Gone", from: 0, to: 1), now: Self.start) } == "not_found")
        let updated = try await store.updatePromotion(Self.shop, id: first.id, Self.reduction("Spring+", from: 0, to: 12, budget: 40_000), now: Self.start)
        #expect(updated.name == "Spring+" && updated.endsAt == Self.day(12) && updated.budgetUsed == 30_000)
        #expect(updated.updatedAt.millisecondsSinceEpoch == first.updatedAt.millisecondsSinceEpoch + 1)
        let version: Int64 = try await store.read { db in try await db.row("SELECT pricing_version FROM shops WHERE id = 1")![0] }
        #expect(version == 3)

        let all = try await store.promotions(Self.shop, overlapping: nil, type: nil, page: PageRequest(limit: 1))
        #expect(all.items.map(\.id) == [second.id] && all.hasMore)
        let rest = try await store.promotions(Self.shop, overlapping: nil, type: nil, page: PageRequest(limit: 1, startingAfter: second.id))
        #expect(rest.items.map(\.id) == [first.id] && !rest.hasMore)
        let calendar = try await store.promotions(Self.shop, overlapping: (Self.day(11), Self.day(21)), type: nil, page: PageRequest())
        #expect(calendar.items.map(\.id) == [second.id, first.id])
        #expect(try await store.promotions(Self.shop, overlapping: (Self.day(12), Self.day(20)), type: nil, page: PageRequest()).items.isEmpty)
        #expect(try await store.promotions(Self.shop, overlapping: nil, type: .flashSale, page: PageRequest()).items.map(\.id) == [second.id])
    }

    @Test func livePromotionsAreTheActiveOnesInTheirWindow() async throws {
        let store = try await Self.store()
        defer { store.close() }
        let now = try await store.createPromotion(Self.shop, Self.reduction("Now", from: 0, to: 5), now: Self.start)
        _ = try await store.createPromotion(Self.shop, Self.reduction("Off", from: 0, to: 5, status: .disabled), now: Self.start)
        let later = try await store.createPromotion(Self.shop, Self.reduction("Later", from: 3, to: 8), now: Self.start)
        let live = { (at: Instant) in try await store.read { db in try await store.livePromotions(db, shop: Self.shop, at: at).map(\.id) } }
        #expect(try await live(Self.day(1)) == [now.id])
        #expect(try await live(Self.day(3)) == [now.id, later.id])
        #expect(try await live(Self.day(5)) == [later.id])
        // A rule read through the cache is replaced once the promotion's updated_at moves.
        var changed = Self.reduction("Later", from: 3, to: 9)
        changed.rule = .thresholdReduction(.tiers([.init(threshold: 10_000, reduction: 500)]))
        _ = try await store.updatePromotion(Self.shop, id: later.id, changed, now: Self.start)
        let reread = try await store.read { db in try await store.livePromotions(db, shop: Self.shop, at: Self.day(8)) }
        #expect(reread.map(\.rule) == [changed.rule] && reread.map(\.endsAt) == [Self.day(9)])
    }

    @Test func flashSalesOfOneSKUMayNotOverlap() async throws {
        let store = try await Self.store()
        defer { store.close() }
        let first = try await store.createPromotion(Self.shop, Self.flash(sku: 7, from: 0, to: 10), now: Self.start)
        #expect(await Self.refusal { try await store.createPromotion(Self.shop, Self.flash(sku: 7, from: 9, to: 12), now: Self.start) } == "overlapping_flash_sale")
        let after = try await store.createPromotion(Self.shop, Self.flash(sku: 7, from: 10, to: 12), now: Self.start)
        _ = try await store.createPromotion(Self.shop, Self.flash(sku: 8, from: 0, to: 10), now: Self.start)
        _ = try await store.createPromotion(Self.shop, Self.flash(sku: 7, from: 5, to: 6, status: .disabled), now: Self.start)
        #expect(await Self.refusal { try await store.updatePromotion(Self.shop, id: after.id, Self.flash(sku: 7, from: 8, to: 12), now: Self.start) } == "overlapping_flash_sale")
        // Its own window never clashes with itself.
        _ = try await store.updatePromotion(Self.shop, id: first.id, Self.flash(sku: 7, from: 1, to: 10), now: Self.start)
        try await store.write { db in try await db.run("UPDATE promotions SET flash_sold = 60 WHERE id = ?", [first.id]) }
        #expect(await Self.refusal { try await store.updatePromotion(Self.shop, id: first.id, Self.flash(sku: 7, from: 1, to: 10, stock: 50), now: Self.start) } == "invalid_value")
    }

    /// Two instances create 20 overlapping flash sales of one SKU at once: exactly one is stored.
    @Test func concurrentOverlappingFlashSalesFromTwoInstancesLeaveOne() async throws {
        let store = try await Self.store()
        let other = try await Self.twin(of: store)
        defer { store.close(); other.close() }
        let results = await withTaskGroup(of: String?.self, returning: [String?].self) { group in
            for index in 0..<20 {
                let instance = index % 2 == 0 ? store : other
                group.addTask {
                    await Self.refusal { try await instance.createPromotion(Self.shop, Self.flash(sku: 7, from: Int64(index % 3), to: 10), now: Self.start) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == nil }.count == 1)
        #expect(results.filter { $0 == "overlapping_flash_sale" }.count == 19)
        #expect(try await store.promotions(Self.shop, overlapping: nil, type: .flashSale, page: PageRequest()).items.count == 1)
    }

    @Test func figuresCountPaidOrdersOfAPromotionOrItsSKUs() async throws {
        let store = try await Self.store(customers: 3)
        defer { store.close() }
        let promotion = try await store.createPromotion(Self.shop, Self.reduction("Spring", from: 0, to: 10), now: Self.start)
        // (id, customer, status, subtotal, discount, created day, sku, quantity, used the promotion)
        let orders: [(Int64, Int64, String, Int64, Int64, Int64, Int64, Int64, Bool)] = [
            (1, 1, "completed", 5_000, 0, -3, 8, 1, false), (2, 1, "paid", 30_000, 2_000, 1, 7, 3, true),
            (3, 2, "shipped", 25_000, 2_000, 2, 7, 1, true), (4, 3, "pending_payment", 40_000, 2_000, 2, 7, 4, true),
            (5, 3, "paid", 9_000, 0, 4, 8, 2, false),
        ]
        try await store.write { db in
            for (id, customer, status, subtotal, discount, day, sku, quantity, used) in orders {
                let at = Self.day(day).millisecondsSinceEpoch
                try await db.run(
                    """
                    INSERT INTO orders (id, shop_id, customer_id, status, currency, subtotal, discount, shipping, total, created_at, updated_at)
                    VALUES (?, 1, ?, ?, 'CNY', ?, ?, 0, ?, ?, ?)
                    """, [id, customer, status, subtotal, discount, subtotal - discount, at, at])
                try await db.run(
                    """
                    INSERT INTO order_lines (order_id, line_no, shop_id, sku_id, sku_code, title, quantity, unit_price, discount, total)
                    VALUES (?, 0, 1, ?, 'SKU', 'Item', ?, ?, 0, ?)
                    """, [id, sku, quantity, subtotal / quantity, subtotal])
                if used {
                    try await db.run(
                        "INSERT INTO order_discounts (order_id, shop_id, source, source_id, name, amount, units) VALUES (?, 1, 'promotion', ?, 'Spring', ?, 1)",
                        [id, promotion.id, discount])
                }
            }
        }
        let byPromotion = try await store.promotionFigures(Self.shop, promotionID: promotion.id, skuIDs: nil, from: Self.day(0), to: Self.day(10))
        #expect(byPromotion == PromotionFigures(orders: 2, gmv: 55_000, discount: 4_000, units: 4, customers: 2, newCustomers: 1))
        let bySKU = try await store.promotionFigures(Self.shop, promotionID: nil, skuIDs: [8], from: Self.day(0), to: Self.day(10))
        #expect(bySKU == PromotionFigures(orders: 1, gmv: 9_000, discount: 0, units: 2, customers: 1, newCustomers: 1))
        let all = try await store.promotionFigures(Self.shop, promotionID: nil, skuIDs: nil, from: Self.day(-5), to: Self.day(10))
        #expect(all == PromotionFigures(orders: 4, gmv: 69_000, discount: 4_000, units: 7, customers: 3, newCustomers: 3))
        let none = try await store.promotionFigures(Self.shop, promotionID: nil, skuIDs: [], from: Self.day(0), to: Self.day(10))
        #expect(none == PromotionFigures(orders: 0, gmv: 0, discount: 0, units: 0, customers: 0, newCustomers: 0))
    }
}
