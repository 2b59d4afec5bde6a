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
///
/// Its per-node numbers live in a `BoundsStorage` block that copies of the struct share: a
/// search holds one and never copies it.
struct ConfigurationBounds {
    private(set) var problem = PricingProblem.empty
    // What `prepare()` reads at every node, as plain data copied once per search: reading the
    // candidates themselves would retain and release their rules and coupon terms each time.
    private var orders: [OrderSchedule] = []
    private var tiers: [ThresholdReductionRule.Tier] = []
    private var couponThresholds: [Int64] = []
    private var couponDiscounts: [CouponTerms.Discount] = []
    private var shippings: [ShippingCandidate] = []
    private var shippingFee: Int64 = 0
    /// Per line, flat: the order (o), coupon (c) and scoped shipping (s) candidates it is in,
    /// as `kind × 2^32 + index` in `memberships[membershipStart[line]..<membershipStart[line + 1]]`.
    private var membershipStart: [Int] = []
    private var memberships: [Int] = []
    private var fill: [Int] = []
    // The numbers the search updates at every node live in one block reused from call to
    // call (`storage`), written through plain pointers: an array write would check that its
    // storage is unshared every time. Per line `high` and `room`; per member its sums and, from
    // `prepare()`, its part of the bound (`Self.none` when the member can no longer apply).
    private var storage: BoundsStorage?
    private var high = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var room = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var goods: Int64 = 0
    private var totalRoom: Int64 = 0
    private var orderHigh = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var orderRoom = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var couponHigh = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var shippingHigh = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var orderGoods = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var couponMost = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var shippingCharged = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    /// "Cannot apply" in `orderGoods` and `shippingCharged` (amounts are far above it).
    private static let none = Int64.min

    /// Idle bounds (see `reset(problem:)`).
    init() {}

    init(problem: PricingProblem) {
        reset(problem: problem)
    }

    /// Prepares the bounds of `problem`, reusing the buffers' storage.
    mutating func reset(problem: PricingProblem) {
        self.problem = problem
        orders.removeAll(keepingCapacity: true)
        tiers.removeAll(keepingCapacity: true)
        for order in problem.orders { orders.append(OrderSchedule(order, tiers: &tiers)) }
        couponThresholds.removeAll(keepingCapacity: true)
        couponDiscounts.removeAll(keepingCapacity: true)
        for coupon in problem.coupons {
            couponThresholds.append(coupon.terms.threshold)
            couponDiscounts.append(coupon.terms.discount)
        }
        shippings.assign(problem.shippings)
        shippingFee = problem.context.shippingFee
        let lineIndex = problem.lineIndex
        // Counting sort of (line, member) pairs by line, members in order, orders then coupons
        // then scoped shippings.
        membershipStart.reset(count: problem.lineCount + 1, repeating: 0)
        for order in problem.orders { for position in order.lines { membershipStart[lineIndex[position] + 1] += 1 } }
        for coupon in problem.coupons { for position in coupon.lines { membershipStart[lineIndex[position] + 1] += 1 } }
        for shipping in problem.shippings where shipping.scoped {
            for position in shipping.lines { membershipStart[lineIndex[position] + 1] += 1 }
        }
        for line in 0..<problem.lineCount { membershipStart[line + 1] += membershipStart[line] }
        fill.assign(membershipStart)
        memberships.reset(count: membershipStart[problem.lineCount], repeating: 0)
        for (index, order) in problem.orders.enumerated() {
            for position in order.lines { add(index, line: lineIndex[position]) }
        }
        for (index, coupon) in problem.coupons.enumerated() {
            for position in coupon.lines { add(1 << 32 | index, line: lineIndex[position]) }
        }
        for (index, shipping) in problem.shippings.enumerated() where shipping.scoped {
            for position in shipping.lines { add(2 << 32 | index, line: lineIndex[position]) }
        }
        let lines = problem.lineCount, orderCount = problem.orders.count
        let couponCount = problem.coupons.count, shippingCount = problem.shippings.count
        let size = 2 * lines + 3 * orderCount + 2 * couponCount + 2 * shippingCount
        if storage == nil || storage!.capacity < size { storage = BoundsStorage(capacity: size) }
        var next = storage!.block
        next.initialize(repeating: 0, count: size)
        func take(_ count: Int) -> UnsafeMutablePointer<Int64> {
            defer { next += count }
            return next
        }
        high = take(lines)
        room = take(lines)
        orderHigh = take(orderCount)
        orderRoom = take(orderCount)
        couponHigh = take(couponCount)
        shippingHigh = take(shippingCount)
        orderGoods = take(orderCount)
        couponMost = take(couponCount)
        shippingCharged = take(shippingCount)
    }

    private mutating func add(_ member: Int, line: Int) {
        memberships[fill[line]] = member
        fill[line] += 1
    }

    /// Drops what it shares with the call.
    mutating func finish() {
        problem = .empty
        shippings.removeAll(keepingCapacity: true)
    }

    /// Sets every line at once.
    mutating func reset(high newHigh: [Int64], room newRoom: [Int64]) {
        // Copied into the own buffers: sharing the caller's would copy them at the next `set`.
        for line in newHigh.indices {
            high[line] = newHigh[line]
            room[line] = newRoom[line]
        }
        goods = newHigh.reduce(0, +)
        totalRoom = newRoom.reduce(0, +)
        for index in orders.indices {
            orderHigh[index] = problem.sum(newHigh, over: orders[index].lines)
            orderRoom[index] = problem.sum(newRoom, over: orders[index].lines)
        }
        for index in couponThresholds.indices { couponHigh[index] = problem.sum(newHigh, over: problem.coupons[index].lines) }
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
            if let net = leastNet(orders[index], lo: eligible - eligibleRoom, hi: eligible) {
                orderGoods[index] = (goods - eligible) - (totalRoom - eligibleRoom) + net
            } else {
                orderGoods[index] = Self.none
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
            shippingCharged[index] = shipping.hasEligibleLine && reachable >= shipping.threshold && saving > 0 ? fee - saving : Self.none
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
            for tier in order.tiers {
                // Thresholds increase strictly (validated), so at its own threshold a tier is
                // the largest one reached: `reduction(order, for: threshold)` without the scan.
                let threshold = tiers[tier].threshold
                guard threshold <= hi else { break }
                guard threshold > start else { continue }
                let reduction = threshold > 0 ? min(min(tiers[tier].reduction, threshold), order.budget) : 0
                best = min(best, threshold - reduction)
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
            // Thresholds increase strictly (validated): the last one reached is the largest.
            for tier in order.tiers {
                guard tiers[tier].threshold <= eligible else { break }
                earned = tiers[tier].reduction
            }
        }
        return min(min(earned, eligible), order.budget)
    }

    /// A lower bound on the total of every leaf of `configuration` below the node (after
    /// `prepare()`), or nil when one of its members can no longer apply.
    func lowerBound(_ configuration: BestPriceSearch.Configuration) -> Int64? {
        var least = goods - totalRoom
        if let order = configuration.order {
            let value = orderGoods[order]
            guard value != Self.none else { return nil }
            least = value
        }
        for coupon in configuration.coupons {
            let most = couponMost[coupon]
            guard most > 0 else { return nil }
            least -= most
        }
        var charged = shippingFee
        if let shipping = configuration.shipping {
            let value = shippingCharged[shipping]
            guard value != Self.none else { return nil }
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

/// A block of `Int64` behind numbers written through pointers on the search's hot paths:
/// `ConfigurationBounds`' numbers, the option builder's per-line state, a take's scratch, the
/// relaxation's states (freed with the last value that holds it).
final class BoundsStorage {
    let block: UnsafeMutablePointer<Int64>
    let capacity: Int

    init(capacity: Int) {
        // Room to grow a little: carts differ in size from call to call.
        self.capacity = max(64, capacity * 2)
        block = .allocate(capacity: self.capacity)
    }

    deinit { block.deallocate() }
}
