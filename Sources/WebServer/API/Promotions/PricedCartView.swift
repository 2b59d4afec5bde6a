import Commerce

/// One discount on a line: the promotion (`promo_…`) or coupon (`cpn_…`) and what it took off.
struct AppliedView: Encodable, Sendable {
    let promotionId: String
    let name: String
    let amount: Money
    let source: DiscountSource

    enum CodingKeys: String, CodingKey {
        case name, amount, source
        case promotionId = "promotion_id"
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
struct PricedCartView: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let sku: String
        let quantity: Int64
        let unitPrice: Money
        let subtotal: Money
        let discount: Money
        let total: Money
        let applied: [AppliedView]

        enum CodingKeys: String, CodingKey {
            case sku, quantity, subtotal, discount, total, applied
            case unitPrice = "unit_price"
        }
    }

    struct Used: Encodable, Sendable {
        let id: String
        let name: String
        let amount: Money
    }

    struct Unused: Encodable, Sendable {
        let couponId: String
        let reason: UnusedCouponReason

        enum CodingKeys: String, CodingKey {
            case reason
            case couponId = "coupon_id"
        }
    }

    let subtotal: Money
    let discount: Money
    let shipping: Money
    let total: Money
    let lines: [Line]
    let promotions: [Used]
    let coupons: [Used]
    let unusedCoupons: [Unused]
    let pointsRedeemed: Int64

    enum CodingKeys: String, CodingKey {
        case subtotal, discount, shipping, total, lines, promotions, coupons
        case unusedCoupons = "unused_coupons", pointsRedeemed = "points_redeemed"
    }

    init(_ cart: PricedCart) {
        subtotal = cart.subtotal
        discount = cart.discount
        shipping = cart.shipping
        total = cart.total
        pointsRedeemed = cart.pointsRedeemed
        lines = cart.lines.map {
            Line(sku: $0.line.skuCode, quantity: $0.line.quantity, unitPrice: $0.line.listPrice, subtotal: $0.subtotal,
                 discount: $0.discount, total: $0.total, applied: $0.applied.map(AppliedView.init))
        }
        promotions = cart.promotions.map { Used(id: IDPrefix.promotion.format($0.promotionID), name: $0.name, amount: $0.amount) }
        coupons = cart.coupons.map { Used(id: IDPrefix.coupon.format($0.couponID), name: $0.name, amount: $0.amount) }
        unusedCoupons = cart.unusedCoupons.map { Unused(couponId: IDPrefix.coupon.format($0.couponID), reason: $0.reason) }
    }
}
