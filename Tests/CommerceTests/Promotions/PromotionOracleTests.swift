import Testing
@testable import Commerce

/// The engine against a brute force that enumerates every allowed subset of the candidate
/// promotions and coupons and prices each with the shared evaluation
/// (`PromotionEngine.evaluate`). The stacking rules, usability and the tie-break are
/// re-implemented here independently.
@Suite struct PromotionOracleTests {
    struct Key {
        var total: Int64
        var combination: PromotionCombination

        /// Least total, then fewer coupons, fewer promotions, smaller ascending promotion ids, smaller coupon ids.
        func isBetter(than other: Key) -> Bool {
            if total != other.total { return total < other.total }
            let (a, b) = (combination, other.combination)
            if a.couponIDs.count != b.couponIDs.count { return a.couponIDs.count < b.couponIDs.count }
            if a.promotionIDs.count != b.promotionIDs.count { return a.promotionIDs.count < b.promotionIDs.count }
            for (x, y) in zip(a.promotionIDs, b.promotionIDs) where x != y { return x < y }
            for (x, y) in zip(a.couponIDs, b.couponIDs) where x != y { return x < y }
            return false
        }
    }

    /// The stacking rules as the brief states them.
    static func allowed(_ promotions: [Promotion], _ coupons: [CouponTerms], now: Instant) -> Bool {
        for promotion in promotions {
            guard promotion.startsAt <= now, now < promotion.endsAt else { return false }
            if promotion.remainingUses == 0 || promotion.remainingBudget == 0 { return false }
            if promotion.exclusive, promotions.count + coupons.count > 1 { return false }
        }
        let classes = promotions.map { $0.rule.type.promotionClass }
        if classes.filter({ $0 == .order }).count > 1 || classes.filter({ $0 == .shipping }).count > 1 { return false }
        if coupons.count > 1, coupons.contains(where: { !$0.stacksWithCoupons }) { return false }
        for coupon in coupons where classes.contains(where: { !coupon.combinesWith.contains($0) }) { return false }
        return true
    }

    static func bruteForce(_ cart: Cart, _ context: PricingContext) throws -> Key {
        var best: Key?
        let promotions = context.promotions, coupons = context.coupons
        for promotionMask in 0..<(1 << promotions.count) {
            let chosen = promotions.indices.filter { promotionMask & (1 << $0) != 0 }.map { promotions[$0] }
            for couponMask in 0..<(1 << coupons.count) {
                let chosenCoupons = coupons.indices.filter { couponMask & (1 << $0) != 0 }.map { coupons[$0] }
                guard allowed(chosen, chosenCoupons, now: context.now) else { continue }
                let combination = PromotionCombination(promotionIDs: chosen.map(\.id), couponIDs: chosenCoupons.map(\.id))
                switch try PromotionEngine.evaluate(cart, context: context, combination: combination) {
                case .success(let priced):
                    // Members that take nothing off do not apply: the key is what applied.
                    #expect(Set(priced.combination.promotionIDs).isSubset(of: combination.promotionIDs))
                    #expect(Set(priced.combination.couponIDs).isSubset(of: combination.couponIDs))
                    let key = Key(total: priced.total.amount, combination: priced.combination)
                    if best.map({ key.isBetter(than: $0) }) ?? true { best = key }
                case .failure(let rejection):
                    Issue.record("an allowed combination \(combination) was rejected: \(rejection)")
                }
            }
        }
        return best!
    }

    @Test func engineMatchesBruteForceOnRandomSmallCarts() throws {
        var generator = ScenarioGenerator(seed: 20_240_601)
        var failures = 0
        var deviations = 0
        for round in 0..<10_000 {
            let cart = generator.cart(lines: 1...4)
            let context = generator.context(for: cart, promotions: 0...6, coupons: 0...2)
            let expected = try Self.bruteForce(cart, context)
            let priced = try Pricing.price(cart, context: context)
            Invariants.check(priced)
            // With the promotions indexed ahead of time: the same result.
            let indexed = try Pricing.price(cart, context: context, catalog: PromotionCatalog(context.promotions))
            #expect(indexed == priced, "round \(round): with a catalog \(indexed.total.amount) \(indexed.combination)")
            // The same search with every candidate over several lines decided first (phase one).
            let decidedFirst = try PromotionEngine.bestPriceWithStatistics(cart, context: context, groupLimit: 1).priced
            #expect(decidedFirst == priced, "round \(round): deciding first gives \(decidedFirst.total.amount) \(decidedFirst.combination)")
            let matches = priced.total.amount == expected.total && priced.combination == expected.combination
            #expect(matches, "round \(round): engine \(priced.total.amount) \(priced.combination) ≠ brute force \(expected.total) \(expected.combination)\n\(cart)\n\(context)")
            if !matches {
                failures += 1
                if failures >= 5 { break }
            }
            // The result is exactly the shared evaluation of the chosen combination.
            var evaluated = try PromotionEngine.evaluate(cart, context: context, combination: priced.combination).get()
            evaluated.unusedCoupons = priced.unusedCoupons
            #expect(evaluated == priced, "round \(round)")
            #expect(priced.unusedCoupons.map(\.couponID) == context.coupons.map(\.id).filter { !priced.combination.couponIDs.contains($0) }.sorted())
            // How often the best is not "every usable product promotion" (the search earns its keep).
            if priced.total.amount < (try greedyTotal(cart, context)) { deviations += 1 }
        }
        #expect(deviations > 100, "the scenarios should often need more than the greedy choice (\(deviations))")
    }

    /// Bigger carts and more promotions (fewer rounds: the brute force doubles per member).
    @Test func engineMatchesBruteForceOnRandomMediumCarts() throws {
        var generator = ScenarioGenerator(seed: 77_001)
        for round in 0..<150 {
            let cart = generator.cart(lines: 5...8)
            let context = generator.context(for: cart, promotions: 6...8, coupons: 0...2)
            let expected = try Self.bruteForce(cart, context)
            for groupLimit in [SearchPlan.groupLimit, 2, 1] {
                let priced = try PromotionEngine.bestPriceWithStatistics(cart, context: context, groupLimit: groupLimit).priced
                Invariants.check(priced)
                #expect(
                    priced.total.amount == expected.total && priced.combination == expected.combination,
                    "round \(round) limit \(groupLimit): engine \(priced.total.amount) \(priced.combination) ≠ \(expected.total) \(expected.combination)")
            }
        }
    }

    /// Every usable promotion and coupon the rules allow taken greedily, as a contrast.
    private func greedyTotal(_ cart: Cart, _ context: PricingContext) throws -> Int64 {
        let product = context.promotions.filter { $0.promotionClass == .product && !$0.exclusive && $0.isUsable(at: context.now) }
        let combination = PromotionCombination(promotionIDs: product.map(\.id))
        return (try? PromotionEngine.evaluate(cart, context: context, combination: combination).get().total.amount)
            ?? Pricing.listPrice(cart).total.amount + context.shippingFee
    }

    @Test func evaluateRefusesWhatTheRulesForbid() throws {
        var generator = ScenarioGenerator(seed: 99)
        var refused = 0
        for _ in 0..<2_000 {
            let cart = generator.cart(lines: 1...3)
            let context = generator.context(for: cart, promotions: 2...5, coupons: 0...2)
            let promotions = context.promotions.filter { _ in generator.chance(50) }
            let coupons = context.coupons.filter { _ in generator.chance(50) }
            let combination = PromotionCombination(promotionIDs: promotions.map(\.id), couponIDs: coupons.map(\.id))
            let outcome = try PromotionEngine.evaluate(cart, context: context, combination: combination)
            if !Self.allowed(promotions, coupons, now: context.now) {
                refused += 1
                if case .success = outcome { Issue.record("evaluate priced a forbidden combination \(combination)") }
            }
        }
        #expect(refused > 200)
    }
}
