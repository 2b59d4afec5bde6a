import Testing
@testable import Commerce

/// Builders shared by the promotion tests.
enum Fixture {
    static let now = Instant(millisecondsSinceEpoch: 1_700_000_000_000)
    static let start = now.adding(seconds: -3600)
    static let end = now.adding(seconds: 3600)

    static func line(_ sku: Int64, _ price: Int64, _ quantity: Int64 = 1, category: Int64? = nil) -> CartLine {
        CartLine(skuID: sku, skuCode: "SKU-\(sku)", title: "Item \(sku)", quantity: quantity, listPrice: Money(price, .cny), categoryID: category)
    }

    static func cart(_ lines: CartLine...) -> Cart { Cart(lines: lines, currency: .cny) }

    static func promotion(
        _ id: Int64, _ rule: PromotionRule, priority: Int = 0, exclusive: Bool = false, budget: Int64? = nil,
        uses: Int64? = nil, startsAt: Instant = start, endsAt: Instant = end
    ) -> Promotion {
        Promotion(
            id: id, name: "P\(id) \(rule.type.rawValue)", startsAt: startsAt, endsAt: endsAt, priority: priority, exclusive: exclusive,
            rule: rule, remainingBudget: budget, remainingUses: uses)
    }

    static func coupon(
        _ id: Int64, fixed amount: Int64, threshold: Int64 = 0, scope: PromotionScope = .all,
        combinesWith: Set<PromotionClass> = Set(PromotionClass.allCases), stacks: Bool = false
    ) -> CouponTerms {
        CouponTerms(id: id, name: "C\(id)", discount: .fixed(amount: amount), threshold: threshold, scope: scope, combinesWith: combinesWith, stacksWithCoupons: stacks)
    }

    static func context(
        _ promotions: [Promotion] = [], coupons: [CouponTerms] = [], tier: Int? = nil, shippingFee: Int64 = 0,
        flash: [Int64: Int64] = [:]
    ) -> PricingContext {
        PricingContext(now: now, customerID: 1, tier: tier, promotions: promotions, coupons: coupons, shippingFee: shippingFee, flashAllowance: flash)
    }

    static func price(
        _ cart: Cart, _ promotions: [Promotion] = [], coupons: [CouponTerms] = [], tier: Int? = nil, shippingFee: Int64 = 0,
        flash: [Int64: Int64] = [:]
    ) throws -> PricedCart {
        let priced = try Pricing.price(cart, context: context(promotions, coupons: coupons, tier: tier, shippingFee: shippingFee, flash: flash))
        Invariants.check(priced)
        return priced
    }

    // Rule shorthands.
    static func tiers(_ pairs: (Int64, Int64)..., scope: PromotionScope = .all) -> PromotionRule {
        .thresholdReduction(.tiers(pairs.map { ThresholdReductionRule.Tier(threshold: $0.0, reduction: $0.1) }, scope: scope))
    }

    static func percent(_ percent: Int64, scope: PromotionScope = .all, cap: Int64? = nil) -> PromotionRule {
        .percentOff(PercentOffRule(scope: scope, percentOff: PercentOff(percent: percent), cap: cap))
    }

    static func special(_ prices: [Int64: Int64]) -> PromotionRule { .specialPrice(SpecialPriceRule(prices)) }

    static func freeShipping(_ threshold: Int64, scope: PromotionScope? = nil) -> PromotionRule {
        .freeShipping(FreeShippingRule(threshold: threshold, scope: scope))
    }
}

/// The invariants every priced cart keeps; recorded as expectation failures.
enum Invariants {
    static func check(_ priced: PricedCart, sourceLocation: SourceLocation = #_sourceLocation) {
        var subtotal: Int64 = 0, discount: Int64 = 0
        var byPromotion: [Int64: Int64] = [:], byCoupon: [Int64: Int64] = [:]
        for line in priced.lines {
            #expect(line.subtotal.amount == line.line.listPrice.amount * line.line.quantity, sourceLocation: sourceLocation)
            #expect(line.total.amount >= 0, "line total negative", sourceLocation: sourceLocation)
            #expect(line.discount.amount >= 0, "line discount negative", sourceLocation: sourceLocation)
            #expect(line.subtotal.amount - line.discount.amount == line.total.amount, sourceLocation: sourceLocation)
            #expect(line.applied.map(\.amount.amount).reduce(0, +) == line.discount.amount, "applied ≠ line discount", sourceLocation: sourceLocation)
            for entry in line.applied {
                #expect(entry.amount.amount > 0, sourceLocation: sourceLocation)
                if entry.source == .coupon { byCoupon[entry.promotionID, default: 0] += entry.amount.amount } else {
                    byPromotion[entry.promotionID, default: 0] += entry.amount.amount
                }
            }
            subtotal += line.subtotal.amount
            discount += line.discount.amount
        }
        #expect(priced.subtotal.amount == subtotal, sourceLocation: sourceLocation)
        #expect(priced.discount.amount == discount, sourceLocation: sourceLocation)
        #expect(priced.total.amount == subtotal - discount + priced.shipping.amount, sourceLocation: sourceLocation)
        #expect(priced.total.amount >= 0, sourceLocation: sourceLocation)
        #expect(priced.shipping.amount >= 0, sourceLocation: sourceLocation)
        for total in priced.promotions {
            #expect(total.amount.amount > 0, "a used promotion gives nothing", sourceLocation: sourceLocation)
            if total.type == .freeShipping {
                #expect(total.amount == priced.shippingDiscount, sourceLocation: sourceLocation)
            } else {
                #expect(byPromotion[total.promotionID, default: 0] == total.amount.amount, "promotion \(total.promotionID) total ≠ its line shares", sourceLocation: sourceLocation)
            }
        }
        for total in priced.coupons {
            #expect(total.amount.amount > 0, sourceLocation: sourceLocation)
            #expect(byCoupon[total.couponID, default: 0] == total.amount.amount, "coupon \(total.couponID) total ≠ its line shares", sourceLocation: sourceLocation)
        }
        #expect(Set(byPromotion.keys).isSubset(of: Set(priced.promotions.map(\.promotionID))), sourceLocation: sourceLocation)
        #expect(Set(byCoupon.keys) == Set(priced.coupons.map(\.couponID)), sourceLocation: sourceLocation)
        #expect(priced.combination.promotionIDs == priced.promotions.map(\.promotionID).sorted(), sourceLocation: sourceLocation)
        #expect(priced.combination.couponIDs == priced.coupons.map(\.couponID), sourceLocation: sourceLocation)
    }
}
