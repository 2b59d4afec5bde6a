import Commerce
import Foundation
@testable import Operations
import Persistence
import Testing
import StoreTesting

/// Orders and quotes price through a per-shop cached `PromotionCatalog`; every change of the
/// data it depends on (promotions, coupons, categories, products, SKUs) must show in the next
/// price, never a stale catalog with the same promotion ids.
@Suite struct PromotionCatalogCacheTests {
    static func quote(_ fixture: Fixture, _ code: String, quantity: Int64 = 1) async throws -> PricedCart {
        try await fixture.yunying.orders.quote(fixture.shop, CreateOrder(lines: [.init(sku: code, quantity: quantity)]))
    }

    @Test(arguments: StoreKind.allCases) func changingAPromotionsAmountChangesTheNextPrice(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("TEA", price: 10000, stock: 10)
        let promotion = try await fixture.yunying.promotions.create(fixture.shop, json: Array(#"""
            {"name":"Tea special","type":"special_price","starts_at":"2026-01-01","ends_at":"2027-01-01","prices":[{"sku":"TEA","price":8000}]}
            """#.utf8))
        #expect(try await Self.quote(fixture, "TEA").total.amount == 8000)
        #expect(try await fixture.order("TEA").total.amount == 8000)
        // Same id, same SKU, another amount: the cached catalog must not be reused as it was.
        _ = try await fixture.yunying.promotions.update(
            fixture.shop, id: IDPrefix.promotion.format(promotion.id), json: Array(#"{"prices":[{"sku":"TEA","price":7000}]}"#.utf8))
        #expect(try await Self.quote(fixture, "TEA").total.amount == 7000)
        #expect(try await fixture.order("TEA").total.amount == 7000)
        // A rule that names other SKUs (the index changes, the ids do not).
        try await fixture.sku("CUP", price: 5000, stock: 10)
        _ = try await fixture.yunying.promotions.update(
            fixture.shop, id: IDPrefix.promotion.format(promotion.id), json: Array(#"{"prices":[{"sku":"CUP","price":4000}]}"#.utf8))
        #expect(try await Self.quote(fixture, "TEA").total.amount == 10000)
        #expect(try await Self.quote(fixture, "CUP").total.amount == 4000)
        #expect(try await fixture.order("CUP").total.amount == 4000)
    }

    @Test(arguments: StoreKind.allCases) func changingASKUsPriceOrCategoryChangesTheNextPrice(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        let catalog = fixture.yunying.catalog
        let tea = try await catalog.createCategory(fixture.shop, CreateCategory(name: "Tea"))
        let cups = try await catalog.createCategory(fixture.shop, CreateCategory(name: "Cups"))
        let product = try await catalog.createProduct(fixture.shop, CreateProduct(
            title: "Mug", category: IDPrefix.category.format(tea.id), skus: [CreateSKU(code: "MUG", price: MoneyInput(amount: 10000, currency: nil))]))
        _ = try await fixture.yunying.inventory.adjust(fixture.shop, AdjustStock(sku: "MUG", delta: 10, reason: "receipt"))
        _ = try await fixture.yunying.promotions.create(fixture.shop, json: Array("""
            {"name":"Cups 20%","type":"percent_off","starts_at":"2026-01-01","ends_at":"2027-01-01",
             "scope":{"categories":["\(IDPrefix.category.format(cups.id))"]},"percent_off":20}
            """.utf8))
        #expect(try await Self.quote(fixture, "MUG").total.amount == 10000)
        // Moved into the promoted category: the promotion now applies.
        _ = try await catalog.updateProduct(fixture.shop, id: IDPrefix.product.format(product.id), UpdateProduct(category: IDPrefix.category.format(cups.id)))
        #expect(try await Self.quote(fixture, "MUG").total.amount == 8000)
        #expect(try await fixture.order("MUG").total.amount == 8000)
        // A new list price: 20 % of it.
        _ = try await catalog.updateSKU(fixture.shop, code: "MUG", UpdateSKU(price: MoneyInput(amount: 5000, currency: nil)))
        #expect(try await Self.quote(fixture, "MUG").total.amount == 4000)
        #expect(try await fixture.order("MUG").total.amount == 4000)
    }

    @Test func theCacheIsReusedWhileTheVersionAndIDsHoldAndRebuiltOtherwise() {
        let cache = PromotionCatalogCache()
        let now = Instant(millisecondsSinceEpoch: 1_780_000_000_000)
        func promotion(_ id: Int64, price: Int64) -> Promotion {
            Promotion(id: id, name: "P\(id)", startsAt: now.adding(seconds: -60), endsAt: now.adding(seconds: 60), priority: 0,
                      rule: .specialPrice(SpecialPriceRule([1: price])))
        }
        let first = cache.catalog(shop: 1, version: 7, promotions: [promotion(1, price: 900)])
        #expect(cache.catalog(shop: 1, version: 7, promotions: [promotion(1, price: 900)]) === first)
        let changed = cache.catalog(shop: 1, version: 8, promotions: [promotion(1, price: 800)])
        #expect(changed !== first)
        #expect(changed.promotions[0].rule == .specialPrice(SpecialPriceRule([1: 800])))
        // A promotion started (same version, other ids), and another shop: their own catalogs.
        #expect(cache.catalog(shop: 1, version: 8, promotions: [promotion(1, price: 800), promotion(2, price: 700)]) !== changed)
        #expect(cache.catalog(shop: 2, version: 8, promotions: [promotion(1, price: 800)]).promotions.count == 1)
    }
}
