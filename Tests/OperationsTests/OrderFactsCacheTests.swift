import Commerce
import Operations
import Persistence
import Testing
import StoreTesting

/// Reports read order facts from a cache that the store's orders version invalidates: every kind
/// of change shows in the next report, with the clock standing still.
@Suite struct OrderFactsCacheTests {
    @Test(arguments: StoreKind.allCases) func everyChangeToOrdersShowsInTheNextReport(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("CUP", price: 1000, stock: 10)
        let day = fixture.yunying.analytics.localDay(fixture.shop)
        let parameters = ReportParameters(["from": day, "to": day])
        func kpi(_ key: String) async throws -> String? {
            try await fixture.yunying.analytics.report(fixture.shop, name: "kpis", parameters).json[key]?.json
        }
        func skuMargin() async throws -> String? {
            guard case .array(let rows)? = try await fixture.yunying.analytics.report(fixture.shop, name: "skus", parameters).json["rows"] else { return nil }
            return rows.first.map(\.json)
        }
        let version = { try await fixture.yunying.store.ordersVersion(fixture.shop.id) }

        #expect(try await kpi("orders") == "0")
        let start = try await version()
        let first = try await fixture.order("CUP", quantity: 2)
        #expect(try await version() > start)
        #expect(try await kpi("orders") == "1")
        #expect(try await kpi("paid_revenue") == #"{"amount":0,"currency":"CNY"}"#)

        _ = try await fixture.yunying.payments.pay(fixture.shop, orderID: IDPrefix.order.format(first.id), PayOrder(amount: MoneyInput(amount: 2000, currency: nil)))
        #expect(try await kpi("paid_revenue") == #"{"amount":2000,"currency":"CNY"}"#)
        let marginBefore = try await skuMargin()
        _ = try await fixture.yunying.catalog.updateSKU(fixture.shop, code: "CUP", UpdateSKU(cost: MoneyInput(amount: 400, currency: nil)))
        #expect(try await skuMargin() != marginBefore)

        _ = try await fixture.yunying.orders.cancel(fixture.shop, id: IDPrefix.order.format(first.id))
        #expect(try await kpi("refunds") == #"{"amount":2000,"currency":"CNY"}"#)
        // Nothing changed: the version stays, and the report reads the cache.
        let settled = try await version()
        _ = try await kpi("orders")
        #expect(try await version() == settled)
    }
}
