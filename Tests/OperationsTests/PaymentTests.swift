import Commerce
import Operations
import Persistence
import Testing
import StoreTesting

@Suite struct PaymentTests {
    static func callback(_ reference: String, order: Order, amount: Int64? = nil) -> PaymentCallback {
        PaymentCallback(reference: reference, orderId: IDPrefix.order.format(order.id), amount: MoneyInput(amount: amount ?? order.total.amount, currency: nil), status: "succeeded")
    }

    /// Duplicated, late and competing callbacks in any order pay an order exactly once.
    @Test(arguments: StoreKind.allCases) func noSequenceOfCallbacksPaysTwice(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("PAY-1", price: 700, stock: 5)
        let order = try await fixture.order("PAY-1", quantity: 2)
        let outcomes = await withTaskGroup(of: PaymentOutcome?.self, returning: [PaymentOutcome?].self) { group in
            for index in 0..<40 {
                group.addTask {
                    try? await fixture.yunying.payments.callback(fixture.shop, Self.callback("gw-\(index % 4)", order: order))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let applied = outcomes.filter { if case .applied = $0 { true } else { false } }
        #expect(applied.count == 1)
        let payments = try await fixture.yunying.payments.payments(fixture.shop, orderID: order.id)
        #expect(payments.count == 4)  // one per distinct reference
        #expect(payments.filter { $0.status == .succeeded }.count == 1)
        #expect(payments.filter { $0.status == .refundPending }.count == 3)
        let level = try await fixture.stock("PAY-1")
        #expect(level.allocated == 2)
        #expect(level.held == 0)
    }

    @Test(arguments: StoreKind.allCases) func wrongAmountIsNotApplied(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("PAY-2", price: 700, stock: 5)
        let order = try await fixture.order("PAY-2")
        let outcome = try await fixture.yunying.payments.callback(fixture.shop, Self.callback("gw-x", order: order, amount: 699))
        #expect(outcome.map { if case .refused(_, "amount_mismatch") = $0 { true } else { false } } == true)
        await #expect(throws: CommerceError.self) {
            try await fixture.yunying.payments.pay(fixture.shop, orderID: IDPrefix.order.format(order.id), PayOrder(amount: MoneyInput(amount: 701, currency: nil)))
        }
        #expect(try await fixture.yunying.orders.order(fixture.shop, id: IDPrefix.order.format(order.id)).status == .pendingPayment)
    }

    @Test(arguments: StoreKind.allCases) func cancellingAPaidOrderRefundsAndReleasesAllocation(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("PAY-3", price: 300, stock: 4)
        let order = try await fixture.order("PAY-3", quantity: 4)
        let id = IDPrefix.order.format(order.id)
        _ = try await fixture.yunying.payments.pay(fixture.shop, orderID: id, PayOrder(amount: MoneyInput(amount: 1200, currency: nil)))
        #expect(try await fixture.stock("PAY-3").allocated == 4)
        let cancelled = try await fixture.yunying.orders.cancel(fixture.shop, id: id)
        #expect(cancelled.status == .cancelled)
        let refunds = try await fixture.yunying.payments.refunds(fixture.shop, orderID: order.id)
        #expect(refunds.map(\.amount.amount) == [1200])
        let level = try await fixture.stock("PAY-3")
        #expect(level.allocated == 0)
        #expect(level.available == 4)
    }
}
