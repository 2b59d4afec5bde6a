import Testing
@testable import Commerce

@Suite struct StockRulesTests {
    @Test func availableIsOnHandLessHeldAndAllocated() {
        #expect(StockLevel(skuID: 1, warehouseID: 1, onHand: 10, held: 3, allocated: 2).available == 5)
    }

    @Test func holdPlanDrawsWarehousesInOrder() throws {
        let levels = [
            StockLevel(skuID: 1, warehouseID: 7, onHand: 5, held: 4),
            StockLevel(skuID: 1, warehouseID: 8, onHand: 0),
            StockLevel(skuID: 1, warehouseID: 9, onHand: 10, allocated: 1),
        ]
        let plan = try StockRules.planHold(quantity: 6, levels: levels, sku: "A", field: "lines[0].quantity")
        #expect(plan.map(\.warehouseID) == [7, 9])
        #expect(plan.map(\.quantity) == [1, 5])
    }

    @Test func holdPlanRefusesWhenTheTotalIsShort() {
        let levels = [StockLevel(skuID: 1, warehouseID: 1, onHand: 3, held: 1)]
        #expect(throws: CommerceError.insufficientStock(sku: "A", field: "lines[2].quantity")) {
            try StockRules.planHold(quantity: 3, levels: levels, sku: "A", field: "lines[2].quantity")
        }
        #expect(throws: CommerceError.self) { try StockRules.planHold(quantity: 1, levels: [], sku: "A", field: "f") }
    }

    @Test func adjustmentSignMustFitTheReason() throws {
        try StockRules.validateAdjustment(delta: 5, reason: .receipt)
        try StockRules.validateAdjustment(delta: -5, reason: .damage)
        try StockRules.validateAdjustment(delta: -5, reason: .countCorrection)
        try StockRules.validateAdjustment(delta: 5, reason: .countCorrection)
        #expect(throws: CommerceError.self) { try StockRules.validateAdjustment(delta: -1, reason: .receipt) }
        #expect(throws: CommerceError.self) { try StockRules.validateAdjustment(delta: 1, reason: .damage) }
        #expect(throws: CommerceError.self) { try StockRules.validateAdjustment(delta: 0, reason: .receipt) }
        #expect(throws: CommerceError.self) { try StockRules.validateAdjustment(delta: 5, reason: .sale) }
        #expect(throws: CommerceError.self) { try StockRules.validateAdjustment(delta: StockRules.maxUnits + 1, reason: .receipt) }
    }

    @Test func lowStockNeedsAPositiveThreshold() {
        let level = StockLevel(skuID: 1, warehouseID: 1, onHand: 10, held: 5)
        #expect(StockRules.isLow(level, threshold: 5))
        #expect(!StockRules.isLow(level, threshold: 4))
        #expect(!StockRules.isLow(StockLevel(skuID: 1, warehouseID: 1), threshold: 0))
    }
}
