/// The promotion engine (促销引擎): prices a cart with the allowed combination of promotions
/// and coupons that gives the least total. Pure and deterministic; see docs/promotions.md for
/// the evaluation, the stacking rules, rounding and the tie-break.
public enum PromotionEngine {
    /// Most coupons that stack with each other that one call considers together.
    public static let maxStackingCoupons = 16

    /// The best price of `cart` under `context` (`Pricing.price` calls this). The result lists
    /// per-line breakdowns, per-promotion totals, flash units, coupons used and unused.
    public static func bestPrice(_ cart: Cart, context: PricingContext) throws(CommerceError) -> PricedCart {
        try bestPriceWithStatistics(cart, context: context).priced
    }

    /// The same best price, with `catalog` (built from the shop's promotions ahead of time)
    /// sparing the call from scanning and validating promotions its cart does not touch. It
    /// must be built from `context.promotions` (see `PromotionCatalog`); one with other ids is ignored.
    public static func bestPrice(_ cart: Cart, context: PricingContext, catalog: PromotionCatalog) throws(CommerceError) -> PricedCart {
        try bestPriceWithStatistics(cart, context: context, catalog: catalog).priced
    }

    /// `bestPrice` plus the number of search nodes visited (for benchmarks).
    public static func bestPriceWithStatistics(
        _ cart: Cart, context: PricingContext, catalog: PromotionCatalog? = nil
    ) throws(CommerceError) -> (priced: PricedCart, nodes: Int) {
        try bestPriceWithStatistics(cart, context: context, groupLimit: SearchPlan.groupLimit, catalog: catalog)
    }

    static func bestPriceWithStatistics(
        _ cart: Cart, context: PricingContext, groupLimit: Int, catalog: PromotionCatalog? = nil
    ) throws(CommerceError) -> (priced: PricedCart, nodes: Int) {
        try Pricing.validate(cart)
        let index = catalog.flatMap { $0.hasSameIDs(as: context.promotions) ? $0 : nil }
        assert(index?.describes(context.promotions) ?? true, "the promotion catalog was built from other rules than context.promotions")
        let problem = try PricingProblem(cart: cart, context: context, catalog: index)
        guard problem.coupons.filter(\.terms.stacksWithCoupons).count <= maxStackingCoupons else {
            throw .invalid("coupons", "At most \(maxStackingCoupons) coupons that stack with each other per order.", code: "too_many_coupons")
        }
        // The search runs in a pooled workspace (see `SearchWorkspace`), in place: its buffers
        // keep their storage from call to call.
        let workspace = SearchWorkspace.checkOut()
        workspace.search.reset(problem: problem, groupLimit: groupLimit)
        workspace.search.run()
        let best = workspace.search.best, nodes = workspace.search.nodes
        workspace.search.finish()
        SearchWorkspace.checkIn(workspace, lineCount: problem.lineCount)
        var (priced, productAmounts) = problem.evaluate(products: best.products, order: best.order, shipping: best.shipping, coupons: best.coupons)
        precondition(
            priced.total.amount == best.total && priced.combination == best.combination,
            "search found \(best.total) \(best.combination), evaluation gives \(priced.total.amount) \(priced.combination)")
        priced.unusedCoupons = unusedCoupons(problem, best: best, productAmounts: productAmounts)
        return (priced, nodes)
    }

    /// Prices one given combination (the shared evaluation the search and its oracle use).
    /// `.failure` when the stacking rules forbid it or a member is unknown or not usable. A
    /// member that takes nothing off does not apply: it takes no units and is left out of the
    /// result's `combination` (whose total is the same as this one's).
    public static func evaluate(
        _ cart: Cart, context: PricingContext, combination: PromotionCombination
    ) throws(CommerceError) -> Result<PricedCart, CombinationRejection> {
        try Pricing.validate(cart)
        var promotionIndices = Set<Int>(), couponIndices = Set<Int>()
        for id in combination.promotionIDs {
            guard let index = context.promotions.firstIndex(where: { $0.id == id }) else { return .failure(.unknownPromotion(id)) }
            guard context.promotions[index].isUsable(at: context.now) else { return .failure(.promotionNotUsable(id)) }
            promotionIndices.insert(index)
        }
        for id in combination.couponIDs {
            guard let index = context.coupons.firstIndex(where: { $0.id == id }) else { return .failure(.unknownCoupon(id)) }
            couponIndices.insert(index)
        }
        if let violation = stackingViolation(
            promotions: promotionIndices.sorted().map { context.promotions[$0] }, coupons: couponIndices.sorted().map { context.coupons[$0] })
        {
            return .failure(violation)
        }
        let problem = try PricingProblem(
            cart: cart, context: context, prefilter: false, promotionFilter: promotionIndices, couponFilter: couponIndices)
        return .success(problem.evaluate(
            products: Array(problem.products.indices), order: problem.orders.indices.first, shipping: problem.shippings.indices.first,
            coupons: Array(problem.coupons.indices)).0)
    }

    /// The stacking rules alone: an exclusive promotion stands alone (no other promotion, no
    /// coupon); at most one order-class and one shipping-class promotion; at most one coupon
    /// unless every coupon stacks with coupons; every promotion class present must be in each
    /// coupon's `combinesWith`. nil when allowed.
    public static func stackingViolation(promotions: [Promotion], coupons: [CouponTerms]) -> CombinationRejection? {
        if let exclusive = promotions.first(where: \.exclusive), promotions.count + coupons.count > 1 {
            return .exclusive(exclusive.id)
        }
        if promotions.count(where: { $0.promotionClass == .order }) > 1 { return .severalOrderPromotions }
        if promotions.count(where: { $0.promotionClass == .shipping }) > 1 { return .severalShippingPromotions }
        if coupons.count > 1, !coupons.allSatisfy(\.stacksWithCoupons) { return .couponsDoNotStack }
        let classes = Set(promotions.map(\.promotionClass))
        for coupon in coupons.sorted(by: { $0.id < $1.id }) {
            if let missing = classes.sorted().first(where: { !coupon.combinesWith.contains($0) }) {
                return .notCombinable(couponID: coupon.id, missing)
            }
        }
        return nil
    }

    /// Why each candidate coupon outside the best combination was left unused.
    private static func unusedCoupons(_ problem: PricingProblem, best: BestPriceSearch.Best, productAmounts: [Int64]) -> [UnusedCoupon] {
        let context = problem.context
        guard context.coupons.count > best.coupons.count else { return [] }
        // The used combination, as the stacking rules see it.
        var classes: [PromotionClass] = []
        if !best.products.isEmpty { classes.append(.product) }
        if best.order != nil { classes.append(.order) }
        if best.shipping != nil { classes.append(.shipping) }
        let exclusive = best.products.contains { problem.products[$0].exclusive }
            || best.order.map { problem.orders[$0].exclusive } ?? false || best.shipping.map { problem.shippings[$0].exclusive } ?? false
        let usedStack = best.coupons.allSatisfy { problem.coupons[$0].terms.stacksWithCoupons }
        var result: [UnusedCoupon] = []
        for coupon in context.coupons.sorted(by: { $0.id < $1.id }) where !best.combination.couponIDs.contains(coupon.id) {
            if let reason = problem.rejectedCoupons[coupon.id] {
                result.append(UnusedCoupon(couponID: coupon.id, reason: reason))
                continue
            }
            let stacks = best.coupons.isEmpty || (usedStack && coupon.stacksWithCoupons)
            if exclusive || !stacks || classes.contains(where: { !coupon.combinesWith.contains($0) }) {
                result.append(UnusedCoupon(couponID: coupon.id, reason: .notCombinable))
                continue
            }
            let index = problem.coupons.firstIndex { $0.id == coupon.id }!
            let couponsWith = (best.coupons + [index]).sorted { problem.coupons[$0].id < problem.coupons[$1].id }
            let settlement = problem.settle(productAmounts, order: best.order, shipping: best.shipping, coupons: couponsWith)
            if settlement.couponOutcomes[couponsWith.firstIndex(of: index)!] == .thresholdNotMet {
                result.append(UnusedCoupon(couponID: coupon.id, reason: .thresholdNotMet))
            } else {
                result.append(UnusedCoupon(couponID: coupon.id, reason: .betterWithout))
            }
        }
        return result
    }
}
