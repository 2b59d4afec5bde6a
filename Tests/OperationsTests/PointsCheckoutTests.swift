import Commerce
import Operations
import Persistence
import Testing
import StoreTesting

/// Paying with points at checkout: the cap, the balance, quotes, cancels, tier benefits, and
/// concurrent attempts on one balance.
@Suite struct PointsCheckoutTests {
    static func member(_ fixture: Fixture, points: Int64) async throws -> String {
        let id = "cus_\(try await fixture.yunying.customers.create(fixture.shop, CreateCustomer(name: "Member")).id)"
        if points > 0 { _ = try await fixture.yunying.membership.adjust(fixture.shop, customer: id, amount: points, note: "welcome") }
        return id
    }

    static func code(_ body: () async throws -> Void) async -> String? {
        do { try await body(); return nil } catch let error as any CodedError { return "\(error.code)@\(error.field ?? "")" } catch { return "\(error)" }
    }

    @Test(arguments: StoreKind.allCases) func pointsPayWithinTheCapAndComeBackOnCancel(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("P-1", price: 10_000, stock: 10)
        let customer = try await Self.member(fixture, points: 8_000)
        let orders = fixture.yunying.orders
        func order(points: Int64?, customer: String? = customer) -> CreateOrder {
            var input = CreateOrder(customerId: customer, lines: [.init(sku: "P-1", quantity: 1)])
            input.points = points
            return input
        }
        let quote = try await orders.quote(fixture.shop, order(points: 5_000))
        #expect(quote.total.amount == 5_000 && quote.pointsRedeemed == 5_000)
        #expect(await Self.code { _ = try await orders.place(fixture.shop, order(points: 5_001)) } == "points_cap_exceeded@points")
        #expect(await Self.code { _ = try await orders.place(fixture.shop, order(points: -1)) } == "invalid_value@points")
        #expect(await Self.code { _ = try await orders.place(fixture.shop, order(points: 100, customer: nil)) } == "customer_required@points")
        let placed = try await orders.place(fixture.shop, order(points: 5_000))
        #expect(placed.total.amount == 5_000 && placed.lines[0].applied.last?.source == .points)
        var (membership, _) = try await fixture.yunying.membership.membership(fixture.shop, customer: customer)
        #expect(PointsLedger(membership.ledger).balance == 3_000)
        #expect(await Self.code { _ = try await orders.place(fixture.shop, order(points: 3_001)) } == "insufficient_points@points")
        _ = try await orders.cancel(fixture.shop, id: "ord_\(placed.id)")
        (membership, _) = try await fixture.yunying.membership.membership(fixture.shop, customer: customer)
        #expect(PointsLedger(membership.ledger).balance == 8_000)
        #expect(membership.ledger.last?.kind == .redeemReturn && membership.ledger.last?.orderID == placed.id)
    }

    @Test(arguments: StoreKind.allCases) func concurrentRedemptionsNeverOverspend(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("P-2", price: 1_000, stock: 100)
        let customer = try await Self.member(fixture, points: 500)
        let outcomes = await withTaskGroup(of: String.self, returning: [String].self) { group in
            for _ in 0..<40 {
                group.addTask {
                    var input = CreateOrder(customerId: customer, lines: [.init(sku: "P-2", quantity: 1)])
                    input.points = 100
                    return await Self.code { _ = try await fixture.yunying.orders.place(fixture.shop, input) } ?? "placed"
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == "placed" }.count == 5)
        #expect(outcomes.filter { $0 == "insufficient_points@points" }.count == 35)
        let (membership, _) = try await fixture.yunying.membership.membership(fixture.shop, customer: customer)
        #expect(PointsLedger(membership.ledger).balance == 0)
    }

    @Test(arguments: StoreKind.allCases) func freeShippingTiersShipFree(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.yunying.store.setShippingFee(fixture.shop.id, amount: 800)
        try await fixture.sku("P-3", price: 600_000, stock: 10)
        let shop = try #require(try await fixture.yunying.store.shop(fixture.shop.id))
        let customer = try await Self.member(fixture, points: 0)
        let input = CreateOrder(customerId: customer, lines: [.init(sku: "P-3", quantity: 1)])
        #expect(try await fixture.yunying.orders.quote(shop, input).shipping.amount == 800)
        // ¥6,008 paid: 6,008 growth reaches V3, which ships free.
        let first = try await fixture.yunying.orders.place(shop, input)
        _ = try await fixture.yunying.payments.pay(shop, orderID: "ord_\(first.id)", PayOrder(amount: MoneyInput(amount: first.total.amount, currency: nil)))
        #expect(try await fixture.yunying.orders.quote(shop, input).shipping.amount == 0)
    }
}
