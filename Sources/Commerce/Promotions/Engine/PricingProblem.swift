/// One pricing call compiled: the cart's lines as integer arrays and every promotion and
/// coupon that can take part, with its eligible lines in flat buffers. Building it is the
/// prefilter: promotions that are not live, have no uses or budget left, validate badly,
/// touch no line or cannot give anything even alone are left out (with `prefilter` off,
/// the selected ones are kept however useless, so a combination containing them is priced
/// and found not to apply).
struct PricingProblem {
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
    private var skuKeys: [(key: Int64, line: Int)] = []
    private var categoryKeys: [(key: Int64, line: Int)] = []
    private var marks: [Bool]
    private var markedDiscount: [Int64]

    /// - Parameters:
    ///   - promotionFilter: which promotions (by index) to consider; nil = all.
    ///   - couponFilter: which coupons (by index) to consider; nil = all.
    init(
        cart: Cart, context: PricingContext, prefilter: Bool = true,
        promotionFilter: Set<Int>? = nil, couponFilter: Set<Int>? = nil
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
        for (index, line) in cart.lines.enumerated() {
            guard line.listPrice.amount >= 0, line.listPrice.amount <= Money.maximumAmount else {
                throw .invalid("lines[\(index)].price", "A list price must be between 0 and \(Money.maximumAmount).", code: "invalid_amount")
            }
            let (amount, overflow) = line.listPrice.amount.multipliedReportingOverflow(by: line.quantity)
            guard !overflow, amount <= Money.maximumAmount else {
                throw .invalid("lines[\(index)].quantity", "The line amount is too large.", code: "invalid_amount")
            }
            unitPrice.append(line.listPrice.amount)
            quantity.append(line.quantity)
            listAmount.append(amount)
            listTotal += amount
            skuKeys.append((line.skuID, index))
            if let category = line.categoryID { categoryKeys.append((category, index)) }
        }
        guard listTotal <= Money.maximumAmount else { throw .invalid("lines", "The cart total is too large.", code: "invalid_amount") }
        guard context.shippingFee >= 0, context.shippingFee <= Money.maximumAmount else {
            throw .invalid("shipping_fee", "Must be between 0 and \(Money.maximumAmount).", code: "invalid_amount")
        }
        skuKeys.sort { $0.key != $1.key ? $0.key < $1.key : $0.line < $1.line }
        categoryKeys.sort { $0.key != $1.key ? $0.key < $1.key : $0.line < $1.line }
        try checkUniqueIDs()
        for (index, promotion) in context.promotions.enumerated() {
            if let promotionFilter, !promotionFilter.contains(index) { continue }
            guard promotion.isUsable(at: context.now) else { continue }
            do {
                try promotion.validateTerms()
            } catch {
                throw CommerceError(code: error.code, field: "promotions[\(index)]." + (error.field ?? ""), message: error.message)
            }
            compile(promotion, index: index, prefilter: prefilter)
        }
        products.sort { lhs, rhs in
            let left = context.promotions[lhs.source], right = context.promotions[rhs.source]
            return Promotion.ranks(left, before: right)
        }
        for (index, coupon) in context.coupons.enumerated() {
            if let couponFilter, !couponFilter.contains(index) { continue }
            try compile(coupon, index: index, prefilter: prefilter)
        }
        coupons.sort { $0.id < $1.id }
    }

    private func checkUniqueIDs() throws(CommerceError) {
        if context.promotions.count > 1 {
            let ids = context.promotions.map(\.id).sorted()
            for index in 1..<ids.count where ids[index] == ids[index - 1] {
                throw .invalid("promotions", "Promotion \(ids[index]) is listed twice.", code: "duplicate")
            }
        }
        if context.coupons.count > 1 {
            let ids = context.coupons.map(\.id).sorted()
            for index in 1..<ids.count where ids[index] == ids[index - 1] {
                throw .invalid("coupons", "Coupon \(ids[index]) is listed twice.", code: "duplicate")
            }
        }
    }

    // MARK: Compiling promotions

    private mutating func compile(_ promotion: Promotion, index: Int, prefilter: Bool) {
        let budget = promotion.remainingBudget ?? Int64.max
        let start = lineIndex.count
        let itemStart = bundleItems.count
        var candidate = ProductCandidate(
            source: index, id: promotion.id, kind: .unitPrice, lines: start..<start, unitLimit: Int64.max, cap: budget,
            exclusive: promotion.exclusive)
        switch promotion.rule {
        case .specialPrice(let rule):
            for entry in rule.prices { markSKU(entry.skuID, belowPrice: entry.price) }
            candidate.lines = collectMarked(basisPoints: nil)
        case .flashSale(let rule):
            markSKU(rule.skuID, belowPrice: rule.price)
            candidate.lines = collectMarked(basisPoints: nil)
            candidate.unitLimit = max(0, context.flashAllowance[promotion.id] ?? 0)
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
            let order = OrderCandidate(source: index, id: promotion.id, rule: rule, budget: budget, lines: lines, exclusive: promotion.exclusive)
            if !prefilter || order.reduction(for: sum(listAmount, over: lines)) > 0 { orders.append(order) } else { truncate(to: start) }
            return
        case .freeShipping(let rule):
            let lines = rule.scope.map { appendLines($0, basisPoints: 0) } ?? (start..<start)
            let scoped = rule.scope != nil && lines.count < lineCount
            let reachable = scoped ? sum(listAmount, over: lines) : listTotal
            let shipping = ShippingCandidate(
                source: index, id: promotion.id, threshold: rule.threshold, budget: budget, scoped: scoped, lines: lines,
                exclusive: promotion.exclusive, hasEligibleLine: rule.scope == nil || !lines.isEmpty)
            let useful = context.shippingFee > 0 && reachable >= rule.threshold && shipping.hasEligibleLine
            if !prefilter || useful { shippings.append(shipping) } else { truncate(to: start) }
            return
        }
        if prefilter {
            guard !candidate.lines.isEmpty, potential(candidate) else {
                truncate(to: start)
                bundleItems.removeSubrange(itemStart...)
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
        case .unitPrice, .percent, .quantity:
            var scratch = TakeScratch(capacity: candidate.lines.count)
            return take(candidate, untaken: quantity, into: &scratch) > 0
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

    // MARK: Scope look-ups

    /// Appends the lines of `scope` in line order, with a per-unit bound of `ceil(price × bp / 10000)`.
    private mutating func appendLines(_ scope: PromotionScope, basisPoints: Int64) -> Range<Int> {
        let start = lineIndex.count
        if scope.all {
            for line in 0..<lineCount { appendLine(line, discount: 0, bound: ceilPercent(unitPrice[line], basisPoints)) }
            return start..<lineIndex.count
        }
        if scope.skuIDs.count + scope.categoryIDs.count > lineCount {
            for line in 0..<lineCount where scope.contains(cart.lines[line]) {
                appendLine(line, discount: 0, bound: ceilPercent(unitPrice[line], basisPoints))
            }
            return start..<lineIndex.count
        }
        var found = false
        for id in scope.skuIDs { found = mark(id, in: skuKeys) || found }
        for id in scope.categoryIDs { found = mark(id, in: categoryKeys) || found }
        guard found else { return start..<start }
        return collectMarked(basisPoints: basisPoints)
    }

    /// Marks the lines of a SKU whose list price is above `price` (a promotion never raises a
    /// price), noting the per-unit discount.
    private mutating func markSKU(_ skuID: Int64, belowPrice price: Int64) {
        var position = lowerBound(skuID, in: skuKeys)
        while position < skuKeys.count, skuKeys[position].key == skuID {
            let line = skuKeys[position].line
            if price < unitPrice[line] {
                marks[line] = true
                markedDiscount[line] = unitPrice[line] - price
            }
            position += 1
        }
    }

    private mutating func mark(_ key: Int64, in keys: [(key: Int64, line: Int)]) -> Bool {
        var position = lowerBound(key, in: keys)
        var found = false
        while position < keys.count, keys[position].key == key {
            marks[keys[position].line] = true
            found = true
            position += 1
        }
        return found
    }

    /// Appends the marked lines in line order and clears the marks. Without `basisPoints`
    /// (unit-price kinds) the noted per-unit discount is also the bound.
    private mutating func collectMarked(basisPoints: Int64?) -> Range<Int> {
        let start = lineIndex.count
        for line in 0..<lineCount where marks[line] {
            marks[line] = false
            if let basisPoints {
                appendLine(line, discount: 0, bound: ceilPercent(unitPrice[line], basisPoints))
            } else {
                appendLine(line, discount: markedDiscount[line], bound: markedDiscount[line])
            }
        }
        return start..<lineIndex.count
    }

    private func lowerBound(_ key: Int64, in keys: [(key: Int64, line: Int)]) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private mutating func appendLine(_ line: Int, discount: Int64, bound: Int64) {
        lineIndex.append(line)
        lineDiscount.append(discount)
        lineBound.append(min(bound, unitPrice[line]))
    }

    private mutating func truncate(to start: Int) {
        lineIndex.removeSubrange(start...)
        lineDiscount.removeSubrange(start...)
        lineBound.removeSubrange(start...)
    }

    /// Orders a candidate's lines by unit price ascending, then line (cheapest units first).
    private mutating func sortByPrice(_ range: Range<Int>) {
        guard range.count > 1 else { return }
        let entries = range.map { (lineIndex[$0], lineBound[$0]) }
            .sorted { unitPrice[$0.0] != unitPrice[$1.0] ? unitPrice[$0.0] < unitPrice[$1.0] : $0.0 < $1.0 }
        for (offset, entry) in entries.enumerated() {
            lineIndex[range.lowerBound + offset] = entry.0
            lineBound[range.lowerBound + offset] = entry.1
        }
    }

    /// Appends each item's lines (in line order) and records the items. The per-unit bound is
    /// `ceil(price × (S − P) / S)` with S the dearest possible set at list price and P the bundle price.
    private mutating func appendBundle(_ rule: BundleRule) -> Range<Int> {
        let start = lineIndex.count
        var dearestSet: Int64 = 0
        for item in rule.items {
            let itemStart = lineIndex.count
            var position = lowerBound(item.skuID, in: skuKeys)
            var dearest: Int64 = 0
            while position < skuKeys.count, skuKeys[position].key == item.skuID {
                let line = skuKeys[position].line
                appendLine(line, discount: 0, bound: 0)
                dearest = max(dearest, unitPrice[line])
                position += 1
            }
            bundleItems.append(BundleItem(quantity: item.quantity, lines: itemStart..<lineIndex.count))
            dearestSet = Saturating.add(dearestSet, Saturating.multiply(dearest, item.quantity))
        }
        let saving = dearestSet - rule.price
        for position in start..<lineIndex.count {
            let price = unitPrice[lineIndex[position]]
            lineBound[position] = saving > 0 ? Saturating.ceilMultiplyDivide(price, saving, dearestSet) : 0
        }
        return start..<lineIndex.count
    }

    func sum(_ values: [Int64], over range: Range<Int>) -> Int64 {
        var total: Int64 = 0
        for position in range { total += values[lineIndex[position]] }
        return total
    }

    private func ceilPercent(_ price: Int64, _ basisPoints: Int64) -> Int64 {
        Saturating.ceilMultiplyDivide(price, basisPoints, 10_000)
    }
}

/// Overflow-free helpers for amounts that an absurd input could push past Int64.
enum Saturating {
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int64.max : value
    }

    static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int64.max : value
    }

    /// ceil(a × b / c) for non-negative a, b and positive c; saturates unless b ≤ c.
    static func ceilMultiplyDivide(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        guard b <= c else { return Int64.max }
        let product = a.multipliedFullWidth(by: b)
        let (quotient, remainder) = c.dividingFullWidth(product)
        return remainder > 0 ? quotient + 1 : quotient
    }
}
