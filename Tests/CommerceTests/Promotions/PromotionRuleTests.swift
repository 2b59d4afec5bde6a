import Testing
@testable import Commerce

/// One type at a time, with hand-computed expectations (amounts in fen).
@Suite struct PromotionRuleTests {
    typealias F = Fixture

    @Test func thresholdTiers满200减20() throws {
        let rule = F.tiers((20000, 2000), (30000, 4000))
        let priced = try F.price(F.cart(F.line(1, 15000), F.line(2, 6000)), [F.promotion(7, rule)])
        #expect(priced.total.amount == 19000)
        // 2000 over weights 15000:6000 = 1428.57 : 571.43 → the spare unit goes to the larger fraction.
        #expect(priced.lines.map(\.discount.amount) == [1429, 571])
        #expect(priced.lines.map(\.total.amount) == [13571, 5429])
        #expect(priced.lines[0].applied == [AppliedDiscount(promotionID: 7, name: "P7 threshold_reduction", amount: Money(1429, .cny), type: .thresholdReduction)])
        #expect(priced.promotions.map(\.amount.amount) == [2000])

        #expect(try F.price(F.cart(F.line(1, 15000, 2), F.line(2, 1000)), [F.promotion(7, rule)]).total.amount == 27000)
        let below = try F.price(F.cart(F.line(1, 19999)), [F.promotion(7, rule)])
        #expect(below.total.amount == 19999)
        #expect(below.combination == .none)
    }

    @Test func repeating每满100减10WithCap() throws {
        let rule = PromotionRule.thresholdReduction(.repeating(every: 10000, reduction: 1000, cap: 3000))
        #expect(try F.price(F.cart(F.line(1, 35000)), [F.promotion(1, rule)]).total.amount == 32000)
        #expect(try F.price(F.cart(F.line(1, 45000)), [F.promotion(1, rule)]).total.amount == 42000)
        #expect(try F.price(F.cart(F.line(1, 9999)), [F.promotion(1, rule)]).total.amount == 9999)
    }

    @Test func percentOff8折WithCapAndRoundingDown() throws {
        let rule = F.percent(20, cap: 5000)
        #expect(try F.price(F.cart(F.line(1, 10000, 2)), [F.promotion(1, rule)]).total.amount == 16000)
        #expect(try F.price(F.cart(F.line(1, 10000, 3)), [F.promotion(1, rule)]).total.amount == 25000)
        // Raw 4000 + 2000 capped at 5000: 3333.33 : 1666.67 → [3333, 1667].
        let capped = try F.price(F.cart(F.line(1, 10000, 2), F.line(2, 5000, 2)), [F.promotion(1, rule)])
        #expect(capped.lines.map(\.discount.amount) == [3333, 1667])
        // 15 % of 999 = 149.85 → 149; of 3 × 999 = 449.55 → 449 (rounded per line, down).
        let fifteen = F.promotion(1, .percentOff(PercentOffRule(scope: .all, percentOff: PercentOff(percent: 15))))
        #expect(try F.price(F.cart(F.line(1, 999)), [fifteen]).discount.amount == 149)
        #expect(try F.price(F.cart(F.line(1, 999, 3)), [fifteen]).discount.amount == 449)
    }

    @Test func quantityDiscount满3件8折() throws {
        let rule = PromotionRule.quantityDiscount(QuantityDiscountRule(scope: .all, minQuantity: 3, percentOff: PercentOff(percent: 20)))
        let priced = try F.price(F.cart(F.line(1, 1000, 2), F.line(2, 3000)), [F.promotion(1, rule)])
        #expect(priced.lines.map(\.discount.amount) == [400, 600])
        #expect(priced.total.amount == 4000)
        #expect(priced.promotions.first?.units == 3)
        #expect(try F.price(F.cart(F.line(1, 1000, 2)), [F.promotion(1, rule)]).total.amount == 2000)
    }

    @Test func buyTwoGetOne买2送1() throws {
        let rule = PromotionRule.buyXGetY(BuyXGetYRule(scope: .all, buy: 2, get: 1))
        #expect(try F.price(F.cart(F.line(1, 1000, 3)), [F.promotion(1, rule)]).total.amount == 2000)
        // The cheapest unit is the free one.
        let mixed = try F.price(F.cart(F.line(1, 3000, 2), F.line(2, 1000)), [F.promotion(1, rule)])
        #expect(mixed.lines.map(\.discount.amount) == [0, 1000])
        // Four units: one group; it takes the cheapest three (B, B, A); the dearer A unit is left
        // for a lower-ranked 10 % off.
        let tenOnA = F.promotion(2, F.percent(10, scope: .skus([1])))
        let four = try F.price(F.cart(F.line(1, 3000, 2), F.line(2, 1000, 2)), [F.promotion(1, rule, priority: 5), tenOnA])
        #expect(four.total.amount == 6700)
        #expect(four.lines.map(\.discount.amount) == [300, 1000])
        #expect(four.promotions.map(\.units) == [3, 1])
    }

    @Test func secondItemHalfPrice第二件半价() throws {
        let rule = PromotionRule.buyXGetY(BuyXGetYRule(scope: .all, buy: 1, get: 1, percentOffOfGet: PercentOff(percent: 50)))
        #expect(try F.price(F.cart(F.line(1, 1000, 2)), [F.promotion(1, rule)]).total.amount == 1500)
        #expect(try F.price(F.cart(F.line(1, 1000, 3)), [F.promotion(1, rule)]).total.amount == 2500)
        #expect(try F.price(F.cart(F.line(1, 1000, 1)), [F.promotion(1, rule)]).combination == .none)
    }

    @Test func bundle组合价() throws {
        let rule = PromotionRule.bundle(BundleRule(items: [.init(skuID: 1, quantity: 1), .init(skuID: 2, quantity: 1)], price: 7000))
        let priced = try F.price(F.cart(F.line(1, 5000, 2), F.line(2, 3000)), [F.promotion(1, rule)])
        #expect(priced.total.amount == 12000)
        #expect(priced.lines.map(\.discount.amount) == [625, 375])
        #expect(priced.promotions.first?.units == 2)
        let dear = PromotionRule.bundle(BundleRule(items: [.init(skuID: 1, quantity: 1), .init(skuID: 2, quantity: 1)], price: 9000))
        #expect(try F.price(F.cart(F.line(1, 5000, 2), F.line(2, 3000)), [F.promotion(1, dear)]).total.amount == 13000)
        #expect(try F.price(F.cart(F.line(1, 5000, 2)), [F.promotion(1, rule)]).total.amount == 10000)
    }

    @Test func memberPriceByTier会员价() throws {
        let rule = PromotionRule.memberPrice(MemberPriceRule(scope: .all, tiers: [
            .init(tier: 1, percentOff: PercentOff(percent: 5)), .init(tier: 3, percentOff: PercentOff(percent: 10)),
        ]))
        let cart = F.cart(F.line(1, 10000))
        let expected: [(Int?, Int64)] = [(nil, 10000), (0, 10000), (1, 9500), (2, 9500), (3, 9000), (9, 9000)]
        for (tier, total) in expected {
            #expect(try F.price(cart, [F.promotion(1, rule)], tier: tier).total.amount == total, "tier \(String(describing: tier))")
        }
    }

    @Test func specialPriceNeverRaisesAPrice() throws {
        let priced = try F.price(F.cart(F.line(1, 1000), F.line(2, 500)), [F.promotion(1, F.special([1: 800, 2: 600]))])
        #expect(priced.lines.map(\.discount.amount) == [200, 0])
        #expect(priced.promotions.first?.units == 1)
    }

    @Test func freeShipping包邮() throws {
        let rule = F.freeShipping(9900)
        let free = try F.price(F.cart(F.line(1, 10000)), [F.promotion(1, rule)], shippingFee: 1000)
        #expect(free.total.amount == 10000)
        #expect(free.shipping.amount == 0)
        #expect(free.shippingDiscount.amount == 1000)
        #expect(free.promotions.map(\.amount.amount) == [1000])
        let paid = try F.price(F.cart(F.line(1, 9000)), [F.promotion(1, rule)], shippingFee: 1000)
        #expect(paid.total.amount == 10000)
        #expect(paid.shipping.amount == 1000)
        // Scoped: only SKU 2 counts toward the threshold.
        let scoped = F.promotion(1, F.freeShipping(5000, scope: .skus([2])))
        #expect(try F.price(F.cart(F.line(1, 9000), F.line(2, 4000)), [scoped], shippingFee: 1000).shipping.amount == 1000)
        #expect(try F.price(F.cart(F.line(1, 9000), F.line(2, 5000)), [scoped], shippingFee: 1000).shipping.amount == 0)
        // A budget smaller than the fee waives only the budget.
        let partial = try F.price(F.cart(F.line(1, 10000)), [F.promotion(1, rule, budget: 300)], shippingFee: 1000)
        #expect(partial.shipping.amount == 700)
    }

    @Test func flashSaleUsesOnlyTheAllowance秒杀() throws {
        let flash = F.promotion(5, .flashSale(FlashSaleRule(skuID: 1, price: 500, stock: 100, perCustomerLimit: 2)), priority: 10)
        let ten = F.promotion(6, F.percent(10))
        let cart = F.cart(F.line(1, 1000, 3))
        let priced = try F.price(cart, [flash, ten], flash: [5: 2])
        #expect(priced.total.amount == 1900)
        #expect(priced.flashUnits == [5: 2])
        #expect(priced.promotions.map(\.units) == [2, 1])
        // No allowance entry: the flash price is not available.
        let none = try F.price(cart, [flash, ten])
        #expect(none.total.amount == 2700)
        #expect(none.flashUnits.isEmpty)
    }

    @Test func budgetsUsesAndTheWindowLimitAPromotion() throws {
        let cart = F.cart(F.line(1, 10000))
        #expect(try F.price(cart, [F.promotion(1, F.percent(20), budget: 300)]).total.amount == 9700)
        #expect(try F.price(cart, [F.promotion(1, F.percent(20), budget: 0)]).total.amount == 10000)
        #expect(try F.price(cart, [F.promotion(1, F.percent(20), uses: 0)]).total.amount == 10000)
        #expect(try F.price(cart, [F.promotion(1, F.percent(20), uses: 1)]).total.amount == 8000)
        #expect(try F.price(cart, [F.promotion(1, F.percent(20), startsAt: F.now.adding(seconds: 1))]).total.amount == 10000)
        #expect(try F.price(cart, [F.promotion(1, F.percent(20), endsAt: F.now)]).total.amount == 10000)
        #expect(try F.price(cart, [F.promotion(1, F.percent(20), startsAt: F.now)]).total.amount == 8000)
    }

    @Test func listPriceCallersSeeNoChange() throws {
        let cart = F.cart(F.line(1, 1999, 3))
        let priced = try Pricing.price(cart, context: PricingContext(now: F.now, customerID: 3))
        #expect(priced == Pricing.listPrice(cart))
        let shipped = try F.price(cart, shippingFee: 800)
        #expect(shipped.total.amount == 5997 + 800)
        #expect(shipped.shipping.amount == 800)
    }
}
