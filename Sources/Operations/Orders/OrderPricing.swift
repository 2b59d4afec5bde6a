import Commerce
import Persistence

/// Turns an order snapshot into a priced order with the promotion engine: the one pricing path
/// shared by orders and quotes, so a quote and the order that follows it agree.
struct OrderPricing: Sendable {
    let lines: [CreateOrder.Line]
    let customerID: Int64?
    let couponCode: String?
    let shop: ShopInfo
    let now: Instant
    let holdSeconds: Int64
    /// Quotes price without claiming: a shared coupon not yet claimed counts as claimable.
    let isQuote: Bool
    /// A flash-sale order: every unit must get this flash promotion's price, or nothing is written.
    var requiredFlash: (promotionID: Int64, units: Int64)? = nil
    /// The shop's prepared promotions, reused while its pricing version and live ids hold.
    var catalogs: PromotionCatalogCache? = nil
    /// Points to pay with (0: none).
    var points: Int64 = 0

    func price(_ snapshot: OrderSnapshot) throws -> PricedOrder {
        let cart = try OrderService.cart(lines: lines, listings: snapshot.listings, currency: shop.currency)
        let coupon = try usableCoupon(snapshot)
        let promotions = snapshot.promotions.map(\.promotion)
        let context = PricingContext(
            now: now, customerID: customerID, tier: snapshot.member?.tier.level, promotions: promotions,
            coupons: coupon.map { [$0.terms] } ?? [], shippingFee: shop.shippingFee, flashAllowance: flashAllowance(snapshot))
        let priced: PricedCart
        if let catalogs, !promotions.isEmpty {
            let catalog = catalogs.catalog(shop: shop.id, version: snapshot.pricingVersion, promotions: promotions)
            priced = try Pricing.price(cart, context: context, catalog: catalog)
        } else {
            priced = try Pricing.price(cart, context: context)
        }
        if let required = requiredFlash, (priced.flashUnits[required.promotionID] ?? 0) < required.units {
            throw Self.flashShortfall(required, snapshot: snapshot)
        }
        if let coupon, let unused = priced.unusedCoupons.first(where: { $0.couponID == coupon.id }), unused.reason != .betterWithout {
            throw Self.couponError(unused.reason)
        }
        var hold = holdSeconds
        for (promotionID, units) in priced.flashUnits where units > 0 {
            if case .flashSale(let flash)? = snapshot.promotions.first(where: { $0.id == promotionID })?.rule {
                hold = min(hold, flash.holdMinutes * 60)
            }
        }
        let redeems = priced.coupons.contains { $0.couponID == coupon?.id } ? snapshot.claim?.id : nil
        let paid = try withMembership(priced, snapshot.member)
        return PricedOrder(cart: paid, holdExpiresAt: now.adding(seconds: hold), redeemedClaimID: redeems)
    }

    /// The tier's free shipping, then the points asked for (after every discount, within the cap).
    func withMembership(_ priced: PricedCart, _ member: MemberStanding?) throws -> PricedCart {
        let shipped = MemberBenefits.apply(member?.tier, to: priced)
        guard points != 0 else { return shipped }
        guard let member else {
            throw OperationsError.invalid(code: "customer_required", field: "points", message: "Points are a customer's: give customer_id.")
        }
        return try PointsRedemption.apply(points, to: shipped, balance: member.points, program: member.program)
    }

    /// The requested coupon if the customer may use it now, or the reason they may not.
    func usableCoupon(_ snapshot: OrderSnapshot) throws -> CouponRecord? {
        guard let couponCode else { return nil }
        guard let coupon = snapshot.coupon else {
            throw OperationsError.unknownReference(code: "coupon_not_found", field: "coupon_code", message: "No coupon with code \(couponCode).")
        }
        if let claim = snapshot.claim {
            guard claim.status == .claimed else { throw Self.reject("already_used", "This coupon has been used.") }
            guard now >= claim.validFrom else { throw Self.reject("coupon_not_started", "This coupon is not valid yet.") }
            guard now < claim.validUntil else { throw Self.reject("coupon_expired", "This coupon has expired.") }
            return coupon
        }
        guard isQuote || customerID != nil else {
            throw OperationsError.invalid(code: "customer_required", field: "customer_id", message: "A coupon is used by a customer: give customer_id.")
        }
        if let startsAt = coupon.startsAt, now < startsAt { throw Self.reject("coupon_not_started", "This coupon is not valid yet.") }
        if let endsAt = coupon.endsAt, now >= endsAt { throw Self.reject("coupon_expired", "This coupon has expired.") }
        if let limit = coupon.totalLimit, coupon.issued >= limit { throw Self.reject("limit_reached", "All of this coupon has been issued.") }
        guard coupon.codeMode == .shared else { throw Self.reject("not_applicable", "Claim this coupon's code before using it.") }
        return coupon
    }

    /// Units the customer may still buy at each flash price: min(personal limit left, flash stock left).
    func flashAllowance(_ snapshot: OrderSnapshot) -> [Int64: Int64] {
        var allowance: [Int64: Int64] = [:]
        for record in snapshot.promotions {
            guard case .flashSale(let flash) = record.rule, let remaining = record.flashRemaining else { continue }
            guard customerID != nil || isQuote else { continue }
            let personal = flash.perCustomerLimit - (snapshot.flashPurchased[record.id] ?? 0)
            allowance[record.id] = max(0, min(personal, remaining))
        }
        return allowance
    }

    /// Why a flash order cannot get every unit at the flash price: stock gone, or the personal limit.
    func flashShortfall(_ required: (promotionID: Int64, units: Int64), snapshot: OrderSnapshot) -> OperationsError {
        Self.flashShortfall(required, snapshot: snapshot)
    }

    static func flashShortfall(_ required: (promotionID: Int64, units: Int64), snapshot: OrderSnapshot) -> OperationsError {
        let record = snapshot.promotions.first { $0.id == required.promotionID }
        guard let record, let remaining = record.flashRemaining else {
            return .conflict(code: "not_live", message: "This flash sale is not running now.")
        }
        if remaining < required.units {
            return .conflict(code: "sold_out", message: remaining == 0 ? "This flash sale is sold out." : "Only \(remaining) flash units are left.")
        }
        return .conflict(code: "limit_reached", message: "This customer has reached the flash sale's per-customer limit.")
    }

    static func couponError(_ reason: UnusedCouponReason) -> OperationsError {
        switch reason {
        case .thresholdNotMet: reject("threshold_not_met", "The order does not reach this coupon's threshold.")
        case .notCombinable: reject("not_applicable", "This coupon cannot be combined with the promotions of this order.")
        case .notApplicable, .betterWithout: reject("not_applicable", "This coupon does not apply to these items.")
        }
    }

    static func reject(_ code: String, _ message: String) -> OperationsError {
        .invalid(code: code, field: "coupon_code", message: message)
    }
}
