import Commerce
@testable import Persistence
import StoreTesting
import Testing

/// Categories, products, SKUs, warehouses and stock on PostgreSQL.
@Suite struct PostgresAccessCatalogTests {
    static let now = PostgresAccessTests.now

    static func newSKU(_ code: String, threshold: Int64 = 0) -> NewSKU {
        NewSKU(code: code, specs: ["size": "M"], price: Money(100, .cny), cost: Money(40, .cny), weightGrams: 250, barcode: nil, lowStockThreshold: threshold)
    }

    static func newProduct(_ title: String, category: Int64? = nil, status: ProductStatus = .listed, skus: [NewSKU]) -> NewProduct {
        NewProduct(title: title, description: "About \(title)", categoryID: category, attributes: ["origin": "Fujian"], status: status, lifecycleStage: .growth, skus: skus)
    }

    @Test func categoriesNestAndRefuseDuplicates() async throws {
        let store = try await PostgresAccessTests.store()
        defer { store.close() }
        let tea = try await store.createCategory(1, name: "Tea", parentID: nil)
        let green = try await store.createCategory(1, name: "Green", parentID: tea.id)
        _ = try await store.createCategory(1, name: "Green", parentID: nil)
        await #expect(throws: StoreError.duplicate(field: "name", value: "Green")) {
            _ = try await store.createCategory(1, name: "Green", parentID: tea.id)
        }
        await #expect(throws: StoreError.notFound(entity: "category", id: "cat_999")) {
            _ = try await store.createCategory(1, name: "Lost", parentID: 999)
        }
        #expect(try await store.categories(1).map(\.name) == ["Tea", "Green", "Green"])
        #expect(try await store.categories(1)[1] == green)
    }

    @Test func productsRoundTripFilterAndPage() async throws {
        let store = try await PostgresAccessTests.store()
        defer { store.close() }
        let tea = try await store.createCategory(1, name: "Tea", parentID: nil)
        let green = try await store.createCategory(1, name: "Green", parentID: tea.id)
        let oolong = try await store.createProduct(1, Self.newProduct("Oolong", category: tea.id, skus: [Self.newSKU("OO-1"), Self.newSKU("OO-2")]), now: Self.now)
        let sencha = try await store.createProduct(1, Self.newProduct("Sencha 50%", category: green.id, skus: [Self.newSKU("SE_1")]), now: Self.now)
        let mug = try await store.createProduct(1, Self.newProduct("Mug", status: .draft, skus: [Self.newSKU("MUG")]), now: Self.now)
        #expect(try await store.product(1, id: oolong.id) == oolong)
        #expect(try await store.product(1, id: 999) == nil)
        #expect(oolong.skus.map(\.code) == ["OO-1", "OO-2"])

        func titles(_ filter: ProductFilter, _ page: PageRequest = PageRequest()) async throws -> [String] {
            try await store.products(1, filter: filter, page: page).items.map(\.title)
        }
        #expect(try await titles(ProductFilter()) == ["Mug", "Sencha 50%", "Oolong"])
        #expect(try await titles(ProductFilter(categoryID: tea.id)) == ["Sencha 50%", "Oolong"])
        #expect(try await titles(ProductFilter(categoryID: green.id)) == ["Sencha 50%"])
        #expect(try await titles(ProductFilter(status: .draft)) == ["Mug"])
        #expect(try await titles(ProductFilter(text: "oolong")) == ["Oolong"])
        #expect(try await titles(ProductFilter(text: "oo-2")) == ["Oolong"])
        #expect(try await titles(ProductFilter(text: "about MUG")) == ["Mug"])
        #expect(try await titles(ProductFilter(text: "50%")) == ["Sencha 50%"])
        #expect(try await titles(ProductFilter(text: "%")) == ["Sencha 50%"])
        #expect(try await titles(ProductFilter(text: "_")) == ["Sencha 50%"])
        #expect(try await titles(ProductFilter(categoryID: tea.id, status: .listed, text: "SEN")) == ["Sencha 50%"])

        let first = try await store.products(1, filter: ProductFilter(), page: PageRequest(limit: 2))
        #expect(first.items.map(\.id) == [mug.id, sencha.id])
        #expect(first.hasMore)
        let rest = try await store.products(1, filter: ProductFilter(), page: PageRequest(limit: 2, startingAfter: sencha.id))
        #expect(rest.items == [oolong])
        #expect(!rest.hasMore)
    }

    @Test func productsAndSKUsUpdate() async throws {
        let store = try await PostgresAccessTests.store()
        defer { store.close() }
        let category = try await store.createCategory(1, name: "Tea", parentID: nil)
        var product = try await store.createProduct(1, Self.newProduct("Oolong", skus: [Self.newSKU("O1"), Self.newSKU("O2")]), now: Self.now)
        product.title = "Oolong tea"
        product.categoryID = category.id
        product.attributes = [:]
        product.status = .delisted
        product.lifecycleStage = .decline
        try await store.updateProduct(1, product, now: Self.now)
        var sku = product.skus[1]
        sku.price = Money(150, .cny)
        sku.cost = nil
        sku.specs = [:]
        sku.barcode = "690"
        sku.weightGrams = nil
        sku.lowStockThreshold = 3
        try await store.updateSKU(1, sku)
        product.skus[1] = sku
        #expect(try await store.product(1, id: product.id) == product)

        var missing = product
        missing.id = 999
        await #expect(throws: StoreError.notFound(entity: "product", id: "prod_999")) { try await store.updateProduct(1, missing, now: Self.now) }
        missing.categoryID = 998
        await #expect(throws: StoreError.notFound(entity: "category", id: "cat_998")) { try await store.updateProduct(1, missing, now: Self.now) }
        var lost = sku
        lost.id = 999
        await #expect(throws: StoreError.notFound(entity: "sku", id: "O2")) { try await store.updateSKU(1, lost) }

        let listings = try await store.skuListings(1, codes: ["O2", "O2", "NONE"])
        #expect(listings == ["O2": SKUListing(sku: sku, productTitle: "Oolong tea", productStatus: .delisted, categoryID: category.id)])
        #expect(try await store.skuListings(1, codes: []).isEmpty)
        #expect(try await store.skuCodes(1, ids: [sku.id, product.skus[0].id, 999]) == [sku.id: "O2", product.skus[0].id: "O1"])
    }

    @Test func duplicateSKUCodeWritesNothing() async throws {
        let store = try await PostgresAccessTests.store()
        defer { store.close() }
        _ = try await store.createProduct(1, Self.newProduct("A", skus: [Self.newSKU("DUP")]), now: Self.now)
        await #expect(throws: StoreError.duplicate(field: "skus[1].code", value: "DUP")) {
            _ = try await store.createProduct(1, Self.newProduct("B", skus: [Self.newSKU("NEW"), Self.newSKU("DUP")]), now: Self.now)
        }
        await #expect(throws: StoreError.notFound(entity: "category", id: "cat_5")) {
            _ = try await store.createProduct(1, Self.newProduct("C", category: 5, skus: []), now: Self.now)
        }
        #expect(try await store.skuListings(1, codes: ["NEW"]).isEmpty)
        #expect(try await store.products(1, filter: ProductFilter(), page: PageRequest()).items.map(\.title) == ["A"])
    }

    @Test func warehousesOrderByPriority() async throws {
        let store = try await PostgresAccessTests.store()
        defer { store.close() }
        let east = try await store.createWarehouse(1, code: "east", name: "East", priority: 5)
        let west = try await store.createWarehouse(1, code: "west", name: "West", priority: -1)
        await #expect(throws: StoreError.duplicate(field: "code", value: "east")) {
            _ = try await store.createWarehouse(1, code: "east", name: "Again", priority: 1)
        }
        #expect(try await store.warehouses(1).map(\.id) == [west.id, 1, east.id])
        #expect(try await store.warehouses(1).first == west)
    }

    @Test func adjustmentsCannotTakeHeldOrAllocatedUnits() async throws {
        let store = try await PostgresAccessTests.store()
        defer { store.close() }
        let sku = try await store.createProduct(1, Self.newProduct("C", skus: [Self.newSKU("C")]), now: Self.now).skus[0]
        await #expect(throws: StoreError.insufficientStock(sku: "C", field: "delta")) {
            _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "C", warehouseID: 1, delta: -1, reason: .damage, note: nil, now: Self.now)
        }
        let receipt = try await store.adjustStock(1, skuID: sku.id, skuCode: "C", warehouseID: 1, delta: 6, reason: .receipt, note: "PO-1", now: Self.now)
        #expect(receipt == StockMovement(id: receipt.id, skuID: sku.id, warehouseID: 1, reason: .receipt, onHandDelta: 6, note: "PO-1", createdAt: Self.now))
        let taken = try await store.write { db in
            let hold = StockChange(skuID: sku.id, warehouseID: 1, held: 3, reason: .hold, orderID: 77)
            let allocation = StockChange(skuID: sku.id, warehouseID: 1, allocated: 2, reason: .allocation, orderID: 78)
            let tooMuch = StockChange(skuID: sku.id, warehouseID: 1, held: 2, reason: .hold, orderID: 79)
            return [
                try await PostgresStore.applyStock(db, shop: 1, hold, now: Self.now) != nil,
                try await PostgresStore.applyStock(db, shop: 1, allocation, now: Self.now) != nil,
                try await PostgresStore.applyStock(db, shop: 1, tooMuch, now: Self.now) != nil,
            ]
        }
        #expect(taken == [true, true, false])
        await #expect(throws: StoreError.insufficientStock(sku: "C", field: "delta")) {
            _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "C", warehouseID: 1, delta: -2, reason: .damage, note: nil, now: Self.now)
        }
        _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "C", warehouseID: 1, delta: -1, reason: .damage, note: nil, now: Self.now)
        #expect(try await store.stockLevels(1, skuID: sku.id) == [StockLevel(skuID: sku.id, warehouseID: 1, onHand: 5, held: 3, allocated: 2)])
        let east = try await store.createWarehouse(1, code: "east", name: "East", priority: -1)
        _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "C", warehouseID: east.id, delta: 1, reason: .receipt, note: nil, now: Self.now)
        #expect(try await store.stockLevels(1, skuID: sku.id).map(\.warehouseID) == [east.id, 1])
    }

    @Test func movementsPageNewestFirst() async throws {
        let store = try await PostgresAccessTests.store()
        defer { store.close() }
        let skus = try await store.createProduct(1, Self.newProduct("M", skus: [Self.newSKU("M1"), Self.newSKU("M2")]), now: Self.now).skus
        var made: [StockMovement] = []
        for index in 0..<5 {
            let sku = skus[index % 2]
            made.append(try await store.adjustStock(1, skuID: sku.id, skuCode: sku.code, warehouseID: 1, delta: Int64(index + 1), reason: .receipt, note: nil, now: Self.now))
        }
        let all = try await store.movements(1, skuID: nil, page: PageRequest(limit: 3))
        #expect(all.items == made.reversed().prefix(3).map { $0 })
        #expect(all.hasMore)
        let rest = try await store.movements(1, skuID: nil, page: PageRequest(limit: 3, startingAfter: made[2].id))
        #expect(rest.items == [made[1], made[0]])
        #expect(!rest.hasMore)
        let second = try await store.movements(1, skuID: skus[1].id, page: PageRequest())
        #expect(second.items == [made[3], made[1]])
    }

    @Test func lowStockAndTotalsSumWarehouses() async throws {
        let store = try await PostgresAccessTests.store()
        defer { store.close() }
        let skus = try await store.createProduct(1, Self.newProduct("L", skus: [
            Self.newSKU("b-low", threshold: 5), Self.newSKU("A-ok", threshold: 2), Self.newSKU("c-none", threshold: 1), Self.newSKU("a-off"),
        ]), now: Self.now).skus
        let east = try await store.createWarehouse(1, code: "east", name: "East", priority: 5)
        for (sku, warehouse, delta) in [(skus[0], 1, 2), (skus[0], east.id, 3), (skus[1], 1, 3), (skus[3], east.id, 1)] as [(SKU, Int64, Int64)] {
            _ = try await store.adjustStock(1, skuID: sku.id, skuCode: sku.code, warehouseID: warehouse, delta: delta, reason: .receipt, note: nil, now: Self.now)
        }
        let totals = try await store.stockTotals(1)
        #expect(totals.map(\.sku.code) == ["A-ok", "a-off", "b-low", "c-none"])
        #expect(totals.map(\.level.onHand) == [3, 1, 5, 0])
        #expect(totals[2].sku == skus[0])
        #expect(totals[2].level == StockLevel(skuID: skus[0].id, warehouseID: 0, onHand: 5))
        let low = try await store.lowStock(1)
        #expect(low.map(\.sku.code) == ["b-low", "c-none"])
    }

    /// Two instances taking the last units at once: no unit goes twice and the counters stay exact.
    @Test func racingAdjustmentsNeverOversell() async throws {
        let store = try await PostgresAccessTests.store()
        let peer = try await PostgresAccessTests.peer(of: store)
        defer { store.close(); peer.close() }
        let sku = try await store.createProduct(1, Self.newProduct("R", skus: [Self.newSKU("R")]), now: Self.now).skus[0]
        _ = try await store.adjustStock(1, skuID: sku.id, skuCode: "R", warehouseID: 1, delta: 10, reason: .receipt, note: nil, now: Self.now)
        let taken = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<30 {
                let instance = index.isMultiple(of: 2) ? store : peer
                group.addTask {
                    (try? await instance.adjustStock(1, skuID: sku.id, skuCode: "R", warehouseID: 1, delta: -1, reason: .damage, note: nil, now: Self.now)) != nil
                }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(taken == 10)
        #expect(try await store.stockLevels(1, skuID: sku.id).first?.onHand == 0)
        #expect(try await store.movements(1, skuID: sku.id, page: PageRequest(limit: 100)).items.count == 11)
    }
}
