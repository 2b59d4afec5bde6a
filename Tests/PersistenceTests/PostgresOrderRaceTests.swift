import Commerce
@testable import Persistence
import StoreTesting
import Testing

/// Races on PostgreSQL: many transactions, some on a second store over the same schema (another
/// server instance), competing for the same units, promotions and orders.
@Suite struct PostgresOrderRaceTests {
    /// Stores, orders and promotions are set up as in the order tests.
    typealias Fixture = PostgresOrderTests

    /// Two sweepers cancelling the same expired order at once: one wins, the units come back once.
    @Test func concurrentCancelsReleaseOnce() async throws {
        let (store, items) = try await Fixture.store([("A", 5, 0)])
        defer { store.close() }
        let order = try await Fixture.place(store, [(items[0], 2)])
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    do {
                        _ = try await store.cancelOrder(1, id: order.id, expected: .pendingPayment, reason: .paymentTimeout, now: Fixture.now)
                        return true
                    } catch StoreError.stateChanged {
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await Fixture.level(store, items[0]) == [5, 0, 0])
    }

    /// The same notification delivered to two instances at once is applied once.
    @Test func concurrentDuplicatePaymentsApplyOnce() async throws {
        let (store, items) = try await Fixture.store([("A", 5, 0)])
        defer { store.close() }
        let order = try await Fixture.place(store, [(items[0], 1)])
        let outcomes = try await withThrowingTaskGroup(of: PaymentOutcome.self) { group in
            for _ in 0..<4 {
                group.addTask { try await Fixture.pay(store, order, reference: "same") }
            }
            return try await group.reduce(into: [PaymentOutcome]()) { $0.append($1) }
        }
        #expect(outcomes.filter { if case .applied = $0 { true } else { false } }.count == 1)
        #expect(outcomes.filter { if case .duplicate = $0 { true } else { false } }.count == 3)
        #expect(try await Fixture.level(store, items[0]) == [5, 0, 1])
    }

    /// 200 shoppers on two instances race for 50 units: exactly 50 orders, no unit sold twice.
    @Test func concurrentOrdersNeverOversell() async throws {
        let (store, items) = try await Fixture.store([("HOT", 50, 0)], connections: 16)
        defer { store.close() }
        let other = try await PostgresStore(try PostgresLocation(url: TestStores.postgresURL!, maximumConnections: 16).withSchema(store.schema))
        defer { other.close() }
        let placed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                group.addTask {
                    do {
                        _ = try await Fixture.place(index.isMultiple(of: 2) ? store : other, [(items[0], 1)])
                        return true
                    } catch let error as CommerceError where error.code == "insufficient_stock" {
                        return false
                    }
                }
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(placed == 50)
        #expect(try await Fixture.count(store, "SELECT COUNT(*) FROM orders") == 50)
        #expect(try await Fixture.level(store, items[0]) == [50, 50, 0])
        #expect(try await Fixture.count(store, "SELECT SUM(held_delta) FROM stock_movements") == 50)
    }

    /// Ten shoppers for three flash units (stock is plentiful): three orders, flash stock sold out
    /// exactly; cancelling one gives its flash unit and its held stock back.
    @Test func flashStockIsNeverOversold() async throws {
        let (store, items) = try await Fixture.store([("F", 100, 0)], connections: 8)
        defer { store.close() }
        let promotion = try await Fixture.flashPromotion(store, items[0], stock: 3, perCustomerLimit: 1)
        let cart = try Fixture.flashCart(items[0], promotion)
        let request = OrderRequest(customerID: nil, skuCodes: ["F"], shippingAddress: nil, createdAt: Fixture.now)
        let placed = try await withThrowingTaskGroup(of: Int64?.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do {
                        return try await store.createOrder(1, request) { _ in
                            PricedOrder(cart: cart, holdExpiresAt: Fixture.now.adding(seconds: 60), redeemedClaimID: nil)
                        }.id
                    } catch StoreError.rejected(code: "promotion_exhausted", _, _, _) {
                        return nil
                    }
                }
            }
            return try await group.reduce(into: [Int64]()) { if let id = $1 { $0.append(id) } }
        }
        #expect(placed.count == 3)
        #expect(try await Fixture.count(store, "SELECT flash_sold FROM promotions") == 3)
        #expect(try await Fixture.count(store, "SELECT uses_count FROM promotions") == 3)
        #expect(try await Fixture.count(store, "SELECT budget_used FROM promotions") == 60)
        #expect(try await Fixture.level(store, items[0]) == [100, 3, 0])
        #expect(try await Fixture.count(store, "SELECT COUNT(*) FROM order_discounts") == 3)

        _ = try await store.cancelOrder(1, id: placed[0], expected: .pendingPayment, reason: .requested, now: Fixture.now)
        #expect(try await Fixture.count(store, "SELECT flash_sold FROM promotions") == 2)
        #expect(try await Fixture.count(store, "SELECT budget_used FROM promotions") == 40)
        #expect(try await Fixture.level(store, items[0]) == [100, 2, 0])
    }

    /// A sweeper cancelling flash orders while new ones are placed: both lock stock, then the
    /// promotion, so neither waits for the other in a cycle; the counters end consistent.
    @Test func cancelsAndOrdersOnOneFlashSaleDoNotDeadlock() async throws {
        let (store, items) = try await Fixture.store([("F", 100, 0)], connections: 16)
        defer { store.close() }
        let promotion = try await Fixture.flashPromotion(store, items[0], stock: 100, perCustomerLimit: 1)
        let cart = try Fixture.flashCart(items[0], promotion)
        let request = OrderRequest(customerID: nil, skuCodes: ["F"], shippingAddress: nil, createdAt: Fixture.now)
        let place = { @Sendable () async throws -> Int64 in
            try await store.createOrder(1, request) { _ in
                PricedOrder(cart: cart, holdExpiresAt: Fixture.now.adding(seconds: 60), redeemedClaimID: nil)
            }.id
        }
        var expired: [Int64] = []
        for _ in 0..<30 { expired.append(try await place()) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in expired {
                group.addTask { _ = try await store.cancelOrder(1, id: id, expected: .pendingPayment, reason: .paymentTimeout, now: Fixture.now) }
                group.addTask { _ = try await place() }
            }
            try await group.waitForAll()
        }
        #expect(try await Fixture.count(store, "SELECT flash_sold FROM promotions") == 30)
        #expect(try await Fixture.level(store, items[0]) == [100, 30, 0])
    }

    /// Orders taking two SKUs in opposite line orders at once all succeed (no deadlock left unresolved).
    @Test func multiLineOrdersInOppositeOrdersDoNotDeadlock() async throws {
        let (store, items) = try await Fixture.store([("A", 100, 0), ("B", 100, 0)], connections: 16)
        defer { store.close() }
        let pair: [(Fixture.Item, Int64)] = [(items[0], 1), (items[1], 1)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<60 {
                let lines = index.isMultiple(of: 2) ? pair : pair.reversed()
                group.addTask { _ = try await Fixture.place(store, lines) }
            }
            try await group.waitForAll()
        }
        #expect(try await Fixture.level(store, items[0]) == [100, 60, 0])
        #expect(try await Fixture.level(store, items[1]) == [100, 60, 0])
    }
}
