import Testing
@testable import Commerce

/// Allocation property on many random carts: every line's discount is exactly the sum of its
/// applied entries, order and coupon amounts are exactly the sum of their line shares, no line
/// goes below zero and totals never go negative (see `Invariants.check`).
@Suite struct PromotionAllocationTests {
    @Test func lineSharesSumExactlyOnRandomCarts() throws {
        var generator = ScenarioGenerator(seed: 7_000_007)
        var withOrderOrCoupon = 0
        for _ in 0..<100_000 {
            let cart = generator.cart(lines: 1...8)
            let context = generator.context(for: cart, promotions: 0...6, coupons: 0...3)
            let priced = try Pricing.price(cart, context: context)
            Invariants.check(priced)
            var orderAndCoupons: Int64 = 0
            for total in priced.promotions where total.type == .thresholdReduction { orderAndCoupons += total.amount.amount }
            for total in priced.coupons { orderAndCoupons += total.amount.amount }
            var sharesOnLines: Int64 = 0
            for line in priced.lines {
                for entry in line.applied where entry.source == .coupon || entry.type == .thresholdReduction {
                    sharesOnLines += entry.amount.amount
                }
            }
            #expect(sharesOnLines == orderAndCoupons)
            if orderAndCoupons > 0 { withOrderOrCoupon += 1 }
        }
        #expect(withOrderOrCoupon > 20_000)
    }
}
