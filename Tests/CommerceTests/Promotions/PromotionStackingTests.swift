import Testing
@testable import Commerce

/// Stacking (叠加) rules and the choice of the best combination.
@Suite struct PromotionStackingTests {
    typealias F = Fixture

    /// The doc's worked example: the deeper 10 % off drops the cart below 满200减20, so the
    /// smaller special price plus the reduction wins.
    @Test func aSmallerProductDiscountThatKeepsTheThresholdWins() throws {
        let tenOff = F.promotion(1, F.percent(10, scope: .skus([1])), priority: 10)
        let special = F.promotion(2, F.special([1: 10000]), priority: 5)
        let reduction = F.promotion(3, F.tiers((20000, 2000)))
        let priced = try F.price(F.cart(F.line(1, 10500), F.line(2, 10000)), [tenOff, special, reduction])
        #expect(priced.total.amount == 18000)
        #expect(priced.combination == PromotionCombination(promotionIDs: [2, 3]))
    }

    @Test func aLowerRankedPromotionWinsWhenTheHigherIsLeftOut() throws {
        let small = F.promotion(1, F.percent(5), priority: 10)
        let large = F.promotion(2, F.percent(20), priority: 1)
        let priced = try F.price(F.cart(F.line(1, 10000)), [small, large])
        #expect(priced.total.amount == 8000)
        #expect(priced.combination == PromotionCombination(promotionIDs: [2]))
        // Both apply on different lines: the higher-ranked takes its line, the other the rest.
        let split = try F.price(F.cart(F.line(1, 10000), F.line(2, 10000)), [
            F.promotion(1, F.special([1: 7000]), priority: 10), large,
        ])
        #expect(split.total.amount == 7000 + 8000)
        #expect(split.combination == PromotionCombination(promotionIDs: [1, 2]))
    }

    @Test func anExclusivePromotionStandsAlone() throws {
        let exclusive = F.promotion(1, F.percent(30), exclusive: true)
        let ten = F.promotion(2, F.percent(10))
        let reduction = F.promotion(3, F.tiers((10000, 2000)))
        let coupon = F.coupon(1, fixed: 500)
        let alone = try F.price(F.cart(F.line(1, 20000)), [exclusive, ten, reduction], coupons: [coupon])
        #expect(alone.total.amount == 14000)
        #expect(alone.combination == PromotionCombination(promotionIDs: [1]))
        #expect(alone.unusedCoupons == [UnusedCoupon(couponID: 1, reason: .notCombinable)])
        let weaker = F.promotion(1, F.percent(15), exclusive: true)
        let together = try F.price(F.cart(F.line(1, 20000)), [weaker, ten, reduction], coupons: [coupon])
        #expect(together.total.amount == 20000 - 2000 - 2000 - 500)
        #expect(together.combination == PromotionCombination(promotionIDs: [2, 3], couponIDs: [1]))
    }

    @Test func atMostOneOrderAndOneShippingPromotion() throws {
        let small = F.promotion(1, F.tiers((10000, 1000)))
        let large = F.promotion(2, .thresholdReduction(.repeating(every: 5000, reduction: 600)))
        let priced = try F.price(F.cart(F.line(1, 10000)), [small, large])
        #expect(priced.combination == PromotionCombination(promotionIDs: [2]))
        #expect(priced.total.amount == 8800)
    }

    @Test func couponCombinesWithOnlyTheClassesItNames() throws {
        let product = F.promotion(1, F.percent(20))
        let order = F.promotion(2, F.tiers((10000, 1000)))
        let small = F.coupon(1, fixed: 3000, combinesWith: [.order])
        let first = try F.price(F.cart(F.line(1, 20000)), [product, order], coupons: [small])
        #expect(first.total.amount == 15000)
        #expect(first.combination == PromotionCombination(promotionIDs: [1, 2]))
        #expect(first.unusedCoupons == [UnusedCoupon(couponID: 1, reason: .notCombinable)])
        let large = F.coupon(1, fixed: 5000, combinesWith: [.order])
        let second = try F.price(F.cart(F.line(1, 20000)), [product, order], coupons: [large])
        #expect(second.total.amount == 14000)
        #expect(second.combination == PromotionCombination(promotionIDs: [2], couponIDs: [1]))
        #expect(second.lines[0].applied.map(\.source) == [.promotion, .coupon])
    }

    @Test func couponsStackOnlyWhenEveryOneAllowsIt() throws {
        let cart = F.cart(F.line(1, 10000))
        let coupons = [F.coupon(1, fixed: 1000, stacks: true), F.coupon(2, fixed: 2000, stacks: true), F.coupon(3, fixed: 2500)]
        let priced = try F.price(cart, coupons: coupons)
        #expect(priced.total.amount == 7000)
        #expect(priced.combination == PromotionCombination(couponIDs: [1, 2]))
        #expect(priced.unusedCoupons == [UnusedCoupon(couponID: 3, reason: .notCombinable)])
        let single = try F.price(cart, coupons: [F.coupon(1, fixed: 1000, stacks: true), F.coupon(2, fixed: 2000), F.coupon(3, fixed: 2500)])
        #expect(single.combination == PromotionCombination(couponIDs: [3]))
    }

    @Test func stackedCouponsNeverTakeALineBelowZero() throws {
        let priced = try F.price(F.cart(F.line(1, 1000)), coupons: [F.coupon(1, fixed: 800, stacks: true), F.coupon(2, fixed: 800, stacks: true)])
        #expect(priced.total.amount == 0)
        #expect(priced.coupons.map(\.amount.amount) == [800, 200])
    }

    @Test func aCouponBetterLeftUnused() throws {
        let shipping = F.promotion(1, F.freeShipping(9600))
        let coupon = F.coupon(1, fixed: 500, threshold: 10000)
        let priced = try F.price(F.cart(F.line(1, 10000)), [shipping], coupons: [coupon], shippingFee: 1000)
        #expect(priced.total.amount == 10000)
        #expect(priced.combination == PromotionCombination(promotionIDs: [1]))
        #expect(priced.unusedCoupons == [UnusedCoupon(couponID: 1, reason: .betterWithout)])
    }

    @Test func unusedCouponReasons() throws {
        let tenOff = F.promotion(1, F.percent(10))
        let coupons = [
            F.coupon(1, fixed: 1000, threshold: 10000),
            F.coupon(2, fixed: 1000, threshold: 20000),
            F.coupon(3, fixed: 1000, scope: .skus([99])),
        ]
        let priced = try F.price(F.cart(F.line(1, 10500)), [tenOff], coupons: coupons)
        #expect(priced.total.amount == 9450)
        #expect(priced.unusedCoupons == [
            UnusedCoupon(couponID: 1, reason: .thresholdNotMet), UnusedCoupon(couponID: 2, reason: .thresholdNotMet),
            UnusedCoupon(couponID: 3, reason: .notApplicable),
        ])
    }

    @Test func tiesGoToFewerCouponsThenFewerPromotionsThenSmallerIDs() throws {
        // {free shipping} and {10 % off} both total 10000 (one promotion each): the smaller id wins.
        let cart = F.cart(F.line(1, 10000))
        let first = try F.price(cart, [F.promotion(1, F.freeShipping(9900)), F.promotion(2, F.percent(10))], shippingFee: 1000)
        #expect(first.total.amount == 10000)
        #expect(first.combination == PromotionCombination(promotionIDs: [1]))
        let second = try F.price(cart, [F.promotion(2, F.freeShipping(9900)), F.promotion(1, F.percent(10))], shippingFee: 1000)
        #expect(second.combination == PromotionCombination(promotionIDs: [1]))
        // A coupon and a promotion worth the same: fewer coupons first.
        let third = try F.price(cart, [F.promotion(9, F.percent(10))], coupons: [F.coupon(1, fixed: 1000, combinesWith: [])])
        #expect(third.combination == PromotionCombination(promotionIDs: [9]))
        #expect(third.unusedCoupons == [UnusedCoupon(couponID: 1, reason: .notCombinable)])
    }

    @Test func stackingViolationNamesTheRule() {
        let product = F.promotion(1, F.percent(10))
        let exclusive = F.promotion(2, F.percent(10), exclusive: true)
        let order1 = F.promotion(3, F.tiers((100, 10))), order2 = F.promotion(4, F.tiers((100, 10)))
        let ship1 = F.promotion(5, F.freeShipping(0)), ship2 = F.promotion(6, F.freeShipping(0))
        let loner = F.coupon(1, fixed: 10), stacker = F.coupon(2, fixed: 10, stacks: true), stacker2 = F.coupon(3, fixed: 10, stacks: true)
        let orderOnly = F.coupon(4, fixed: 10, combinesWith: [.order])
        #expect(PromotionEngine.stackingViolation(promotions: [exclusive, product], coupons: []) == .exclusive(2))
        #expect(PromotionEngine.stackingViolation(promotions: [exclusive], coupons: [stacker]) == .exclusive(2))
        #expect(PromotionEngine.stackingViolation(promotions: [exclusive], coupons: []) == nil)
        #expect(PromotionEngine.stackingViolation(promotions: [order1, order2], coupons: []) == .severalOrderPromotions)
        #expect(PromotionEngine.stackingViolation(promotions: [ship1, ship2], coupons: []) == .severalShippingPromotions)
        #expect(PromotionEngine.stackingViolation(promotions: [product, order1, ship1], coupons: [stacker, stacker2]) == nil)
        #expect(PromotionEngine.stackingViolation(promotions: [], coupons: [loner, stacker]) == .couponsDoNotStack)
        #expect(PromotionEngine.stackingViolation(promotions: [product, order1], coupons: [orderOnly]) == .notCombinable(couponID: 4, .product))
        #expect(PromotionEngine.stackingViolation(promotions: [order1], coupons: [orderOnly]) == nil)
    }

    @Test func membersThatGiveNothingDoNotApply() throws {
        let cart = F.cart(F.line(1, 10000))
        let context = F.context([F.promotion(1, F.percent(5), priority: 9), F.promotion(2, F.percent(20)), F.promotion(3, F.tiers((50000, 100)))])
        // 2 finds every unit taken by the higher-ranked 1; 3's threshold is not reached.
        let shadowed = try PromotionEngine.evaluate(cart, context: context, combination: .init(promotionIDs: [1, 2, 3])).get()
        #expect(shadowed.total.amount == 9500)
        #expect(shadowed.combination == PromotionCombination(promotionIDs: [1]))
        #expect(try PromotionEngine.evaluate(cart, context: context, combination: .init(promotionIDs: [8])) == .failure(.unknownPromotion(8)))
        #expect(try PromotionEngine.evaluate(cart, context: context, combination: .init(promotionIDs: [3])).get().combination == .none)
    }

    @Test func aPercentTakesNoUnitsOfALineItWouldTakeNothingOff() throws {
        // 5 % of 10 fen rounds down to 0: that line stays free for the lower-ranked special price.
        let five = F.promotion(1, F.percent(5), priority: 9)
        let special = F.promotion(2, F.special([2: 5]))
        let priced = try F.price(F.cart(F.line(1, 10000), F.line(2, 10)), [five, special])
        #expect(priced.lines.map(\.discount.amount) == [500, 5])
        #expect(priced.combination == PromotionCombination(promotionIDs: [1, 2]))
    }
}
