import Testing
@testable import Commerce

/// Pricing with a prebuilt `PromotionCatalog` gives exactly what pricing without one gives
/// (the oracle test compares them on random carts too); these are the edges.
struct PromotionCatalogTests {
    typealias F = Fixture

    private func both(_ cart: Cart, _ context: PricingContext, catalog: PromotionCatalog? = nil) throws -> PricedCart {
        let scanned = try Pricing.price(cart, context: context)
        let indexed = try Pricing.price(cart, context: context, catalog: catalog ?? PromotionCatalog(context.promotions))
        #expect(indexed == scanned)
        return indexed
    }

    @Test func refusesAnInvalidLivePromotionTheCartTouchesLikePricing() throws {
        let bad = F.promotion(2, F.tiers((20000, 20000), scope: .categories([7])))
        let context = F.context([F.promotion(1, F.percent(5)), bad])
        let catalog = PromotionCatalog(context.promotions)
        #expect(catalog.ruleErrors[1]?.field == "tiers[0].reduction")
        do {
            _ = try Pricing.price(F.cart(F.line(1, 30000, category: 7)), context: context, catalog: catalog)
            Issue.record("priced with an invalid promotion")
        } catch {
            #expect(error.field == "promotions[1].tiers[0].reduction")
        }
        // Not touching the cart, or ended: ignored, as without a catalog.
        _ = try both(F.cart(F.line(1, 30000, category: 8)), context, catalog: catalog)
        let ended = F.context([F.promotion(1, F.percent(5)), F.promotion(2, F.tiers((20000, 20000)), endsAt: F.now)])
        _ = try both(F.cart(F.line(1, 30000)), ended)
        // Budgets are checked per call, from the context.
        let tooLarge = F.context([F.promotion(1, F.percent(5), budget: Money.maximumAmount + 1)])
        #expect(throws: CommerceError.self) { try Pricing.price(F.cart(F.line(1, 100)), context: tooLarge, catalog: PromotionCatalog(tooLarge.promotions)) }
    }

    @Test func refusesDuplicateIDs() {
        let context = F.context([F.promotion(1, F.percent(5)), F.promotion(1, F.percent(6))])
        #expect(throws: CommerceError.self) { try Pricing.price(F.cart(F.line(1, 100)), context: context, catalog: PromotionCatalog(context.promotions)) }
    }

    @Test func readsBudgetsUsesAndWindowsFromTheContext() throws {
        let promotions = [F.promotion(1, F.percent(20)), F.promotion(2, F.special([5: 800])), F.promotion(3, F.tiers((1000, 100)))]
        let catalog = PromotionCatalog(promotions)
        var context = F.context(promotions)
        context.promotions[0].remainingBudget = 30
        context.promotions[1].remainingUses = 0
        context.promotions[2].endsAt = F.now
        #expect(catalog.hasSameIDs(as: context.promotions) && catalog.describes(context.promotions))
        let priced = try both(F.cart(F.line(5, 1000), F.line(6, 500)), context, catalog: catalog)
        #expect(priced.combination.promotionIDs == [1] && priced.discount.amount == 30)
    }

    @Test func ignoresACatalogOfOtherPromotions() throws {
        let context = F.context([F.promotion(1, F.percent(20)), F.promotion(2, F.special([5: 800]))])
        let stale = PromotionCatalog([F.promotion(1, F.percent(20))])
        #expect(!stale.describes(context.promotions))
        let priced = try both(F.cart(F.line(5, 1000)), context, catalog: stale)
        #expect(priced.total.amount == 800)
    }

    @Test func indexesEveryKindOfScope() throws {
        let bundle = PromotionRule.bundle(BundleRule(items: [.init(skuID: 1, quantity: 1), .init(skuID: 2, quantity: 1)], price: 1500))
        let context = F.context([
            F.promotion(1, bundle, priority: 9),
            F.promotion(2, .flashSale(FlashSaleRule(skuID: 3, price: 100, stock: 5, perCustomerLimit: 1))),
            F.promotion(3, F.percent(10, scope: .skus([4]))),
            F.promotion(4, F.percent(15, scope: .categories([9]))),
            F.promotion(5, F.tiers((2000, 300))),
            F.promotion(6, F.freeShipping(0, scope: .categories([9]))),
            F.promotion(7, F.freeShipping(5000)),
        ], shippingFee: 1000, flash: [2: 1])
        let catalog = PromotionCatalog(context.promotions)
        // Every item of the bundle, then one missing; each scope kind on its own.
        _ = try both(F.cart(F.line(1, 1000), F.line(2, 1000), F.line(3, 500), F.line(4, 700), F.line(8, 900, category: 9)), context, catalog: catalog)
        _ = try both(F.cart(F.line(1, 1000), F.line(3, 500)), context, catalog: catalog)
        _ = try both(F.cart(F.line(4, 700, 3)), context, catalog: catalog)
        _ = try both(F.cart(F.line(8, 900, 4, category: 9)), context, catalog: catalog)
        _ = try both(F.cart(F.line(10, 9000)), context, catalog: catalog)
    }
}
