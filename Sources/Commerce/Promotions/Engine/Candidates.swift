/// A product-class promotion compiled against one cart. Its eligible lines are a range of the
/// problem's flat line buffers (for buy-X-get-Y sorted by unit price ascending, then line).
struct ProductCandidate {
    enum Kind {
        /// Special price or flash sale: a per-unit discount per line in `PricingProblem.lineDiscount`.
        case unitPrice
        /// Percent off or member price: `floor(units × price × bp / 10000)` per line.
        case percent(Int64)
        /// Quantity discount: percent on all eligible untaken units when there are at least `min`.
        case quantity(min: Int64, basisPoints: Int64)
        /// Buy X get Y: the cheapest `groups × get` units get the percent; `groups × (buy + get)` are taken.
        case buyGet(buy: Int64, get: Int64, basisPoints: Int64)
        /// Bundle: complete sets at `price`; `items` is a range of `PricingProblem.bundleItems`.
        case bundle(price: Int64, items: Range<Int>)
    }

    /// Index in `PricingContext.promotions`.
    var source: Int
    var id: Int64
    /// Rank order: priority descending, then id ascending.
    var priority: Int
    var kind: Kind
    var lines: Range<Int>
    /// Most units it may take (a flash sale's allowance); `Int64.max` otherwise.
    var unitLimit: Int64
    /// Most it may take off in total: min(rule cap, remaining budget); `Int64.max` if neither.
    var cap: Int64
    var exclusive: Bool
}

/// One item of a bundle: the units per set and the lines holding its SKU (in line order).
struct BundleItem {
    var quantity: Int64
    var lines: Range<Int>
}

/// An order-class (threshold reduction) promotion compiled against one cart.
struct OrderCandidate {
    var source: Int
    var id: Int64
    var rule: ThresholdReductionRule
    var budget: Int64
    var lines: Range<Int>
    var exclusive: Bool

    /// The reduction for an eligible subtotal, after the budget cap.
    func reduction(for eligible: Int64) -> Int64 { min(rule.reduction(for: eligible), budget) }

    /// The least value of `E − reduction(E)` over eligible subtotals `E` in `lo…hi` that earn a
    /// reduction, or nil when none does. Between breakpoints `E − reduction(E)` never falls,
    /// so only `lo`, and the breakpoints inside the range, need checking.
    func leastNet(lo: Int64, hi: Int64) -> Int64? {
        let start = max(lo, rule.minimumThreshold)
        guard start <= hi else { return nil }
        var best = start - reduction(for: start)
        switch rule.schedule {
        case .tiers(let tiers):
            for tier in tiers where tier.threshold > start && tier.threshold <= hi {
                best = min(best, tier.threshold - reduction(for: tier.threshold))
            }
        case .repeating(let repeating):
            let (quotient, remainder) = start.quotientAndRemainder(dividingBy: repeating.every)
            if remainder != 0 {
                let (next, overflow) = (quotient + 1).multipliedReportingOverflow(by: repeating.every)
                if !overflow, next <= hi { best = min(best, next - reduction(for: next)) }
            }
        }
        return best
    }
}

/// A shipping-class (free shipping) promotion compiled against one cart.
struct ShippingCandidate {
    var source: Int
    var id: Int64
    var threshold: Int64
    var budget: Int64
    /// False when the rule has no scope or its scope covers every line: the whole goods total counts.
    var scoped: Bool
    var lines: Range<Int>
    var exclusive: Bool
    /// A scoped free shipping needs at least one line in its scope.
    var hasEligibleLine: Bool
}

/// A coupon compiled against one cart.
struct CouponCandidate {
    /// Index in `PricingContext.coupons`.
    var source: Int
    var id: Int64
    var terms: CouponTerms
    var lines: Range<Int>
}

/// How the lines of one scope sit within another's, to settle totals without allocating.
enum ScopeRelation {
    /// Every line of the first scope is in the second.
    case inside
    /// No line in common.
    case disjoint
    case partial
}
