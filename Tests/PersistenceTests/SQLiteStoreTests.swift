import Commerce
import Foundation
import GRDB
import Testing
@testable import Persistence

@Suite struct SQLiteStoreTests {
    static let now = Instant(millisecondsSinceEpoch: 1_780_000_000_000)

    static func store() async throws -> SQLiteStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-store-\(UUID().uuidString).sqlite").path
        let store = try SQLiteStore(path: path)
        _ = try await store.bootstrapDefaultShop(now: now)
        return store
    }

    static func product(_ store: SQLiteStore, codes: [String]) async throws -> Product {
        try await store.createProduct(1, NewProduct(
            title: "T", description: "", categoryID: nil, attributes: [:], status: .listed, lifecycleStage: .new,
            skus: codes.map { NewSKU(code: $0, specs: [:], price: Money(100, .cny), cost: nil, weightGrams: nil, barcode: nil, lowStockThreshold: 0) }),
            now: now)
    }

    /// Places an order for `quantity` units of each SKU at list price.
    static func place(_ store: SQLiteStore, _ skus: [(SKU, Int64)]) async throws -> Order {
        let request = OrderRequest(customerID: nil, skuCodes: skus.map(\.0.code), shippingAddress: nil, createdAt: now)
        return try await store.createOrder(1, request) { snapshot in
            #expect(snapshot.listings.count == Set(skus.map(\.0.code)).count)
            let lines = skus.map { CartLine(skuID: $0.0.id, skuCode: $0.0.code, title: "T", quantity: $0.1, listPrice: $0.0.price) }
            let cart = try Pricing.price(Cart(lines: lines, currency: .cny), context: PricingContext(now: now))
            return PricedOrder(cart: cart, holdExpiresAt: now.adding(seconds: 60), redeemedClaimID: nil)
        }
    }

    @Test func duplicateSKUCodeWritesNothing() async throws {
        let store = try await Self.store()
        _ = try await Self.product(store, codes: ["DUP"])
        await #expect(throws: StoreError.duplicate(field: "skus[1].code", value: "DUP")) {
            _ = try await Self.product(store, codes: ["NEW", "DUP"])
        }
        #expect(try await store.skuListings(1, codes: ["NEW"]).isEmpty)
        #expect(try await store.products(1, filter: ProductFilter(), page: PageRequest()).items.count == 1)
    }

    @Test func failedOrderLeavesNoTrace() async throws {
        let store = try await Self.store()
        let sku = try await Self.product(store, codes: ["A", "B"]).skus
        _ = try await store.adjustStock(1, skuID: sku[0].id, skuCode: "A", warehouseID: 1, delta: 5, reason: .receipt, note: nil, now: Self.now)
        await #expect(throws: CommerceError.insufficientStock(sku: "B", field: "lines[1].quantity")) {
            _ = try await Self.place(store, [(sku[0], 2), (sku[1], 1)])
        }
        #expect(try await store.stockLevels(1, skuID: sku[0].id).first?.held == 0)
        #expect(try await store.orders(1, filter: OrderFilter(), page: PageRequest()).items.isEmpty)
        let count = try await store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM stock_movements WHERE reason = 'hold'") }
        #expect(count == 0)
    }

    @Test func negativeAdjustmentCannotTakeHeldUnits() async throws {
        let store = try await Self.store()
        let sku = try await Self.product(store, codes: ["C"]).skus[0]
        _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "C", warehouseID: 1, delta: 5, reason: .receipt, note: nil, now: Self.now)
        _ = try await Self.place(store, [(sku, 4)])
        await #expect(throws: StoreError.insufficientStock(sku: "C", field: "delta")) {
            _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "C", warehouseID: 1, delta: -2, reason: .damage, note: nil, now: Self.now)
        }
        _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "C", warehouseID: 1, delta: -1, reason: .damage, note: nil, now: Self.now)
        #expect(try await store.stockLevels(1, skuID: sku.id).first == StockLevel(skuID: sku.id, warehouseID: 1, onHand: 4, held: 4))
    }

    /// The ledger is the history of the levels: summing every movement gives the current counters.
    @Test func ledgerSumsToTheLevels() async throws {
        let store = try await Self.store()
        let sku = try await Self.product(store, codes: ["L"]).skus[0]
        let second = try await store.createWarehouse(1, code: "east", name: "East", priority: 5)
        _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "L", warehouseID: 1, delta: 3, reason: .receipt, note: nil, now: Self.now)
        _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "L", warehouseID: second.id, delta: 10, reason: .receipt, note: nil, now: Self.now)
        let split = try await Self.place(store, [(sku, 5)])  // 3 from main, 2 from east
        let kept = try await Self.place(store, [(sku, 2)])
        _ = try await store.receivePayment(1, IncomingPayment(orderID: split.id, amount: split.total, source: "test", reference: "r1", receivedAt: Self.now, captured: false)) { _ in .apply }
        _ = try await store.shipOrder(1, id: split.id, shipment: Shipment(carrier: "SF", trackingNumber: "1"), now: Self.now)
        _ = try await store.cancelOrder(1, id: kept.id, expected: .pendingPayment, reason: .requested, now: Self.now)
        let levels = try await store.stockLevels(1, skuID: sku.id)
        let sums = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT warehouse_id, SUM(on_hand_delta) AS o, SUM(held_delta) AS h, SUM(allocated_delta) AS a FROM stock_movements GROUP BY warehouse_id ORDER BY warehouse_id")
        }
        #expect(sums.count == 2)
        for row in sums {
            let level = try #require(levels.first { $0.warehouseID == row["warehouse_id"] })
            #expect(level.onHand == row["o"])
            #expect(level.held == row["h"])
            #expect(level.allocated == row["a"])
        }
        #expect(levels.map(\.onHand).reduce(0, +) == 8)
        #expect(levels.map(\.available).reduce(0, +) == 8)
    }

    @Test func guardedTransitionReportsTheCurrentStatus() async throws {
        let store = try await Self.store()
        let sku = try await Self.product(store, codes: ["G"]).skus[0]
        _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "G", warehouseID: 1, delta: 1, reason: .receipt, note: nil, now: Self.now)
        let order = try await Self.place(store, [(sku, 1)])
        _ = try await store.cancelOrder(1, id: order.id, expected: .pendingPayment, reason: .requested, now: Self.now)
        await #expect(throws: StoreError.stateChanged(entity: "order", current: "cancelled")) {
            _ = try await store.cancelOrder(1, id: order.id, expected: .pendingPayment, reason: .requested, now: Self.now)
        }
        #expect(try await store.stockLevels(1, skuID: sku.id).first?.available == 1)
    }

    /// Active holds are the unpaid orders' units per SKU and warehouse; paid and cancelled orders hold nothing.
    @Test func activeHoldsListUnpaidOrdersBySoonestExpiry() async throws {
        let store = try await Self.store()
        let skus = try await Self.product(store, codes: ["H1", "H2"]).skus
        let east = try await store.createWarehouse(1, code: "east", name: "East", priority: 5)
        _ = try await store.adjustStock(1, skuID: skus[0].id, skuCode: "H1", warehouseID: 1, delta: 2, reason: .receipt, note: nil, now: Self.now)
        _ = try await store.adjustStock(1, skuID: skus[0].id, skuCode: "H1", warehouseID: east.id, delta: 10, reason: .receipt, note: nil, now: Self.now)
        _ = try await store.adjustStock(1, skuID: skus[1].id, skuCode: "H2", warehouseID: 1, delta: 10, reason: .receipt, note: nil, now: Self.now)
        let split = try await Self.place(store, [(skus[0], 3), (skus[1], 1)])  // H1: 2 from main, 1 from east
        let paid = try await Self.place(store, [(skus[1], 2)])
        let cancelled = try await Self.place(store, [(skus[1], 1)])
        _ = try await store.receivePayment(1, IncomingPayment(orderID: paid.id, amount: paid.total, source: "test", reference: "h1", receivedAt: Self.now, captured: false)) { _ in .apply }
        _ = try await store.cancelOrder(1, id: cancelled.id, expected: .pendingPayment, reason: .requested, now: Self.now)

        let all = try await store.activeHolds(1, skuID: nil, limit: 10)
        #expect(!all.hasMore)
        #expect(all.items == [
            StockHold(orderID: split.id, skuID: skus[0].id, skuCode: "H1", warehouseID: 1, quantity: 2, expiresAt: Self.now.adding(seconds: 60)),
            StockHold(orderID: split.id, skuID: skus[0].id, skuCode: "H1", warehouseID: east.id, quantity: 1, expiresAt: Self.now.adding(seconds: 60)),
            StockHold(orderID: split.id, skuID: skus[1].id, skuCode: "H2", warehouseID: 1, quantity: 1, expiresAt: Self.now.adding(seconds: 60)),
        ])
        #expect(try await store.activeHolds(1, skuID: skus[1].id, limit: 10).items.map(\.quantity) == [1])
        let first = try await store.activeHolds(1, skuID: nil, limit: 2)
        #expect(first.items.count == 2 && first.hasMore)
        // Every unit held in the levels is accounted for by a listed hold.
        let held = try await store.stockLevels(1, skuID: skus[0].id).map(\.held).reduce(0, +)
        #expect(held == all.items.filter { $0.skuID == skus[0].id }.map(\.quantity).reduce(0, +))
    }
}
