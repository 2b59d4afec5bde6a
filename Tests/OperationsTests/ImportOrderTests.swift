import Commerce
import Foundation
@testable import Operations
import Persistence
import Testing
import StoreTesting

/// Order history imports end to end on a SQLite shop (CNY, Asia/Shanghai).
@Suite struct ImportOrderTests {
    static func fixture(_ name: String) throws -> ImportSource {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures/imports"))
        return .file(path: url.path)
    }

    /// Orders of the shop with their facts, oldest placement first.
    static func facts(_ fixture: Fixture) async throws -> [OrderFact] {
        try await fixture.yunying.store.orderFacts(fixture.shop.id).sorted { $0.placedAt < $1.placedAt }
    }

    static func ms(_ text: String) -> Int64 { Instant(iso8601: text)!.millisecondsSinceEpoch }

    @Test(arguments: StoreKind.allCases) func genericFileSkipsTheOrderWithABadRowWhole(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("TEE-1", price: 1990, stock: 0)
        var progress: [ImportProgress] = []
        let report = try await OrderImporter(fixture.yunying).run(fixture.shop, try Self.fixture("generic-orders"), format: .generic) {
            progress.append($0)
        }
        #expect(report.rowsRead == 8)
        #expect(report.orders == 6)
        #expect(report.imported == 4)
        #expect(report.skipped == 2)
        #expect(report.badRows == 2)
        #expect(report.issues.first.map(\.description) == [
            "line 6: quantity must be a positive whole number",
            "line 9: unit_price has more than 2 decimal places",
        ])
        #expect(report.placeholderSKUs == 2)  // MUG-9 and CAP-1; TEE-1 is in the catalog
        #expect(report.customersCreated == 3)  // C1, C2 and C3 (whose valid order A-6 is cancelled); A-4 is a guest
        #expect(progress.last?.phase == .importing && progress.last?.stored == 4)

        let facts = try await Self.facts(fixture)
        #expect(facts.map(\.total) == [4970, 3000, 9000, 1990])
        #expect(facts.map(\.status) == ["completed", "cancelled", "pending_payment", "cancelled"])
        // paid at ordered_at; A-2 date-only → local midnight in Shanghai, refunded in full then.
        #expect(facts[0].placedAt == Self.ms("2024-01-05T10:00:00Z") && facts[0].paidAt == facts[0].placedAt)
        #expect(facts[1].placedAt == Self.ms("2024-01-05T16:00:00Z") && facts[1].paidAt == facts[1].placedAt)
        #expect(facts[2].paidAt == nil && facts[2].customerID == nil)
        let refunds = try await fixture.yunying.store.refundFacts(fixture.shop.id)
        #expect(refunds.map(\.amount) == [3000] && refunds.first?.at == facts[1].placedAt)

        let orders = try await fixture.allOrders().sorted { $0.createdAt < $1.createdAt }
        #expect(orders.map { $0.lines.map(\.skuCode) } == [["TEE-1", "CAP-1"], ["MUG-9"], [], ["TEE-1"]])
        #expect(orders[1].lines.first?.title == "Mug,\nlarge")
        #expect(orders[0].subtotal.amount == 4970 && orders[1].discount.amount == 500)
    }

    @Test(arguments: StoreKind.allCases) func reimportingAddsNothing(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        let importer = OrderImporter(fixture.yunying, batchSize: 2)
        let first = try await importer.run(fixture.shop, try Self.fixture("generic-orders"), format: .generic)
        let second = try await importer.run(fixture.shop, try Self.fixture("generic-orders"), format: .generic)
        #expect(first.imported == 4 && first.alreadyPresent == 0 && first.placeholderSKUs == 3)
        #expect(second.imported == 0 && second.alreadyPresent == 4 && second.placeholderSKUs == 0 && second.customersCreated == 0)
        #expect(try await fixture.yunying.store.orderFacts(fixture.shop.id).count == 4)
    }

    @Test(arguments: StoreKind.allCases) func statusesAndRefundColumns(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        let csv = """
            order_id,customer_id,ordered_at,sku,quantity,unit_price,discount,status,refunded_amount,refunded_at,shipping
            P,c,2024-02-01T00:00:00Z,S,1,10,,PAID,,,
            R,c,2024-02-02T00:00:00Z,S,2,10,,refunded,5,2024-02-03T00:00:00Z,1.50
            X,c,2024-02-03T00:00:00Z,S,1,10,,cancelled,,,
            W,c,2024-02-04T00:00:00Z,S,1,10,,pending,,,
            Q,c,2024-02-05T00:00:00Z,S,1,10,,shipped,,,
            M,c,2024-02-06T00:00:00Z,S,1,10,,paid,,,
            M,c,2024-02-07T00:00:00Z,,1,3,,paid,,,
            """
        let report = try await OrderImporter(fixture.yunying).run(fixture.shop, .text(csv), format: .generic)
        #expect(report.imported == 4 && report.skipped == 2)
        #expect(report.issues.first.map(\.line) == [6, 8])
        #expect(report.issues.first.first?.code == "invalid_status")
        #expect(report.issues.first.last?.code == "inconsistent_order")
        let facts = try await Self.facts(fixture)
        #expect(facts.map(\.status) == ["completed", "completed", "cancelled", "pending_payment"])
        #expect(facts[1].total == 2150 && facts[2].paidAt == nil && facts[3].paidAt == nil)
        let refunds = try await fixture.yunying.store.refundFacts(fixture.shop.id)
        #expect(refunds.map(\.amount) == [500] && refunds.first?.at == Self.ms("2024-02-03T00:00:00Z"))
    }

    @Test(arguments: StoreKind.allCases) func emptySKUGivesAnOrderTotalWithoutLines(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        let csv = "order_id,ordered_at,sku,quantity,unit_price,discount,status\nT-1,2024-03-01,,2,50.00,10.00,paid\n"
        let report = try await OrderImporter(fixture.yunying).run(fixture.shop, .text(csv), format: .generic)
        #expect(report.imported == 1 && report.placeholderSKUs == 0)
        let order = try #require(try await fixture.allOrders().first)
        #expect(order.lines.isEmpty && order.total.amount == 9000 && order.customerID == nil)
    }

    @Test(arguments: StoreKind.allCases) func foreignCurrencyAndMissingColumnsAreRefused(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        let csv = "order_id,ordered_at,quantity,unit_price,status\nA,2024-01-01,1,1,paid\n"
        await #expect(throws: OperationsError.self) {
            try await OrderImporter(fixture.yunying).run(fixture.shop, .text(csv), format: .generic, currency: Currency("USD"))
        }
        let same = try await OrderImporter(fixture.yunying).run(fixture.shop, .text(csv), format: .generic, currency: .cny)
        #expect(same.imported == 1)
        do {
            _ = try await OrderImporter(fixture.yunying).run(fixture.shop, .text("order_id,sku\nA,B\n"), format: .generic)
            Issue.record("missing columns accepted")
        } catch let error as OperationsError {
            #expect(error.code == "missing_columns" && error.message.contains("ordered_at, quantity, unit_price, status"))
        }
    }

    @Test(arguments: StoreKind.allCases) func shopifyExportWithMultiRowOrders(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        let report = try await OrderImporter(fixture.yunying).run(fixture.shop, try Self.fixture("shopify-orders"), format: .shopify)
        #expect(report.rowsRead == 8 && report.orders == 6)
        #expect(report.imported == 5 && report.skipped == 1)
        #expect(report.issues.first.map(\.description) == ["line 9: Lineitem quantity must be a positive whole number"])
        #expect(report.placeholderSKUs == 2 && report.customersCreated == 4)
        let facts = try await Self.facts(fixture)
        #expect(facts.map(\.total) == [7480, 5970, 1990, 5000, 1990])
        #expect(facts.map(\.status) == ["completed", "completed", "cancelled", "cancelled", "pending_payment"])
        #expect(facts[0].placedAt == Self.ms("2024-01-05T02:23:45Z") && facts[0].paidAt == Self.ms("2024-01-05T02:25:00Z"))
        #expect(facts[2].paidAt == nil && facts[4].paidAt == nil)
        #expect(facts[0].customerID == facts[2].customerID)  // Ann's email in another case
        let refunds = try await fixture.yunying.store.refundFacts(fixture.shop.id).map(\.amount).sorted()
        #expect(refunds == [1990, 5000])
        let orders = try await fixture.allOrders().sorted { $0.createdAt < $1.createdAt }
        #expect(orders[0].lines.map(\.skuCode) == ["TEE-1", "MUG-1"])
        #expect(orders[0].lines.map(\.quantity) == [2, 1])
        #expect(orders[0].subtotal.amount == 6980 && orders[0].discount.amount == 500 && orders[0].shipping.amount == 1000)
        #expect(orders[3].lines.isEmpty)  // a line item without a SKU is not stored as a line
    }
}
