import Commerce

/// One discount on a line: the promotion (`promo_…`) or coupon (`cpn_…`) and what it took off.
struct AppliedView: JSONWritable {
    let promotionId: String
    let name: String
    let amount: Money
    let source: DiscountSource

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("amount", amount)
            json.field("name", name)
            json.field("promotion_id", promotionId)
            json.field("source", source.rawValue)
        }
    }

    init(_ applied: AppliedDiscount) {
        promotionId = switch applied.source {
        case .coupon: IDPrefix.coupon.format(applied.promotionID)
        case .promotion: IDPrefix.promotion.format(applied.promotionID)
        case .points: "points"
        }
        name = applied.name
        amount = applied.amount
        source = applied.source
    }
}

/// A quote: totals, per-line breakdown, the promotions and coupons used and coupons left unused.
struct PricedCartView: JSONWritable {
    struct Used: JSONWritable {
        let id: String
        let name: String
        let amount: Money

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("amount", amount)
                json.field("id", id)
                json.field("name", name)
            }
        }
    }

    struct Unused: JSONWritable {
        let couponId: String
        let reason: UnusedCouponReason

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("coupon_id", couponId)
                json.field("reason", reason.rawValue)
            }
        }
    }

    let subtotal: Money
    let discount: Money
    let shipping: Money
    let total: Money
    let lines: [LineView]
    let promotions: [Used]
    let coupons: [Used]
    let unusedCoupons: [Unused]
    let pointsRedeemed: Int64

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("coupons", coupons)
            json.field("discount", discount)
            json.field("lines", lines)
            json.field("points_redeemed", pointsRedeemed)
            json.field("promotions", promotions)
            json.field("shipping", shipping)
            json.field("subtotal", subtotal)
            json.field("total", total)
            json.field("unused_coupons", unusedCoupons)
        }
    }

    init(_ cart: PricedCart) {
        subtotal = cart.subtotal
        discount = cart.discount
        shipping = cart.shipping
        total = cart.total
        pointsRedeemed = cart.pointsRedeemed
        lines = cart.lines.map {
            LineView(sku: $0.line.skuCode, quantity: $0.line.quantity, unitPrice: $0.line.listPrice, subtotal: $0.subtotal,
                     discount: $0.discount, total: $0.total, applied: $0.applied.map(AppliedView.init))
        }
        promotions = cart.promotions.map { Used(id: IDPrefix.promotion.format($0.promotionID), name: $0.name, amount: $0.amount) }
        coupons = cart.coupons.map { Used(id: IDPrefix.coupon.format($0.couponID), name: $0.name, amount: $0.amount) }
        unusedCoupons = cart.unusedCoupons.map { Unused(couponId: IDPrefix.coupon.format($0.couponID), reason: $0.reason) }
    }
}
