extension ProblemBuilder {
    // MARK: Scope look-ups

    func contains(_ key: Int64, in keys: [KeyLine], filter: IDFilter) -> Bool {
        guard filter.mayContain(key) else { return false }
        let position = lowerBound(key, in: keys)
        return position < keys.count && keys[position].key == key
    }

    func touches(_ scope: PromotionScope) -> Bool {
        if scope.all { return true }
        if scope.skuIDs.count + scope.categoryIDs.count > lineCount {
            return cart.lines.contains { scope.contains($0) }
        }
        return scope.skuIDs.contains { contains($0, in: skuKeys, filter: skuFilter) }
            || scope.categoryIDs.contains { contains($0, in: categoryKeys, filter: categoryFilter) }
    }

    /// Whether a rule has any eligible line in the cart (a bundle: every item).
    func touches(_ rule: PromotionRule) -> Bool {
        switch rule {
        case .specialPrice(let rule): rule.prices.contains { contains($0.skuID, in: skuKeys, filter: skuFilter) }
        case .flashSale(let rule): contains(rule.skuID, in: skuKeys, filter: skuFilter)
        case .bundle(let rule): rule.items.allSatisfy { contains($0.skuID, in: skuKeys, filter: skuFilter) }
        case .percentOff(let rule): touches(rule.scope)
        case .thresholdReduction(let rule): touches(rule.scope)
        case .quantityDiscount(let rule): touches(rule.scope)
        case .buyXGetY(let rule): touches(rule.scope)
        case .memberPrice(let rule): touches(rule.scope)
        case .freeShipping(let rule): rule.scope.map(touches) ?? true
        }
    }

    /// Appends the lines of `scope` in line order, with a per-unit bound of `ceil(price × bp / 10000)`.
    mutating func appendLines(_ scope: PromotionScope, basisPoints: Int64) -> Range<Int> {
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
        for id in scope.skuIDs { found = mark(id, in: skuKeys, filter: skuFilter) || found }
        for id in scope.categoryIDs { found = mark(id, in: categoryKeys, filter: categoryFilter) || found }
        guard found else { return start..<start }
        return collectMarked(basisPoints: basisPoints)
    }

    /// Marks the lines of a SKU whose list price is above `price` (a promotion never raises a
    /// price), noting the per-unit discount.
    mutating func markSKU(_ skuID: Int64, belowPrice price: Int64) {
        guard skuFilter.mayContain(skuID) else { return }
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

    mutating func mark(_ key: Int64, in keys: [KeyLine], filter: IDFilter) -> Bool {
        guard filter.mayContain(key) else { return false }
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
    mutating func collectMarked(basisPoints: Int64?) -> Range<Int> {
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

    func lowerBound(_ key: Int64, in keys: [KeyLine]) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func appendLine(_ line: Int, discount: Int64, bound: Int64) {
        lineIndex.append(line)
        lineDiscount.append(discount)
        lineBound.append(min(bound, unitPrice[line]))
    }

    mutating func truncate(to start: Int) {
        lineIndex.removeLast(lineIndex.count - start)
        lineDiscount.removeLast(lineDiscount.count - start)
        lineBound.removeLast(lineBound.count - start)
    }

    /// Orders a candidate's lines by unit price ascending, then line (cheapest units first).
    mutating func sortByPrice(_ range: Range<Int>) {
        guard range.count > 1 else { return }
        let entries = range.map { KeyLine(key: lineBound[$0], line: lineIndex[$0]) }
            .sorted { unitPrice[$0.line] != unitPrice[$1.line] ? unitPrice[$0.line] < unitPrice[$1.line] : $0.line < $1.line }
        for (offset, entry) in entries.enumerated() {
            lineIndex[range.lowerBound + offset] = entry.line
            lineBound[range.lowerBound + offset] = entry.key
        }
    }

    /// Appends each item's lines (in line order) and records the items. The per-unit bound is
    /// `ceil(price × (S − P) / S)` with S the dearest possible set at list price and P the bundle price.
    mutating func appendBundle(_ rule: BundleRule) -> Range<Int> {
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

    func percentOf(_ amount: Int64, _ basisPoints: Int64) -> Int64 {
        Allocation.multiplyDivide(amount, basisPoints, 10_000).0
    }

    func ceilPercent(_ price: Int64, _ basisPoints: Int64) -> Int64 {
        Saturating.ceilMultiplyDivide(price, basisPoints, 10_000)
    }
}
