/// Why a combination is not priced: the stacking rules forbid it, or a member is unknown or
/// not usable. (A member that merely takes nothing off does not apply and is left out of the
/// priced combination.)
public enum CombinationRejection: Error, Sendable, Equatable {
    case unknownPromotion(Int64)
    case unknownCoupon(Int64)
    /// Not live at `now`, or no uses or budget left.
    case promotionNotUsable(Int64)
    /// An exclusive promotion with anything else beside it.
    case exclusive(Int64)
    case severalOrderPromotions
    case severalShippingPromotions
    /// More than one coupon and not every one of them stacks.
    case couponsDoNotStack
    /// The coupon does not combine with a promotion class present.
    case notCombinable(couponID: Int64, PromotionClass)
}

/// What became of a coupon in a settlement.
enum CouponOutcome: Equatable {
    case applied
    case thresholdNotMet
    case nothingToTake
}

/// Steps 2–4 of the evaluation, after the product discounts: the order-class reduction and
/// its allocation, the coupons and theirs, and shipping. A member that takes nothing off
/// (threshold not reached, nothing left) does not apply.
struct Settlement {
    var orderAmount: Int64 = 0
    /// Per line: the order discount's share.
    var orderShares: [Int64]
    /// Per coupon of the combination (ascending id): outcome, amount and per-line shares.
    var couponOutcomes: [CouponOutcome] = []
    var couponAmounts: [Int64] = []
    var couponShares: [[Int64]] = []
    var shippingSaving: Int64 = 0
    /// Per line: the amount after every discount.
    var finalAmounts: [Int64]
    var goods: Int64 = 0
    var total: Int64 = 0

    /// Whether every member given to `settle` applied.
    func allApplied(order: Int?, shipping: Int?) -> Bool {
        (order == nil || orderAmount > 0) && (shipping == nil || shippingSaving > 0) && couponOutcomes.allSatisfy { $0 == .applied }
    }
}

extension PricingProblem {
    /// The full settlement with per-line allocations (what the result is built from).
    /// `amounts` are the line amounts after product discounts; `coupons` ascending id.
    func settle(_ amounts: [Int64], order: Int?, shipping: Int?, coupons couponIndices: [Int]) -> Settlement {
        var remaining = amounts
        var settlement = Settlement(orderShares: Array(repeating: 0, count: lineCount), finalAmounts: [])
        if let order {
            let candidate = orders[order]
            let reduction = candidate.reduction(for: sum(amounts, over: candidate.lines))
            if reduction > 0 {
                let weights = candidate.lines.map { amounts[lineIndex[$0]] }
                let parts = Allocation.largestRemainder(reduction, weights: weights, caps: weights)
                for (offset, position) in candidate.lines.enumerated() {
                    let line = lineIndex[position]
                    settlement.orderShares[line] = parts[offset]
                    remaining[line] -= parts[offset]
                }
                settlement.orderAmount = reduction
            }
        }
        let afterOrder = remaining
        for index in couponIndices {
            let candidate = coupons[index]
            let base = sum(afterOrder, over: candidate.lines)
            let amount = base >= candidate.terms.threshold ? min(candidate.terms.amount(for: base), sum(remaining, over: candidate.lines)) : 0
            var shares = Array(repeating: Int64(0), count: lineCount)
            if amount > 0 {
                let weights = candidate.lines.map { amounts[lineIndex[$0]] }
                let caps = candidate.lines.map { remaining[lineIndex[$0]] }
                let parts = Allocation.largestRemainder(amount, weights: weights, caps: caps)
                for (offset, position) in candidate.lines.enumerated() {
                    let line = lineIndex[position]
                    shares[line] = parts[offset]
                    remaining[line] -= parts[offset]
                }
            }
            settlement.couponOutcomes.append(amount > 0 ? .applied : base < candidate.terms.threshold ? .thresholdNotMet : .nothingToTake)
            settlement.couponAmounts.append(amount)
            settlement.couponShares.append(shares)
        }
        settlement.goods = remaining.reduce(0, +)
        var shippingCharged = context.shippingFee
        if let shipping {
            let candidate = shippings[shipping]
            let reached = candidate.scoped ? sum(remaining, over: candidate.lines) : settlement.goods
            let saving = min(context.shippingFee, candidate.budget)
            if candidate.hasEligibleLine, reached >= candidate.threshold, saving > 0 {
                settlement.shippingSaving = saving
                shippingCharged -= saving
            }
        }
        settlement.finalAmounts = remaining
        settlement.total = settlement.goods + shippingCharged
        return settlement
    }

    /// The settled total without allocating, when the scopes allow it (see `ScopeRelation`):
    /// at most one coupon, and every share that matters lies wholly inside or outside the
    /// scope that needs it. Equal to `settle(…).total`; nil when a member would not apply.
    func settledTotal(
        _ amounts: [Int64], goods: Int64, order: Int?, shipping: Int?, coupon: Int?,
        orderInCoupon: ScopeRelation, orderInShipping: ScopeRelation, couponInShipping: ScopeRelation
    ) -> Int64? {
        var reduction: Int64 = 0
        if let order {
            let candidate = orders[order]
            reduction = candidate.reduction(for: sum(amounts, over: candidate.lines))
            guard reduction > 0 else { return nil }
        }
        var couponAmount: Int64 = 0
        if let coupon {
            let candidate = coupons[coupon]
            let base = sum(amounts, over: candidate.lines) - (orderInCoupon == .inside ? reduction : 0)
            couponAmount = candidate.terms.amount(for: base)
            guard couponAmount > 0 else { return nil }
        }
        let goodsLeft = goods - reduction - couponAmount
        var shippingCharged = context.shippingFee
        if let shipping {
            let candidate = shippings[shipping]
            // Amounts never go negative, so a threshold of 0 is always reached.
            if candidate.threshold > 0 {
                var reached = goodsLeft
                if candidate.scoped {
                    reached = sum(amounts, over: candidate.lines)
                    if orderInShipping == .inside { reached -= reduction }
                    if couponInShipping == .inside { reached -= couponAmount }
                }
                guard reached >= candidate.threshold else { return nil }
            }
            let saving = min(context.shippingFee, candidate.budget)
            guard candidate.hasEligibleLine, saving > 0 else { return nil }
            shippingCharged -= saving
        }
        return goodsLeft + shippingCharged
    }

    /// How the lines of `inner` sit within those of `outer` (an unscoped outer holds every line).
    /// (Order, coupon and shipping scopes list their lines ascending: one merge pass.)
    func relation(of inner: Range<Int>, within outer: Range<Int>?) -> ScopeRelation {
        guard let outer else { return .inside }
        var inside = 0, cursor = outer.lowerBound
        for position in inner {
            let line = lineIndex[position]
            while cursor < outer.upperBound, lineIndex[cursor] < line { cursor += 1 }
            if cursor < outer.upperBound, lineIndex[cursor] == line { inside += 1 }
        }
        if inside == inner.count { return .inside }
        return inside == 0 ? .disjoint : .partial
    }
}
