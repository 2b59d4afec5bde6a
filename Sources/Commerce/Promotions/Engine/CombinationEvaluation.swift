extension PricingProblem {
    /// The evaluation of one combination, with every detail: step 1 applies the product
    /// candidates `products` in rank order to the units not yet taken, then `settle` runs
    /// steps 2–4. Builds the priced cart; its `combination` lists the members that applied.
    func evaluate(products productIndices: [Int], order: Int?, shipping: Int?, coupons couponIndices: [Int]) -> (PricedCart, productAmounts: [Int64]) {
        let ranked = productIndices.sorted()  // `products` is already in rank order
        var untaken = quantity
        var amounts = listAmount
        var scratch = TakeScratch(capacity: lineCount)
        // Every line's applied discounts, in order, collected flat and split per line at the end
        // (growing one small array per line costs an allocation per append).
        var applied: [(line: Int, discount: AppliedDiscount)] = []
        applied.reserveCapacity(3 * lineCount)
        var totals: [PromotionTotal] = []
        var flashUnits: [Int64: Int64] = [:]
        let currency = cart.currency
        for index in ranked {
            let candidate = products[index]
            let promotion = PromotionLabel(context.promotions, candidate.source)
            let saving = take(candidate, untaken: untaken, into: &scratch)
            guard saving > 0 else { continue }
            var units: Int64 = 0
            for entry in 0..<scratch.count {
                let line = scratch.lines[entry]
                untaken[line] -= scratch.units[entry]
                amounts[line] -= scratch.discounts[entry]
                units += scratch.units[entry]
                if scratch.discounts[entry] > 0 {
                    applied.append((line, AppliedDiscount(
                        promotionID: promotion.id, name: promotion.name, amount: Money(scratch.discounts[entry], currency), type: promotion.type)))
                }
            }
            totals.append(PromotionTotal(promotionID: promotion.id, name: promotion.name, type: promotion.type, amount: Money(saving, currency), units: units))
            if promotion.type == .flashSale { flashUnits[promotion.id] = units }
        }
        let settlement = settle(amounts, order: order, shipping: shipping, coupons: couponIndices)
        if let order, settlement.orderAmount > 0 {
            let promotion = PromotionLabel(context.promotions, orders[order].source)
            for line in 0..<lineCount where settlement.orderShares[line] > 0 {
                applied.append((line, AppliedDiscount(
                    promotionID: promotion.id, name: promotion.name, amount: Money(settlement.orderShares[line], currency), type: promotion.type)))
            }
            totals.append(PromotionTotal(promotionID: promotion.id, name: promotion.name, type: promotion.type, amount: Money(settlement.orderAmount, currency), units: 0))
        }
        var couponTotals: [CouponTotal] = []
        for (offset, index) in couponIndices.enumerated() where settlement.couponOutcomes[offset] == .applied {
            let coupon = coupons[index].terms
            for line in 0..<lineCount where settlement.couponShares[offset][line] > 0 {
                applied.append((line, AppliedDiscount(
                    promotionID: coupon.id, name: coupon.name, amount: Money(settlement.couponShares[offset][line], currency), source: .coupon)))
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
        for entry in applied { lineApplied[entry.line].append(entry.discount) }
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
