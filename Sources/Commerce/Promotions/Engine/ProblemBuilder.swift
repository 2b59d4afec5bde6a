/// Builds a `PricingProblem`: compiles the cart and every promotion and coupon that can take
/// part. This is the prefilter: promotions that are not live, have no uses or budget left,
/// touch no line or cannot give anything in any combination are left out (with `prefilter`
/// off, the selected ones are kept however useless).
struct ProblemBuilder {
    let cart: Cart
    let context: PricingContext
    let lineCount: Int
    /// Unit list price and list amount (price × quantity) per line.
    var unitPrice: [Int64]
    var quantity: [Int64]
    var listAmount: [Int64]
    var listTotal: Int64 = 0

    /// Product candidates in rank order (priority descending, id ascending).
    var products: [ProductCandidate] = []
    var orders: [OrderCandidate] = []
    var shippings: [ShippingCandidate] = []
    /// Coupon candidates, ascending id.
    var coupons: [CouponCandidate] = []
    /// Coupons left out by the prefilter, with the reason.
    var rejectedCoupons: [Int64: UnusedCouponReason] = [:]

    /// Flat buffers: eligible line, per-unit discount (unit-price kinds), per-unit upper bound.
    var lineIndex: [Int] = []
    var lineDiscount: [Int64] = []
    var lineBound: [Int64] = []
    var bundleItems: [BundleItem] = []

    /// (key, line) sorted, for scope look-ups.
    var skuKeys: [KeyLine] = []
    var categoryKeys: [KeyLine] = []
    var marks: [Bool]
    /// Quick "surely not in the cart" tests before a binary search.
    var skuFilter = IDFilter()
    var categoryFilter = IDFilter()
    var markedDiscount: [Int64]

    /// - Parameters:
    ///   - promotionFilter: which promotions (by index) to consider; nil = all.
    ///   - couponFilter: which coupons (by index) to consider; nil = all.
    ///   - catalog: an index of `context.promotions` (it must describe them), used with the
    ///     prefilter and no promotion filter to visit only the promotions the cart touches.
    init(
        cart: Cart, context: PricingContext, prefilter: Bool = true,
        promotionFilter: Set<Int>? = nil, couponFilter: Set<Int>? = nil, catalog: PromotionCatalog? = nil
    ) throws(CommerceError) {
        self.cart = cart
        self.context = context
        lineCount = cart.lines.count
        unitPrice = []
        quantity = []
        listAmount = []
        marks = Array(repeating: false, count: cart.lines.count)
        markedDiscount = Array(repeating: 0, count: cart.lines.count)
        unitPrice.reserveCapacity(lineCount)
        quantity.reserveCapacity(lineCount)
        listAmount.reserveCapacity(lineCount)
        skuKeys.reserveCapacity(lineCount)
        categoryKeys.reserveCapacity(lineCount)
        products.reserveCapacity(32)
        lineIndex.reserveCapacity(8 * lineCount)
        lineDiscount.reserveCapacity(8 * lineCount)
        lineBound.reserveCapacity(8 * lineCount)
        // By index and field: iterating the lines would copy each (retaining its strings).
        let lines = cart.lines
        for index in lines.indices {
            let price = lines[index].listPrice.amount, count = lines[index].quantity
            guard price >= 0, price <= Money.maximumAmount else {
                throw .invalid("lines[\(index)].price", "A list price must be between 0 and \(Money.maximumAmount).", code: "invalid_amount")
            }
            let (amount, overflow) = price.multipliedReportingOverflow(by: count)
            guard !overflow, amount <= Money.maximumAmount else {
                throw .invalid("lines[\(index)].quantity", "The line amount is too large.", code: "invalid_amount")
            }
            unitPrice.append(price)
            quantity.append(count)
            listAmount.append(amount)
            listTotal += amount
            skuKeys.append(KeyLine(key: lines[index].skuID, line: index))
            if let category = lines[index].categoryID { categoryKeys.append(KeyLine(key: category, line: index)) }
        }
        guard listTotal <= Money.maximumAmount else { throw .invalid("lines", "The cart total is too large.", code: "invalid_amount") }
        guard context.shippingFee >= 0, context.shippingFee <= Money.maximumAmount else {
            throw .invalid("shipping_fee", "Must be between 0 and \(Money.maximumAmount).", code: "invalid_amount")
        }
        Self.sortKeys(&skuKeys)
        Self.sortKeys(&categoryKeys)
        for key in skuKeys { skuFilter.insert(key.key) }
        for key in categoryKeys { categoryFilter.insert(key.key) }
        if let catalog, prefilter, promotionFilter == nil {
            try compileTouched(catalog)
        } else {
            try checkUniqueIDs()
            for index in context.promotions.indices {
                if let promotionFilter, !promotionFilter.contains(index) { continue }
                guard context.promotions[index].isUsable(at: context.now) else { continue }
                // One that touches no line cannot apply: skip it before any other work.
                if prefilter, !touches(context.promotions[index].rule) { continue }
                do {
                    try context.promotions[index].validateTerms()
                } catch {
                    throw Self.promotionError(error, index)
                }
                compile(index: index, prefilter: prefilter)
            }
        }
        // Rank order (ids are unique): an insertion sort in place, the list is short and
        // mostly in order already.
        for current in products.indices.dropFirst() {
            let candidate = products[current]
            var position = current
            while position > 0, Self.ranksBefore(candidate, products[position - 1]) {
                products[position] = products[position - 1]
                position -= 1
            }
            products[position] = candidate
        }
        for (index, coupon) in context.coupons.enumerated() {
            if let couponFilter, !couponFilter.contains(index) { continue }
            try compile(coupon, index: index, prefilter: prefilter)
        }
        coupons.sort { $0.id < $1.id }
    }

    /// The loop above with an index: the same promotions in the same order, validated alike
    /// (the rules were validated when the catalog was built), but only those the cart touches.
    private mutating func compileTouched(_ catalog: PromotionCatalog) throws(CommerceError) {
        if catalog.hasDuplicateIDs { try checkUniquePromotionIDs() }
        try checkUniqueCouponIDs()
        let candidates = catalog.candidates(for: cart)
        // A local reference: reading `context.promotions[index]` in this mutating method would
        // copy the whole promotion (retaining its name and rule) for every member read.
        let promotions = context.promotions, now = context.now
        for (word, bits) in candidates.enumerated() {
            var bits = bits
            while bits != 0 {
                let index = word << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                // Through a buffer pointer: a method call on `promotions[index]` copies the
                // promotion (retaining its name and rule) to call it.
                guard promotions.withUnsafeBufferPointer({ $0[index].isUsable(at: now) }) else { continue }
                if case .bundle(let rule) = catalog.promotions[index].rule, !touches(.bundle(rule)) { continue }
                do throws(CommerceError) {
                    try promotions.withUnsafeBufferPointer { (buffer) throws(CommerceError) in try buffer[index].validateLimits() }
                    if let error = catalog.ruleErrors[index] { throw error }
                } catch {
                    throw Self.promotionError(error, index)
                }
                compile(index: index, prefilter: true)
            }
        }
    }

    /// By key, then line: an insertion sort with plain comparisons (a cart's lines, appended in
    /// line order, so equal keys stay in line order).
    private static func sortKeys(_ keys: inout [KeyLine]) {
        for current in keys.indices.dropFirst() {
            let entry = keys[current]
            var position = current
            while position > 0, keys[position - 1].key > entry.key {
                keys[position] = keys[position - 1]
                position -= 1
            }
            keys[position] = entry
        }
    }

    private static func ranksBefore(_ lhs: ProductCandidate, _ rhs: ProductCandidate) -> Bool {
        lhs.priority != rhs.priority ? lhs.priority > rhs.priority : lhs.id < rhs.id
    }

    private static func promotionError(_ error: CommerceError, _ index: Int) -> CommerceError {
        CommerceError(code: error.code, field: "promotions[\(index)]." + (error.field ?? ""), message: error.message)
    }

    private func checkUniqueIDs() throws(CommerceError) {
        try checkUniquePromotionIDs()
        try checkUniqueCouponIDs()
    }

    private func checkUniquePromotionIDs() throws(CommerceError) {
        if context.promotions.count > 1 {
            let ids = context.promotions.map(\.id).sorted()
            for index in 1..<ids.count where ids[index] == ids[index - 1] {
                throw .invalid("promotions", "Promotion \(ids[index]) is listed twice.", code: "duplicate")
            }
        }
    }

    private func checkUniqueCouponIDs() throws(CommerceError) {
        if context.coupons.count > 1 {
            let ids = context.coupons.map(\.id).sorted()
            for index in 1..<ids.count where ids[index] == ids[index - 1] {
                throw .invalid("coupons", "Coupon \(ids[index]) is listed twice.", code: "duplicate")
            }
        }
    }

    // MARK: Compiling promotions

    private mutating func compile(index: Int, prefilter: Bool) {
        let promotions = context.promotions  // (see `compileTouched`)
        let budget = promotions[index].remainingBudget ?? Int64.max
        let id = promotions[index].id, exclusive = promotions[index].exclusive
        let start = lineIndex.count
        let itemStart = bundleItems.count
        var candidate = ProductCandidate(
            source: index, id: id, priority: promotions[index].priority, kind: .unitPrice, lines: start..<start,
            unitLimit: Int64.max, cap: budget, exclusive: exclusive)
        switch promotions[index].rule {
        case .specialPrice(let rule):
            for entry in rule.prices { markSKU(entry.skuID, belowPrice: entry.price) }
            candidate.lines = collectMarked(basisPoints: nil)
        case .flashSale(let rule):
            markSKU(rule.skuID, belowPrice: rule.price)
            candidate.lines = collectMarked(basisPoints: nil)
            candidate.unitLimit = max(0, context.flashAllowance[id] ?? 0)
        case .percentOff(let rule):
            candidate.kind = .percent(rule.percentOff.basisPoints)
            candidate.cap = min(budget, rule.cap ?? Int64.max)
            candidate.lines = appendLines(rule.scope, basisPoints: rule.percentOff.basisPoints)
        case .memberPrice(let rule):
            let percent = rule.percentOff(forTier: context.tier)
            candidate.kind = .percent(percent?.basisPoints ?? 0)
            if let percent { candidate.lines = appendLines(rule.scope, basisPoints: percent.basisPoints) }
        case .quantityDiscount(let rule):
            candidate.kind = .quantity(min: rule.minQuantity, basisPoints: rule.percentOff.basisPoints)
            candidate.lines = appendLines(rule.scope, basisPoints: rule.percentOff.basisPoints)
        case .buyXGetY(let rule):
            let bp = rule.percentOffOfGet.basisPoints
            candidate.kind = .buyGet(buy: rule.buy, get: rule.get, basisPoints: bp)
            candidate.lines = appendLines(rule.scope, basisPoints: bp)
            sortByPrice(candidate.lines)
        case .bundle(let rule):
            candidate.lines = appendBundle(rule)
            candidate.kind = .bundle(price: rule.price, items: itemStart..<bundleItems.count)
        case .thresholdReduction(let rule):
            let lines = appendLines(rule.scope, basisPoints: 0)
            let order = OrderCandidate(source: index, id: id, rule: rule, budget: budget, lines: lines, exclusive: exclusive)
            if !prefilter || order.reduction(for: sum(listAmount, over: lines)) > 0 { orders.append(order) } else { truncate(to: start) }
            return
        case .freeShipping(let rule):
            let lines = rule.scope.map { appendLines($0, basisPoints: 0) } ?? (start..<start)
            let scoped = rule.scope != nil && lines.count < lineCount
            let reachable = scoped ? sum(listAmount, over: lines) : listTotal
            let shipping = ShippingCandidate(
                source: index, id: id, threshold: rule.threshold, budget: budget, scoped: scoped, lines: lines,
                exclusive: exclusive, hasEligibleLine: rule.scope == nil || !lines.isEmpty)
            let useful = context.shippingFee > 0 && reachable >= rule.threshold && shipping.hasEligibleLine
            if !prefilter || useful { shippings.append(shipping) } else { truncate(to: start) }
            return
        }
        if prefilter {
            guard !candidate.lines.isEmpty, potential(candidate) else {
                truncate(to: start)
                bundleItems.removeLast(bundleItems.count - itemStart)
                return
            }
        }
        products.append(candidate)
    }

    /// Whether a product candidate could give anything in some combination. For special
    /// prices, flash sales, percents and quantity discounts fewer untaken units never give
    /// more, so pricing it alone decides; buy-X-get-Y and bundles can give more on fewer
    /// units (a cheaper unit taken by another promotion), so their upper bound decides.
    private func potential(_ candidate: ProductCandidate) -> Bool {
        switch candidate.kind {
        case .unitPrice:
            // Every listed line has a positive per-unit discount.
            return candidate.unitLimit > 0
        case .percent(let basisPoints):
            return candidate.lines.contains { percentOf(listAmount[lineIndex[$0]], basisPoints) > 0 }
        case .quantity(let minimum, let basisPoints):
            var units: Int64 = 0
            for position in candidate.lines { units += quantity[lineIndex[position]] }
            return units >= minimum && candidate.lines.contains { percentOf(listAmount[lineIndex[$0]], basisPoints) > 0 }
        case .buyGet(let buy, let get, let basisPoints):
            var units: Int64 = 0
            for position in candidate.lines { units += quantity[lineIndex[position]] }
            let free = units / (buy + get) * get
            guard free > 0 else { return false }
            return candidate.lines.contains { position in
                let line = lineIndex[position]
                return percentOf(min(quantity[line], free) * unitPrice[line], basisPoints) > 0
            }
        case .bundle(_, let items):
            for item in bundleItems[items] {
                var units: Int64 = 0
                for position in item.lines { units += quantity[lineIndex[position]] }
                if units < item.quantity { return false }
            }
            return candidate.lines.contains { lineBound[$0] > 0 }
        }
    }

    private mutating func compile(_ coupon: CouponTerms, index: Int, prefilter: Bool) throws(CommerceError) {
        do {
            try coupon.validate()
        } catch {
            throw CommerceError(code: error.code, field: "coupons[\(index)]." + (error.field ?? ""), message: error.message)
        }
        let start = lineIndex.count
        let lines = appendLines(coupon.scope, basisPoints: 0)
        let base = sum(listAmount, over: lines)
        if prefilter {
            if lines.isEmpty || coupon.discount.amount(for: base) == 0 {
                rejectedCoupons[coupon.id] = .notApplicable
            } else if base < coupon.threshold {
                rejectedCoupons[coupon.id] = .thresholdNotMet
            }
            if rejectedCoupons[coupon.id] != nil {
                truncate(to: start)
                return
            }
        }
        coupons.append(CouponCandidate(source: index, id: coupon.id, terms: coupon, lines: lines))
    }

}
