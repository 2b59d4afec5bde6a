import Commerce
import Operations
import Persistence
import Testing
import StoreTesting

@Suite struct HoldExpiryTests {
    @Test(arguments: StoreKind.allCases) func sweeperCancelsOnlyExpiredUnpaidOrdersAndReleasesTheirStock(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend, holdSeconds: 600)
        try await fixture.sku("SWEEP-1", price: 100, stock: 10)
        let early = try await fixture.order("SWEEP-1", quantity: 3)
        fixture.time.advance(seconds: 300)
        let late = try await fixture.order("SWEEP-1", quantity: 2)
        let paid = try await fixture.order("SWEEP-1", quantity: 1)
        _ = try await fixture.yunying.payments.pay(fixture.shop, orderID: IDPrefix.order.format(paid.id), PayOrder(amount: MoneyInput(amount: 100, currency: nil)))

        fixture.time.advance(seconds: 299)  // early expires at 600 s; now 599 s
        #expect(try await fixture.yunying.orders.expireHolds() == 0)

        fixture.time.advance(seconds: 1)  // exactly at expiry: expired
        #expect(try await fixture.yunying.orders.expireHolds() == 1)
        let expired = try await fixture.yunying.orders.order(fixture.shop, id: IDPrefix.order.format(early.id))
        #expect(expired.status == .cancelled)
        #expect(expired.cancelReason == .paymentTimeout)
        var level = try await fixture.stock("SWEEP-1")
        #expect(level.held == 2)
        #expect(level.allocated == 1)
        #expect(level.available == 7)

        fixture.time.advance(seconds: 3600)
        #expect(try await fixture.yunying.orders.expireHolds() == 1)
        #expect(try await fixture.yunying.orders.order(fixture.shop, id: IDPrefix.order.format(late.id)).status == .cancelled)
        level = try await fixture.stock("SWEEP-1")
        #expect(level.held == 0)
        #expect(level.allocated == 1)
        #expect(level.available == 9)
    }

    @Test(arguments: StoreKind.allCases) func paymentAfterExpiryIsRefusedAndRecordedForRefund(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend, holdSeconds: 60)
        try await fixture.sku("LATE-1", price: 250, stock: 1)
        let order = try await fixture.order("LATE-1")
        fixture.time.advance(seconds: 61)
        _ = try await fixture.yunying.orders.expireHolds()
        let callback = PaymentCallback(reference: "gw-late", orderId: IDPrefix.order.format(order.id), amount: MoneyInput(amount: 250, currency: nil), status: "succeeded")
        let outcome = try await fixture.yunying.payments.callback(fixture.shop, callback)
        guard case .refused(let payment, let reason) = outcome else {
            Issue.record("expected a refusal, got \(String(describing: outcome))")
            return
        }
        #expect(reason == "order_cancelled")
        #expect(payment.status == .refundPending)
        #expect(try await fixture.yunying.orders.order(fixture.shop, id: IDPrefix.order.format(order.id)).status == .cancelled)
        #expect(try await fixture.stock("LATE-1").available == 1)
    }

    @Test(arguments: StoreKind.allCases) func sweepHandlesMoreThanOneBatch(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend, holdSeconds: 1)
        try await fixture.sku("MANY-1", stock: 30)
        for _ in 0..<25 { _ = try await fixture.order("MANY-1") }
        fixture.time.advance(seconds: 2)
        #expect(try await fixture.yunying.orders.expireHolds(batch: 10) == 25)
        #expect(try await fixture.stock("MANY-1").held == 0)
    }
}
