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
        let lineIndex = problem.lineIndex
        var pairs: [KeyLine] = []
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
        for (index, order) in problem.orders.enumerated() {
            orderHigh[index] = problem.sum(newHigh, over: order.lines)
            orderRoom[index] = problem.sum(newRoom, over: order.lines)
        }
        for (index, coupon) in problem.coupons.enumerated() { couponHigh[index] = problem.sum(newHigh, over: coupon.lines) }
        for (index, shipping) in problem.shippings.enumerated() where shipping.scoped {
            shippingHigh[index] = problem.sum(newHigh, over: shipping.lines)
        }
    }

    /// Sets one line.
    mutating func set(_ line: Int, high newHigh: Int64, room newRoom: Int64) {
        let deltaHigh = newHigh - high[line], deltaRoom = newRoom - room[line]
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
        for (index, order) in problem.orders.enumerated() {
            let eligible = orderHigh[index], eligibleRoom = orderRoom[index]
            orderGoods[index] = order.leastNet(lo: eligible - eligibleRoom, hi: eligible).map {
                (goods - eligible) - (totalRoom - eligibleRoom) + $0
            }
        }
        for (index, coupon) in problem.coupons.enumerated() { couponMost[index] = coupon.terms.amount(for: couponHigh[index]) }
        let fee = problem.context.shippingFee
        for (index, shipping) in problem.shippings.enumerated() {
            let reachable = shipping.scoped ? shippingHigh[index] : goods
            let saving = min(fee, shipping.budget)
            shippingCharged[index] = shipping.hasEligibleLine && reachable >= shipping.threshold && saving > 0 ? fee - saving : nil
        }
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
        var charged = problem.context.shippingFee
        if let shipping = configuration.shipping {
            guard let value = shippingCharged[shipping] else { return nil }
            charged = value
        }
        return max(least, 0) + charged
    }
}
