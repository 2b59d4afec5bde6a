import Commerce
import Operations
import Persistence
import Testing
import StoreTesting

@Suite struct ConcurrencyTests {
    /// 500 concurrent attempts for a SKU with 100 available: exactly 100 orders, the rest insufficient_stock.
    @Test(arguments: StoreKind.allCases) func noOversellUnderConcurrentOrders(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("HOT-1", stock: 100)
        let results = await withTaskGroup(of: String.self, returning: [String].self) { group in
            for _ in 0..<500 {
                group.addTask {
                    do {
                        _ = try await fixture.order("HOT-1")
                        return "created"
                    } catch let error as any CodedError {
                        return error.code
                    } catch {
                        return "unexpected: \(error)"
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == "created" }.count == 100)
        #expect(results.filter { $0 == "insufficient_stock" }.count == 400)
        let level = try await fixture.stock("HOT-1")
        #expect(level.onHand == 100)
        #expect(level.held == 100)
        #expect(level.available == 0)
        let orders = try await fixture.allOrders()
        #expect(orders.count == 100)
        #expect(orders.allSatisfy { $0.status == .pendingPayment })
    }

    /// Concurrent payments and cancels of the same orders: each order ends paid once or cancelled, never both.
    @Test(arguments: StoreKind.allCases) func concurrentPayAndCancelLeaveOneOutcome(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("RACE-1", price: 500, stock: 50)
        var ids: [String] = []
        for _ in 0..<50 { ids.append(IDPrefix.order.format(try await fixture.order("RACE-1").id)) }
        await withTaskGroup(of: Void.self) { group in
            for id in ids {
                for attempt in 0..<4 {
                    group.addTask {
                        if attempt == 3 {
                            _ = try? await fixture.yunying.orders.cancel(fixture.shop, id: id)
                        } else {
                            _ = try? await fixture.yunying.payments.pay(fixture.shop, orderID: id, PayOrder(amount: MoneyInput(amount: 500, currency: nil)))
                        }
                    }
                }
            }
        }
        var paid: Int64 = 0
        for order in try await fixture.allOrders() {
            let payments = try await fixture.yunying.payments.payments(fixture.shop, orderID: order.id)
            let refunds = try await fixture.yunying.payments.refunds(fixture.shop, orderID: order.id)
            #expect(payments.count <= 1)
            switch order.status {
            case .paid:
                paid += 1
                #expect(payments.map(\.status) == [.succeeded])
            case .cancelled:
                #expect(payments.allSatisfy { $0.status == .refunded })
                #expect(refunds.count == payments.count)
            default:
                Issue.record("unexpected status \(order.status)")
            }
        }
        let level = try await fixture.stock("RACE-1")
        #expect(level.allocated == paid)
        #expect(level.held == 0)
        #expect(level.onHand == 50)
    }
}
