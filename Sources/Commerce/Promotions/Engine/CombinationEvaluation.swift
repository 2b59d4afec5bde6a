extension PricingProblem {
    /// The evaluation of one combination, with every detail: step 1 applies the product
    /// candidates `products` in rank order to the units not yet taken, then `settle` runs
    /// steps 2–4. Builds the priced cart; its `combination` lists the members that applied.
    func evaluate(products productIndices: [Int], order: Int?, shipping: Int?, coupons couponIndices: [Int]) -> (PricedCart, productAmounts: [Int64]) {
        let ranked = productIndices.sorted()  // `products` is already in rank order
        var untaken = quantity
        var amounts = listAmount
        var scratch = TakeScratch(capacity: lineCount)
        // Every line's applied discounts, in order, collected flat as plain data (line, label,
        // amount) and made into `AppliedDiscount`s once, per line, at the end: growing one small
        // array per line costs an allocation per append, and copying a discount retains its name.
        var applied: [(line: Int, label: Int, amount: Int64)] = []
        applied.reserveCapacity(3 * lineCount)
        var labels: [DiscountLabel] = []
        labels.reserveCapacity(ranked.count + 2 + couponIndices.count)
        var totals: [PromotionTotal] = []
        totals.reserveCapacity(ranked.count + 2)
        var flashUnits: [Int64: Int64] = [:]
        let currency = cart.currency
        for index in ranked {
            let candidate = products[index]
            let saving = take(candidate, untaken: untaken, into: &scratch)
            guard saving > 0 else { continue }
            let promotion = PromotionLabel(context.promotions, candidate.source)
            let label = labels.count
            labels.append(DiscountLabel(id: promotion.id, name: promotion.name, source: .promotion, type: promotion.type))
            var units: Int64 = 0
            for entry in 0..<scratch.count {
                let line = scratch.line(entry)
                untaken[line] -= scratch.units[entry]
                amounts[line] -= scratch.discounts[entry]
                units += scratch.units[entry]
                if scratch.discounts[entry] > 0 { applied.append((line, label, scratch.discounts[entry])) }
            }
            totals.append(PromotionTotal(promotionID: promotion.id, name: promotion.name, type: promotion.type, amount: Money(saving, currency), units: units))
            if promotion.type == .flashSale { flashUnits[promotion.id] = units }
        }
        let settlement = settle(amounts, order: order, shipping: shipping, coupons: couponIndices)
        if let order, settlement.orderAmount > 0 {
            let promotion = PromotionLabel(context.promotions, orders[order].source)
            let label = labels.count
            labels.append(DiscountLabel(id: promotion.id, name: promotion.name, source: .promotion, type: promotion.type))
            for line in 0..<lineCount where settlement.orderShares[line] > 0 { applied.append((line, label, settlement.orderShares[line])) }
            totals.append(PromotionTotal(promotionID: promotion.id, name: promotion.name, type: promotion.type, amount: Money(settlement.orderAmount, currency), units: 0))
        }
        var couponTotals: [CouponTotal] = []
        couponTotals.reserveCapacity(couponIndices.count)
        for (offset, index) in couponIndices.enumerated() where settlement.couponOutcomes[offset] == .applied {
            let coupon = coupons[index].terms
            let label = labels.count
            labels.append(DiscountLabel(id: coupon.id, name: coupon.name, source: .coupon, type: nil))
            for line in 0..<lineCount where settlement.couponShares[offset][line] > 0 {
                applied.append((line, label, settlement.couponShares[offset][line]))
            }
            couponTotals.append(CouponTotal(couponID: coupon.id, name: coupon.name, amount: Money(settlement.couponAmounts[offset], currency)))
        }
        if let shipping, settlement.shippingSaving > 0 {
            let promotion = PromotionLabel(context.promotions, shippings[shipping].source)
            totals.append(PromotionTotal(promotionID: promotion.id, name: promotion.name, type: promotion.type, amount: Money(settlement.shippingSaving, currency), units: 0))
        }
        var appliedCount = Array(repeating: 0, count: lineCount)
        for entry in applied { appliedCount[entry.line] += 1 }
        var lineApplied: [[AppliedDiscount]] = appliedCount.map { count in
            var list: [AppliedDiscount] = []
            list.reserveCapacity(count)
            return list
        }
        for entry in applied {
            let label = labels[entry.label]
            lineApplied[entry.line].append(AppliedDiscount(
                promotionID: label.id, name: label.name, amount: Money(entry.amount, currency), source: label.source, type: label.type))
        }
        var lines: [PricedLine] = []
        lines.reserveCapacity(lineCount)
        for line in 0..<lineCount {
            let discount = listAmount[line] - settlement.finalAmounts[line]
            lines.append(PricedLine(
                line: cart.lines[line], subtotal: Money(listAmount[line], currency), discount: Money(discount, currency),
                total: Money(settlement.finalAmounts[line], currency), applied: lineApplied[line]))
        }
        let shippingCharged = context.shippingFee - settlement.shippingSaving
        let combination = PromotionCombination(promotionIDs: totals.map(\.promotionID), couponIDs: couponTotals.map(\.couponID))
        let priced = PricedCart(
            lines: lines, subtotal: Money(listTotal, currency), discount: Money(listTotal - settlement.goods, currency),
            shipping: Money(shippingCharged, currency), total: Money(settlement.total, currency),
            shippingDiscount: Money(settlement.shippingSaving, currency), combination: combination, promotions: totals,
            coupons: couponTotals, unusedCoupons: [], flashUnits: flashUnits)
        return (priced, amounts)
    }
}

/// Who gave a discount, once per promotion or coupon (the per-line entries point to it).
private struct DiscountLabel {
    let id: Int64
    let name: String
    let source: DiscountSource
    let type: PromotionType?
}

/// What a priced cart says about a promotion (without copying the whole promotion).
private struct PromotionLabel {
    let id: Int64
    let name: String
    let type: PromotionType

    init(_ promotions: [Promotion], _ index: Int) {
        id = promotions[index].id
        name = promotions[index].name
        type = promotions[index].rule.type
    }
}
