/// Everything outside the cart that affects its price: the time, the customer's tier, the
/// promotions and coupons to consider, the base shipping fee and flash-sale allowances.
/// `PricingContext(now:customerID:)` alone prices at list price with free shipping.
public struct PricingContext: Sendable, Equatable {
    public var now: Instant
    public var customerID: Int64?
    /// Membership tier (会员等级) for member prices; nil = not a member.
    public var tier: Int?
    /// Candidate promotions (the caller may pass all of the shop's; only live, usable and
    /// applicable ones take part). Ids must be unique.
    public var promotions: [Promotion]
    /// Coupons the customer holds and may use on this order (candidates; the best
    /// combination decides which are used). Ids must be unique.
    public var coupons: [CouponTerms]
    /// Base shipping fee in minor units (before free shipping).
    public var shippingFee: Int64
    /// Per flash-sale promotion id: units the customer may still buy at the flash price
    /// = min(remaining personal limit, remaining flash stock). Missing = 0.
    public var flashAllowance: [Int64: Int64]

    public init(
        now: Instant, customerID: Int64? = nil, tier: Int? = nil, promotions: [Promotion] = [], coupons: [CouponTerms] = [],
        shippingFee: Int64 = 0, flashAllowance: [Int64: Int64] = [:]
    ) {
        self.now = now
        self.customerID = customerID
        self.tier = tier
        self.promotions = promotions
        self.coupons = coupons
        self.shippingFee = shippingFee
        self.flashAllowance = flashAllowance
    }

    /// True when nothing but list prices can apply (the fast path of `Pricing.price`).
    public var isListPriceOnly: Bool { promotions.isEmpty && coupons.isEmpty && shippingFee == 0 }
}
