import Commerce
import Operations
import Persistence
import Testing
import StoreTesting

@Suite struct StockTotalsTests {
    @Test(arguments: StoreKind.allCases) func everySKUHasItsTotalOverWarehousesAndTheLowStockFlag(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("B-LOW", stock: 3)
        try await fixture.sku("A-NONE", stock: 0)
        try await fixture.sku("C-PLENTY", stock: 50)
        _ = try await fixture.yunying.catalog.updateSKU(fixture.shop, code: "B-LOW", UpdateSKU(lowStockThreshold: 5))
        _ = try await fixture.yunying.inventory.createWarehouse(fixture.shop, CreateWarehouse(code: "SOUTH", name: "South", priority: 200))
        _ = try await fixture.yunying.inventory.adjust(fixture.shop, AdjustStock(sku: "C-PLENTY", warehouse: "SOUTH", delta: 7, reason: "receipt"))
        _ = try await fixture.order("C-PLENTY", quantity: 4)

        let totals = try await fixture.yunying.inventory.stockTotals(fixture.shop)
        #expect(totals.map(\.sku.code) == ["A-NONE", "B-LOW", "C-PLENTY"])
        #expect(totals.map(\.total.available) == [0, 3, 53])
        #expect(totals[2].total.onHand == 57 && totals[2].total.held == 4)
        #expect(totals.map(\.lowStock) == [false, true, false])
        // The same totals as the one-SKU read.
        for total in totals { #expect(try await fixture.stock(total.sku.code).available == total.total.available) }
    }
}
