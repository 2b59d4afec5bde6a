/// Lower bounds on the total of every configuration below a search node, from two numbers per
/// line: `high`, the most the line can still cost after product discounts, and `room`, how much
/// less it may cost at best. Sums over the order, coupon and shipping scopes are kept up to
/// date line by line.
///
/// For a configuration: goods after product and order discounts are at least the least
/// `E − reduction(E)` over the eligible subtotals `E` still reachable plus the rest at its
/// lowest; each coupon takes at most its amount at today's highest base (bases only shrink);
/// shipping is at least the fee less what its free shipping waives. A threshold that can no
/// longer be met makes the configuration infeasible (nil): such a leaf would equal one of
/// another configuration without that member.
struct ConfigurationBounds {
    let problem: PricingProblem
    // What `prepare()` reads at every node, as plain data copied once per search: reading the
    // candidates themselves would retain and release their rules and coupon terms each time.
    private let orders: [OrderSchedule]
    private let tiers: [ThresholdReductionRule.Tier]
    private let couponThresholds: [Int64]
    private let couponDiscounts: [CouponTerms.Discount]
    private let shippings: [ShippingCandidate]
    private let shippingFee: Int64
    /// Per line, flat: the order (o), coupon (c) and scoped shipping (s) candidates it is in,
    /// as `kind × 2^32 + index` in `memberships[membershipStart[line]..<membershipStart[line + 1]]`.
    private let membershipStart: [Int]
    private let memberships: [Int]
    private(set) var high: [Int64]
    private(set) var room: [Int64]
    private var goods: Int64 = 0
    private var totalRoom: Int64 = 0
    private var orderHigh: [Int64]
    private var orderRoom: [Int64]
    private var couponHigh: [Int64]
    private var shippingHigh: [Int64]
    // Per node, from `prepare()`: each member's part of the bound.
    private var orderGoods: [Int64?]
    private var couponMost: [Int64]
    private var shippingCharged: [Int64?]

    init(problem: PricingProblem) {
        self.problem = problem
        var tiers: [ThresholdReductionRule.Tier] = []
        orders = problem.orders.map { OrderSchedule($0, tiers: &tiers) }
        self.tiers = tiers
        couponThresholds = problem.coupons.map(\.terms.threshold)
        couponDiscounts = problem.coupons.map(\.terms.discount)
        shippings = problem.shippings
        shippingFee = problem.context.shippingFee
        let lineIndex = problem.lineIndex
        var pairs: [KeyLine] = []
        pairs.reserveCapacity(
            problem.orders.reduce(0) { $0 + $1.lines.count } + problem.coupons.reduce(0) { $0 + $1.lines.count }
                + problem.shippings.reduce(0) { $0 + $1.lines.count })
        for (index, order) in problem.orders.enumerated() { for position in order.lines { pairs.append(KeyLine(key: Int64(index), line: lineIndex[position])) } }
        for (index, coupon) in problem.coupons.enumerated() { for position in coupon.lines { pairs.append(KeyLine(key: Int64(1 << 32 | index), line: lineIndex[position])) } }
        for (index, shipping) in problem.shippings.enumerated() where shipping.scoped {
            for position in shipping.lines { pairs.append(KeyLine(key: Int64(2 << 32 | index), line: lineIndex[position])) }
        }
        var start = Array(repeating: 0, count: problem.lineCount + 1)
        for pair in pairs { start[pair.line + 1] += 1 }
        for line in 0..<problem.lineCount { start[line + 1] += start[line] }
        var fill = start, list = Array(repeating: 0, count: pairs.count)
        for pair in pairs {
            list[fill[pair.line]] = Int(pair.key)
            fill[pair.line] += 1
        }
        membershipStart = start
        memberships = list
        high = Array(repeating: 0, count: problem.lineCount)
        room = high
        orderHigh = Array(repeating: 0, count: problem.orders.count)
        orderRoom = orderHigh
        couponHigh = Array(repeating: 0, count: problem.coupons.count)
        shippingHigh = Array(repeating: 0, count: problem.shippings.count)
        orderGoods = Array(repeating: nil, count: problem.orders.count)
        couponMost = couponHigh
        shippingCharged = Array(repeating: nil, count: problem.shippings.count)
    }

    /// Sets every line at once.
    mutating func reset(high newHigh: [Int64], room newRoom: [Int64]) {
        high = newHigh
        room = newRoom
        goods = newHigh.reduce(0, +)
        totalRoom = newRoom.reduce(0, +)
        for index in orders.indices {
            orderHigh[index] = problem.sum(newHigh, over: orders[index].lines)
            orderRoom[index] = problem.sum(newRoom, over: orders[index].lines)
        }
        for index in couponHigh.indices { couponHigh[index] = problem.sum(newHigh, over: problem.coupons[index].lines) }
        for index in shippings.indices where shippings[index].scoped {
            shippingHigh[index] = problem.sum(newHigh, over: shippings[index].lines)
        }
    }

    /// Sets one line.
    mutating func set(_ line: Int, high newHigh: Int64, room newRoom: Int64) {
        let deltaHigh = newHigh - high[line], deltaRoom = newRoom - room[line]
        // Most calls (a group's lines across its options) change nothing.
        guard deltaHigh != 0 || deltaRoom != 0 else { return }
        high[line] = newHigh
        room[line] = newRoom
        goods += deltaHigh
        totalRoom += deltaRoom
        for slot in membershipStart[line]..<membershipStart[line + 1] {
            let member = memberships[slot], index = member & 0xFFFF_FFFF
            switch member >> 32 {
            case 0:
                orderHigh[index] += deltaHigh
                orderRoom[index] += deltaRoom
            case 1: couponHigh[index] += deltaHigh
            default: shippingHigh[index] += deltaHigh
            }
        }
    }

    /// Works out each member's part of the bound for the current lines.
    mutating func prepare() {
        for index in orders.indices {
            let eligible = orderHigh[index], eligibleRoom = orderRoom[index]
            orderGoods[index] = leastNet(orders[index], lo: eligible - eligibleRoom, hi: eligible).map {
                (goods - eligible) - (totalRoom - eligibleRoom) + $0
            }
        }
        for index in couponDiscounts.indices {
            // `CouponTerms.amount(for:)`: nothing below the threshold.
            let base = couponHigh[index]
            couponMost[index] = base >= couponThresholds[index] ? couponDiscounts[index].amount(for: base) : 0
        }
        let fee = shippingFee
        for index in shippings.indices {
            let shipping = shippings[index]
            let reachable = shipping.scoped ? shippingHigh[index] : goods
            let saving = min(fee, shipping.budget)
            shippingCharged[index] = shipping.hasEligibleLine && reachable >= shipping.threshold && saving > 0 ? fee - saving : nil
        }
    }

    /// `OrderCandidate.leastNet` on the plain copy: the least `E − reduction(E)` over eligible
    /// subtotals `E` in `lo…hi` that earn a reduction (only `lo` and the breakpoints inside
    /// the range need checking), or nil when none does.
    private func leastNet(_ order: OrderSchedule, lo: Int64, hi: Int64) -> Int64? {
        let start = max(lo, order.minimumThreshold)
        guard start <= hi else { return nil }
        var best = start - reduction(order, for: start)
        if order.every > 0 {
            let (quotient, remainder) = start.quotientAndRemainder(dividingBy: order.every)
            if remainder != 0 {
                let (next, overflow) = (quotient + 1).multipliedReportingOverflow(by: order.every)
                if !overflow, next <= hi { best = min(best, next - reduction(order, for: next)) }
            }
        } else {
            for tier in order.tiers where tiers[tier].threshold > start && tiers[tier].threshold <= hi {
                best = min(best, tiers[tier].threshold - reduction(order, for: tiers[tier].threshold))
            }
        }
        return best
    }

    /// `OrderCandidate.reduction(for:)` on the plain copy (`ThresholdReductionRule.reduction`, budget-capped).
    private func reduction(_ order: OrderSchedule, for eligible: Int64) -> Int64 {
        guard eligible > 0 else { return 0 }
        var earned: Int64 = 0
        if order.every > 0 {
            let (product, overflow) = (eligible / order.every).multipliedReportingOverflow(by: order.reduction)
            earned = min(order.cap, overflow ? Int64.max : product)
        } else {
            for tier in order.tiers where tiers[tier].threshold <= eligible { earned = tiers[tier].reduction }
        }
        return min(min(earned, eligible), order.budget)
    }

    /// A lower bound on the total of every leaf of `configuration` below the node (after
    /// `prepare()`), or nil when one of its members can no longer apply.
    func lowerBound(_ configuration: BestPriceSearch.Configuration) -> Int64? {
        var least = goods - totalRoom
        if let order = configuration.order {
            guard let value = orderGoods[order] else { return nil }
            least = value
        }
        for coupon in configuration.coupons {
            let most = couponMost[coupon]
            guard most > 0 else { return nil }
            least -= most
        }
        var charged = shippingFee
        if let shipping = configuration.shipping {
            guard let value = shippingCharged[shipping] else { return nil }
            charged = value
        }
        return max(least, 0) + charged
    }
}

/// An order candidate's schedule as plain data: repeating when `every > 0`, else tiers (a
/// range of `ConfigurationBounds.tiers`).
private struct OrderSchedule {
    var lines: Range<Int>
    var budget: Int64
    var minimumThreshold: Int64
    var every: Int64 = 0
    var reduction: Int64 = 0
    var cap = Int64.max
    var tiers: Range<Int> = 0..<0

    init(_ order: OrderCandidate, tiers list: inout [ThresholdReductionRule.Tier]) {
        lines = order.lines
        budget = order.budget
        minimumThreshold = order.rule.minimumThreshold
        switch order.rule.schedule {
        case .tiers(let tiers):
            let start = list.count
            list.append(contentsOf: tiers)
            self.tiers = start..<list.count
        case .repeating(let repeating):
            every = repeating.every
            reduction = repeating.reduction
            cap = repeating.cap ?? Int64.max
        }
    }
}
