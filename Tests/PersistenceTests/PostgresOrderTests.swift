import Commerce
@testable import Persistence
import StoreTesting
import Testing

/// Orders, payments and imports on PostgreSQL. Shops, SKUs and stock are seeded in SQL, so these
/// tests depend on no other area's store methods for their setup.
@Suite struct PostgresOrderTests {
    static let now = Instant(millisecondsSinceEpoch: 1_780_000_000_000)

    struct Item {
        var id: Int64
        var code: String
        var price: Money
    }

    /// A store with shop 1, warehouses `main` (id 1, first) and `east` (id 2), and one SKU per
    /// `(code, units in main, units in east)`.
    static func store(_ stock: [(String, Int64, Int64)], connections: Int = 8) async throws -> (PostgresStore, [Item]) {
        let store = try await TestStores.postgres(maximumConnections: connections)
        let items = try await store.write { db in
            try await db.run("INSERT INTO shops (id, name, currency, time_zone, created_at) VALUES (1, 'Shop', 'CNY', 'Asia/Shanghai', 0)")
            try await db.run("INSERT INTO warehouses (id, shop_id, code, name, priority) VALUES (1, 1, 'main', 'Main', 0), (2, 1, 'east', 'East', 5)")
            let product = try await db.insert(
                """
                INSERT INTO products (shop_id, title, description, category_id, attributes, status, lifecycle_stage, created_at, updated_at)
                VALUES (1, 'T', '', NULL, '{}', 'listed', 'new', 0, 0)
                """)
            var items: [Item] = []
            for (code, main, east) in stock {
                let id = try await db.insert(
                    "INSERT INTO skus (shop_id, product_id, code, specs, price, currency) VALUES (1, ?, ?, '{}', 100, 'CNY')", [product, code])
                try await db.run(
                    "INSERT INTO stock_levels (shop_id, sku_id, warehouse_id, on_hand, held, allocated) VALUES (1, ?, 1, ?, 0, 0), (1, ?, 2, ?, 0, 0)",
                    [id, main, id, east])
                items.append(Item(id: id, code: code, price: Money(100, .cny)))
            }
            return items
        }
        return (store, items)
    }

    /// Places an order for `quantity` units of each item at list price, its hold expiring after `holdSeconds`.
    static func place(_ store: PostgresStore, _ items: [(Item, Int64)], holdSeconds: Int64 = 60) async throws -> Order {
        let request = OrderRequest(customerID: nil, skuCodes: items.map(\.0.code), shippingAddress: nil, createdAt: now)
        return try await store.createOrder(1, request) { _ in
            let lines = items.map { CartLine(skuID: $0.0.id, skuCode: $0.0.code, title: "T", quantity: $0.1, listPrice: $0.0.price) }
            let cart = try Pricing.price(Cart(lines: lines, currency: .cny), context: PricingContext(now: now))
            return PricedOrder(cart: cart, holdExpiresAt: now.adding(seconds: holdSeconds), redeemedClaimID: nil)
        }
    }

    /// (on hand, held, allocated) of one SKU in one warehouse.
    static func level(_ store: PostgresStore, _ item: Item, warehouse: Int64 = 1) async throws -> [Int64] {
        try await store.read { db in
            guard let row = try await db.row(
                "SELECT on_hand, held, allocated FROM stock_levels WHERE sku_id = ? AND warehouse_id = ?", [item.id, warehouse]) else { return [] }
            return [row[0], row[1], row[2]]
        }
    }

    static func count(_ store: PostgresStore, _ sql: String) async throws -> Int64 {
        try await store.read { db in try await db.row(sql).map { $0[0] } ?? 0 }
    }

    static func pay(_ store: PostgresStore, _ order: Order, reference: String) async throws -> PaymentOutcome {
        try await store.receivePayment(1, IncomingPayment(
            orderID: order.id, amount: order.total, source: "test", reference: reference, receivedAt: now, captured: true)
        ) { order in order.status == .pendingPayment ? .apply : .refuse(reason: "order_\(order.status.rawValue)") }
    }

    @Test func createOrderHoldsStockAcrossWarehouses() async throws {
        let (store, items) = try await Self.store([("A", 2, 10)])
        defer { store.close() }
        let order = try await Self.place(store, [(items[0], 3)])
        #expect(order.status == .pendingPayment)
        #expect(order.lines.map(\.quantity) == [3])
        #expect(order.total == Money(300, .cny))
        #expect(try await store.order(1, id: order.id) == order)
        #expect(try await Self.level(store, items[0], warehouse: 1) == [2, 2, 0])
        #expect(try await Self.level(store, items[0], warehouse: 2) == [10, 1, 0])
        #expect(try await Self.count(store, "SELECT SUM(quantity) FROM order_stock") == 3)
    }

    @Test func insufficientStockWritesNothing() async throws {
        let (store, items) = try await Self.store([("A", 5, 0), ("B", 0, 0)])
        defer { store.close() }
        await #expect(throws: CommerceError.insufficientStock(sku: "B", field: "lines[1].quantity")) {
            _ = try await Self.place(store, [(items[0], 2), (items[1], 1)])
        }
        #expect(try await Self.level(store, items[0]) == [5, 0, 0])
        #expect(try await store.orders(1, filter: OrderFilter(), page: PageRequest()).items.isEmpty)
        #expect(try await Self.count(store, "SELECT COUNT(*) FROM stock_movements") == 0)
        #expect(try await Self.count(store, "SELECT COUNT(*) FROM order_lines") == 0)
    }

    @Test func cancelReleasesTheHoldOnce() async throws {
        let (store, items) = try await Self.store([("A", 5, 0)])
        defer { store.close() }
        let order = try await Self.place(store, [(items[0], 2)])
        let cancelled = try await store.cancelOrder(1, id: order.id, expected: .pendingPayment, reason: .requested, now: Self.now)
        #expect(cancelled.status == .cancelled && cancelled.cancelReason == .requested && cancelled.holdExpiresAt == nil)
        #expect(try await Self.level(store, items[0]) == [5, 0, 0])
        await #expect(throws: StoreError.stateChanged(entity: "order", current: "cancelled")) {
            _ = try await store.cancelOrder(1, id: order.id, expected: .pendingPayment, reason: .requested, now: Self.now)
        }
        #expect(try await Self.level(store, items[0]) == [5, 0, 0])
    }

    @Test func payAllocatesAndShipTakesStockOut() async throws {
        let (store, items) = try await Self.store([("A", 5, 0)])
        defer { store.close() }
        let order = try await Self.place(store, [(items[0], 2)])
        guard case .applied(let payment) = try await Self.pay(store, order, reference: "p1") else {
            Issue.record("payment not applied")
            return
        }
        #expect(payment.status == .succeeded && payment.amount == order.total)
        #expect(try await store.order(1, id: order.id)?.status == .paid)
        #expect(try await Self.level(store, items[0]) == [5, 0, 2])
        #expect(try await Self.pay(store, order, reference: "p1") == .duplicate(payment))

        let shipped = try await store.shipOrder(1, id: order.id, shipment: Shipment(carrier: "SF", trackingNumber: "42"), now: Self.now)
        #expect(shipped.status == .shipped && shipped.shipment == Shipment(carrier: "SF", trackingNumber: "42"))
        #expect(try await Self.level(store, items[0]) == [3, 0, 0])
        await #expect(throws: StoreError.stateChanged(entity: "order", current: "shipped")) {
            _ = try await store.shipOrder(1, id: order.id, shipment: Shipment(carrier: "SF", trackingNumber: "42"), now: Self.now)
        }
    }

    @Test func setOrderStatusIsGuarded() async throws {
        let (store, items) = try await Self.store([("A", 5, 0)])
        defer { store.close() }
        let order = try await Self.place(store, [(items[0], 1)])
        _ = try await Self.pay(store, order, reference: "p1")
        _ = try await store.shipOrder(1, id: order.id, shipment: Shipment(carrier: "SF", trackingNumber: "1"), now: Self.now)
        let later = Self.now.adding(seconds: 3600)
        let delivered = try await store.setOrderStatus(1, id: order.id, from: .shipped, to: .delivered, now: later)
        #expect(delivered.status == .delivered && delivered.updatedAt == later)
        await #expect(throws: StoreError.stateChanged(entity: "order", current: "delivered")) {
            _ = try await store.setOrderStatus(1, id: order.id, from: .shipped, to: .delivered, now: later)
        }
        await #expect(throws: StoreError.notFound(entity: "order", id: "ord_999")) {
            _ = try await store.setOrderStatus(1, id: 999, from: .shipped, to: .delivered, now: later)
        }
        #expect(try await store.orders(1, filter: OrderFilter(status: .delivered), page: PageRequest()).items.map(\.id) == [order.id])
        #expect(try await store.orders(1, filter: OrderFilter(status: .paid), page: PageRequest()).items.isEmpty)
    }

    @Test func expiredHoldsListUnpaidOrdersBySoonestExpiry() async throws {
        let (store, items) = try await Self.store([("A", 10, 0)])
        defer { store.close() }
        let late = try await Self.place(store, [(items[0], 1)], holdSeconds: 60)
        let early = try await Self.place(store, [(items[0], 1)], holdSeconds: 30)
        let paid = try await Self.place(store, [(items[0], 1)], holdSeconds: 10)
        _ = try await Self.pay(store, paid, reference: "p1")
        let all = try await store.expiredHolds(now: Self.now.adding(seconds: 60), limit: 10)
        #expect(all.map(\.orderID) == [early.id, late.id] && all.allSatisfy { $0.shop == 1 })
        #expect(try await store.expiredHolds(now: Self.now.adding(seconds: 59), limit: 10).map(\.orderID) == [early.id])
        #expect(try await store.expiredHolds(now: Self.now.adding(seconds: 60), limit: 1).map(\.orderID) == [early.id])
    }

    @Test func cancellingAPaidOrderRefundsAndLateMoneyIsRefused() async throws {
        let (store, items) = try await Self.store([("A", 5, 0)])
        defer { store.close() }
        let order = try await Self.place(store, [(items[0], 2)])
        _ = try await Self.pay(store, order, reference: "p1")
        let cancelled = try await store.cancelOrder(1, id: order.id, expected: .paid, reason: .requested, now: Self.now)
        #expect(cancelled.status == .cancelled)
        #expect(try await Self.level(store, items[0]) == [5, 0, 0])
        #expect(try await store.payments(1, orderID: order.id).map(\.status) == [.refunded])
        let refunds = try await store.refunds(1, orderID: order.id)
        #expect(refunds.map(\.amount) == [order.total] && refunds.map(\.reason) == ["order_cancelled"])

        guard case .refused(let late, let reason) = try await Self.pay(store, order, reference: "p2") else {
            Issue.record("late payment not refused")
            return
        }
        #expect(late.status == .refundPending && reason == "order_cancelled")
        #expect(try await store.payments(1, orderID: order.id).map(\.reference) == ["p1", "p2"])
    }

    @Test func importsAreIdempotentOnExternalIDs() async throws {
        let (store, _) = try await Self.store([("A", 0, 0)])
        defer { store.close() }
        let placed = Self.now.adding(seconds: -86_400)
        let orders = [
            ImportedOrder(
                externalID: "x1", customerKey: "c1", customerEmail: "c1@example.com", placedAt: placed, paidAt: placed, outcome: .paid,
                lines: [.init(skuCode: "A", title: "A", quantity: 2, unitPrice: 100, discount: 0)],
                subtotal: 200, discount: 0, shipping: 0, total: 200, refunded: 0, refundedAt: nil),
            ImportedOrder(
                externalID: "x2", customerKey: "c1", customerEmail: nil, placedAt: placed, paidAt: placed, outcome: .refunded,
                lines: [.init(skuCode: "OLD", title: "Old thing", quantity: 1, unitPrice: 50, discount: 0)],
                subtotal: 50, discount: 0, shipping: 0, total: 50, refunded: 50, refundedAt: placed),
        ]
        let first = try await store.importOrders(1, orders, currency: .cny, now: Self.now)
        var expected = ImportCounts()
        expected.imported = 2
        expected.placeholderSKUs = 1
        expected.customersCreated = 1
        #expect(first == expected)
        let again = try await store.importOrders(1, orders, currency: .cny, now: Self.now)
        var existing = ImportCounts()
        existing.existing = 2
        #expect(again == existing)

        let stored = try await store.orders(1, filter: OrderFilter(), page: PageRequest()).items
        #expect(stored.map(\.status) == [.cancelled, .completed])
        #expect(Set(stored.map(\.customerID)).count == 1)
        #expect(try await store.refunds(1, orderID: stored[0].id).map(\.reason) == ["imported"])
        #expect(try await Self.count(store, "SELECT COUNT(*) FROM skus WHERE code = 'OLD'") == 1)
        #expect(try await Self.count(store, "SELECT COUNT(*) FROM stock_movements") == 0)
    }

    /// A flash promotion of `stock` units on `item` (disabled, so pricing never reads it: tests hand the totals in).
    static func flashPromotion(_ store: PostgresStore, _ item: Item, stock: Int64, perCustomerLimit: Int64) async throws -> PromotionRecord {
        let flash = FlashSaleRule(skuID: item.id, price: 80, stock: stock, perCustomerLimit: perCustomerLimit)
        let id = try await store.write { db in
            try await db.insert(
                """
                INSERT INTO promotions (shop_id, name, type, rule, starts_at, ends_at, priority, exclusive, status, flash_sku_id, flash_stock,
                                        created_at, updated_at)
                VALUES (1, 'Flash', 'flash_sale', ?, 0, ?, 0, 0, 'disabled', ?, ?, 0, 0)
                """, [JSONColumn.encode(PromotionRule.flashSale(flash)), Self.now.adding(seconds: 86_400).millisecondsSinceEpoch, item.id, stock])
        }
        return PromotionRecord(
            id: id, name: "Flash", rule: .flashSale(flash), startsAt: Instant(millisecondsSinceEpoch: 0), endsAt: Self.now.adding(seconds: 86_400),
            priority: 0, exclusive: false, status: .active, budgetCap: nil, budgetUsed: 0, usesCap: nil, usesCount: 0, flashSold: 0,
            createdAt: Instant(millisecondsSinceEpoch: 0), updatedAt: Instant(millisecondsSinceEpoch: 0))
    }

    /// The cart of one flash unit of `item`, 20 off through `promotion`.
    static func flashCart(_ item: Item, _ promotion: PromotionRecord) throws -> PricedCart {
        let line = CartLine(skuID: item.id, skuCode: item.code, title: "T", quantity: 1, listPrice: item.price)
        var cart = try Pricing.price(Cart(lines: [line], currency: .cny), context: PricingContext(now: now))
        cart.promotions = [PromotionTotal(promotionID: promotion.id, name: "Flash", type: .flashSale, amount: Money(20, .cny), units: 1)]
        cart.flashUnits = [promotion.id: 1]
        return cart
    }

    /// A customer's flash units are counted per promotion, and the limit refuses one more.
    @Test func perCustomerFlashLimitIsGuarded() async throws {
        let (store, items) = try await Self.store([("F", 100, 0)])
        defer { store.close() }
        let promotion = try await Self.flashPromotion(store, items[0], stock: 10, perCustomerLimit: 2)
        let priced = PricedOrder(cart: try Self.flashCart(items[0], promotion), holdExpiresAt: Self.now, redeemedClaimID: nil)
        let snapshot = OrderSnapshot(listings: [:], promotions: [promotion])
        let take = { @Sendable () async throws in
            try await store.write { db in
                let orderID = try await db.insert(
                    """
                    INSERT INTO orders (shop_id, status, currency, subtotal, discount, shipping, total, created_at, updated_at)
                    VALUES (1, 'pending_payment', 'CNY', 100, 20, 0, 80, 0, 0)
                    """)
                try await PostgresStore.takeFromPromotions(db, shop: 1, orderID: orderID, customerID: 7, priced, snapshot: snapshot)
            }
        }
        try await take()
        try await take()
        // A stale snapshot's limit race: createOrder prices again; its refusal is limit_reached.
        let race = await #expect(throws: PostgresStore.PromotionRace.self) { try await take() }
        #expect(race?.refusal == StoreError.rejected(
            code: "limit_reached", field: "lines", message: "The per-customer limit of Flash is reached.", kind: .conflict))
        #expect(try await Self.count(store, "SELECT quantity FROM flash_purchases WHERE customer_id = 7") == 2)
        #expect(try await Self.count(store, "SELECT flash_sold FROM promotions") == 2)
        #expect(try await Self.count(store, "SELECT COUNT(*) FROM orders") == 2)
    }
}
