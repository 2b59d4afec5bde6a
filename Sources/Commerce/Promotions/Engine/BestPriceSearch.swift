/// Finds the allowed combination with the least total, exactly (see docs/promotions.md).
///
/// The outer choices — order-class promotion or none, shipping-class promotion or none, a
/// coupon set the stacking rules allow — are configurations. Those without product promotions
/// (exclusive promotions alone, coupons that combine with none) are single leaves. The others
/// share one branch and bound in two phases (`SearchPlan`): first the candidates over several
/// lines are taken or skipped, bounded by `LineRelaxation`; then, with those fixed, each group
/// of lines has its outcomes listed (`GroupOptionBuilder`) and one outcome per group is chosen,
/// most discount first. Every node keeps only the configurations whose lower bound
/// (`ConfigurationBounds`) may still beat the best so far under the tie rule. Leaves are priced
/// by the settlement that `PromotionEngine.evaluate` uses; a leaf where a member would not apply
/// is skipped, because the same prices arise without that member elsewhere in the search.
///
/// Helpers that only read are nevertheless `mutating`: called from a mutating method, a
/// non-mutating one gets a copy of the whole search (a retain and release of every array in it).
struct BestPriceSearch {
    struct Configuration {
        var order: Int?
        var shipping: Int?
        /// Coupon candidates, ascending id.
        var coupons: [Int]
        var productsAllowed: Bool
        /// An exclusive product promotion priced alone.
        var forcedProduct: Int?
        var needsAllocation = false
        var orderInCoupon = ScopeRelation.inside
        var orderInShipping = ScopeRelation.inside
        var couponInShipping = ScopeRelation.inside
    }

    struct Best {
        var total: Int64
        var combination: PromotionCombination
        var products: [Int]
        var order: Int?
        var shipping: Int?
        var coupons: [Int]
    }

    // Every array below keeps its storage from call to call when the search lives in a
    // `SearchWorkspace`: `reset` refills them in place and `finish` drops what the call shared.
    private(set) var problem = PricingProblem.empty
    private(set) var plan = SearchPlan()
    var relaxation = LineRelaxation()
    var builder = GroupOptionBuilder()
    var bounds = ConfigurationBounds()
    var configurations: [Configuration] = []
    /// Stack of configuration indices still promising, one slice per open node.
    var active = SlotStack()
    var configuration = Configuration(coupons: [], productsAllowed: true)
    var best = Best(total: 0, combination: .none, products: [], order: nil, shipping: nil, coupons: [])
    /// Nodes visited (for benchmarks and tests).
    var nodes = 0
    var scratch = TakeScratch(capacity: 0)
    // Phase one.
    /// Decided candidates taken so far (ranks).
    var taken: [Int] = []
    /// Per line: the relaxation's headroom under the current decisions.
    var relaxedRoom: [Int64] = []
    // Phase two.
    /// Per group: its options, a range of `builder.store.options` (empty until listed).
    var options: [Range<Int>] = []
    var choiceGroups: [Int] = []
    /// Per position in `choiceGroups`: the decided candidates the groups from there on can still apply.
    var reachable: [Flags] = []
    var required = Flags()
    var chosen: [Int] = []
    var chosenLocals = 0
    var finalAmounts: [Int64] = []
    /// Options already listed per group and decisions on its decided candidates (signature).
    var optionCache: [CachedOptions] = []
    /// Reused by `groupLeaf` (the slots of its best configurations).
    var leafSlots: [Int] = []
    /// Reused by `run` and `makeConfigurations`.
    var searched: [Configuration] = []
    /// Reused by `decide` (the relaxation's rooms on a candidate's lines, one slice per node)
    /// and `chooseGroups`.
    var roomStack: [Int64] = []
    var groupRoom: [Int64] = []
    var lineHigh: [Int64] = []
    var lineRoom: [Int64] = []

    /// An idle search (see `reset`).
    init() {}

    /// - Parameter groupLimit: see `SearchPlan` (tests lower it to exercise deciding first).
    init(problem: PricingProblem, groupLimit: Int = SearchPlan.groupLimit) {
        reset(problem: problem, groupLimit: groupLimit)
    }

    /// Prepares the search for `problem`, reusing every buffer's storage.
    mutating func reset(problem: PricingProblem, groupLimit: Int = SearchPlan.groupLimit) {
        self.problem = problem
        plan.reset(problem: problem, groupLimit: groupLimit)
        relaxation.reset(problem: problem, plan: plan)
        builder.reset(problem: problem, plan: plan)
        bounds.reset(problem: problem)
        configurations.removeAll(keepingCapacity: true)
        active.removeAll()
        configuration = Configuration(coupons: [], productsAllowed: true)
        best = Best(total: problem.listTotal + problem.context.shippingFee, combination: .none, products: [], order: nil, shipping: nil, coupons: [])
        nodes = 0
        scratch.reset(capacity: problem.lineCount)
        taken.removeAll(keepingCapacity: true)
        relaxedRoom.assign(problem.listAmount)
        options.reset(count: plan.groupCount, repeating: 0..<0)
        choiceGroups.removeAll(keepingCapacity: true)
        reachable.removeAll(keepingCapacity: true)
        required = Flags()
        chosen.reset(count: plan.groupCount, repeating: 0)
        chosenLocals = 0
        finalAmounts.assign(problem.listAmount)
        optionCache.removeAll(keepingCapacity: true)
        leafSlots.removeAll(keepingCapacity: true)
        roomStack.removeAll(keepingCapacity: true)
    }

    /// Drops what the search shares with the call (the problem, the plan's copy in the
    /// builder, cached options), so that the next `reset` finds its buffers unshared.
    mutating func finish() {
        problem = .empty
        relaxation.finish()
        builder.finish()
        bounds.finish()
        configuration = Configuration(coupons: [], productsAllowed: true)
        best = Best(total: 0, combination: .none, products: [], order: nil, shipping: nil, coupons: [])
        optionCache.removeAll(keepingCapacity: true)
    }

    mutating func run() {
        makeConfigurations()
        configurations.removeAll(keepingCapacity: true)
        for candidate in searched {
            if candidate.productsAllowed, candidate.forcedProduct == nil {
                configurations.append(candidate)
                continue
            }
            configuration = candidate
            if let forced = candidate.forcedProduct {
                priceAlone(forced)
            } else {
                leaf(amounts: problem.listAmount, products: [])
            }
        }
        guard !configurations.isEmpty else { return }
        active.removeAll()
        for index in configurations.indices { active.push(index) }
        guard !plan.decided.isEmpty else {
            // Nothing to decide: straight to the groups.
            chooseGroups(parent: 0..<configurations.count)
            return
        }
        for line in 0..<problem.lineCount { relaxedRoom[line] = relaxation.headroom(line) }
        bounds.reset(high: problem.listAmount, room: relaxedRoom)
        decide(0, parent: 0..<configurations.count)
    }

    // MARK: Configurations

    /// Lists every configuration into `searched`.
    private mutating func makeConfigurations() {
        var result = searched
        searched = []
        result.removeAll(keepingCapacity: true)
        defer { searched = result }
        // Plain loops (no arrays of choices): -1 stands for none.
        for coupons in problem.couponSets() {
            var allowed = Self.bit(.product) | Self.bit(.order) | Self.bit(.shipping)
            for index in coupons {
                // The classes it combines with, by walking the set (no hashing).
                var combines = 0
                for promotionClass in problem.coupons[index].terms.combinesWith { combines |= Self.bit(promotionClass) }
                allowed &= combines
            }
            for order in -1..<problem.orders.count {
                if order >= 0, problem.orders[order].exclusive || allowed & Self.bit(.order) == 0 { continue }
                for shipping in -1..<problem.shippings.count {
                    if shipping >= 0, problem.shippings[shipping].exclusive || allowed & Self.bit(.shipping) == 0 { continue }
                    var configuration = Configuration(
                        order: order < 0 ? nil : order, shipping: shipping < 0 ? nil : shipping, coupons: coupons,
                        productsAllowed: allowed & Self.bit(.product) != 0)
                    relate(&configuration)
                    result.append(configuration)
                }
            }
        }
        for index in problem.products.indices where problem.products[index].exclusive {
            result.append(Configuration(coupons: [], productsAllowed: true, forcedProduct: index))
        }
        for index in problem.orders.indices where problem.orders[index].exclusive {
            result.append(Configuration(order: index, coupons: [], productsAllowed: false))
        }
        for index in problem.shippings.indices where problem.shippings[index].exclusive {
            var configuration = Configuration(shipping: index, coupons: [], productsAllowed: false)
            relate(&configuration)
            result.append(configuration)
        }
    }

    private static func bit(_ promotionClass: PromotionClass) -> Int {
        switch promotionClass {
        case .product: 1
        case .order: 2
        case .shipping: 4
        }
    }

    /// Decides whether leaves of a configuration can be settled without allocating.
    private mutating func relate(_ configuration: inout Configuration) {
        let orderLines = configuration.order.map { problem.orders[$0].lines }
        // A scoped free shipping whose threshold is 0 needs no sum (only an eligible line).
        let shippingLines = configuration.shipping.flatMap {
            problem.shippings[$0].scoped && problem.shippings[$0].threshold > 0 ? problem.shippings[$0].lines : nil
        }
        let couponLines = configuration.coupons.first.map { problem.coupons[$0].lines }
        if let orderLines, let couponLines { configuration.orderInCoupon = problem.relation(of: orderLines, within: couponLines) }
        if let orderLines { configuration.orderInShipping = problem.relation(of: orderLines, within: shippingLines) }
        if let couponLines { configuration.couponInShipping = problem.relation(of: couponLines, within: shippingLines) }
        configuration.needsAllocation = configuration.coupons.count > 1
            || configuration.orderInCoupon == .partial
            || (shippingLines != nil && (configuration.orderInShipping == .partial || configuration.couponInShipping == .partial))
    }

    // MARK: Leaves

    /// Keeps, on top of `active`, the configurations of `parent` still promising (bounds prepared).
    mutating func filter(_ parent: Range<Int>, promotions: Int) {
        // A local reference: `configurations[index]` read in this mutating method would copy
        // the configuration (retaining its coupon list) for each call below.
        let configurations = self.configurations
        for slot in parent {
            let index = active[slot]
            if let lower = bounds.lowerBound(configurations[index]), promising(lower, configurations[index], products: promotions) {
                active.push(index)
            }
        }
    }

    mutating func priceAlone(_ candidate: Int) {
        let saving = problem.take(problem.products[candidate], untaken: problem.quantity, into: &scratch)
        guard saving > 0 else { return }
        consider(problem.listTotal - saving + problem.context.shippingFee, products: [candidate])
    }

    /// Prices the current configuration on line amounts after product discounts and offers it
    /// with `products` (a leaf without product promotions).
    mutating func leaf(amounts: [Int64], products: [Int]) {
        guard let total = leafTotal(amounts, configuration), total <= best.total else { return }
        consider(total, products: products)
    }

    /// The current configuration's total on line amounts after product discounts, or nil when
    /// one of its members would not apply.
    mutating func leafTotal(_ amounts: [Int64], _ configuration: Configuration) -> Int64? {
        leafTotal(amounts, goods: amounts.reduce(0, +), configuration)
    }

    /// `leafTotal(_:_:)` with the amounts' sum (`goods`) worked out once for several configurations.
    mutating func leafTotal(_ amounts: [Int64], goods: Int64, _ configuration: Configuration) -> Int64? {
        if configuration.needsAllocation {
            let settlement = problem.settle(amounts, order: configuration.order, shipping: configuration.shipping, coupons: configuration.coupons)
            return settlement.allApplied(order: configuration.order, shipping: configuration.shipping) ? settlement.total : nil
        }
        return problem.settledTotal(
            amounts, goods: goods, order: configuration.order, shipping: configuration.shipping,
            coupon: configuration.coupons.first, orderInCoupon: configuration.orderInCoupon,
            orderInShipping: configuration.orderInShipping, couponInShipping: configuration.couponInShipping)
    }

    /// Whether a subtree whose totals are at least `lower`, using the configuration's coupons
    /// and at least `products` product promotions, might hold a better key.
    mutating func promising(_ lower: Int64, _ configuration: Configuration, products: Int) -> Bool {
        if lower != best.total { return lower < best.total }
        let coupons = configuration.coupons.count, bestCoupons = best.combination.couponIDs.count
        if coupons != bestCoupons { return coupons < bestCoupons }
        let promotions = products + (configuration.order == nil ? 0 : 1) + (configuration.shipping == nil ? 0 : 1)
        return promotions <= best.combination.promotionIDs.count
    }

    mutating func consider(_ total: Int64, products: [Int]) {
        guard total <= best.total else { return }
        if total == best.total {
            // A tie: only fewer coupons, fewer promotions or smaller ids can win.
            let coupons = configuration.coupons.count, bestCoupons = best.combination.couponIDs.count
            let promotions = products.count + (configuration.order == nil ? 0 : 1) + (configuration.shipping == nil ? 0 : 1)
            if coupons > bestCoupons || (coupons == bestCoupons && promotions > best.combination.promotionIDs.count) { return }
        }
        var promotionIDs: [Int64] = []
        promotionIDs.reserveCapacity(products.count + 2)
        for index in products { promotionIDs.append(problem.products[index].id) }
        if let order = configuration.order { promotionIDs.append(problem.orders[order].id) }
        if let shipping = configuration.shipping { promotionIDs.append(problem.shippings[shipping].id) }
        let combination = PromotionCombination(promotionIDs: promotionIDs, couponIDs: configuration.coupons.map { problem.coupons[$0].id })
        guard total < best.total || PromotionCombination.prefers(combination, over: best.combination) else { return }
        best = Best(
            total: total, combination: combination, products: products, order: configuration.order,
            shipping: configuration.shipping, coupons: configuration.coupons)
    }
}

extension PricingProblem {
    /// The coupon sets the stacking rules allow (indices ascending): none, each coupon alone,
    /// and every set of two or more coupons that all stack with coupons.
    func couponSets() -> [[Int]] {
        var sets: [[Int]] = [[]]
        for index in coupons.indices { sets.append([index]) }
        let stacking = coupons.indices.filter { coupons[$0].terms.stacksWithCoupons }
        guard stacking.count > 1 else { return sets }
        for mask in 1..<(1 << stacking.count) where mask.nonzeroBitCount > 1 {
            sets.append(stacking.indices.filter { mask & (1 << $0) != 0 }.map { stacking[$0] })
        }
        return sets
    }
}

/// Options listed for one group under one set of decisions on its decided candidates.
struct CachedOptions {
    var group: Int
    var signature: UInt64
    var options: Range<Int>
}
