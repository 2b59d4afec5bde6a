/// Where a line discount comes from.
public enum DiscountSource: String, Sendable, Hashable, Codable {
    case promotion
    case coupon
    /// Points paid at checkout (`promotionID` 0).
    case points
}

/// A named discount applied to a line. `promotionID` is the coupon's id when `source` is `.coupon`.
public struct AppliedDiscount: Sendable, Equatable {
    public var promotionID: Int64
    public var name: String
    public var amount: Money
    public var source: DiscountSource
    /// The promotion's type (nil for coupons).
    public var type: PromotionType?

    public init(promotionID: Int64, name: String, amount: Money, source: DiscountSource = .promotion, type: PromotionType? = nil) {
        self.promotionID = promotionID
        self.name = name
        self.amount = amount
        self.source = source
        self.type = type
    }
}

/// A priced line: list price × quantity, less its discounts. `applied` sums to `discount`.
public struct PricedLine: Sendable, Equatable {
    public var line: CartLine
    public var subtotal: Money
    public var discount: Money
    public var total: Money
    public var applied: [AppliedDiscount]

    public init(line: CartLine, subtotal: Money, discount: Money, total: Money, applied: [AppliedDiscount]) {
        self.line = line
        self.subtotal = subtotal
        self.discount = discount
        self.total = total
        self.applied = applied
    }
}

/// What one promotion gave in a priced cart: the amount counts against its budget.
public struct PromotionTotal: Sendable, Equatable {
    public var promotionID: Int64
    public var name: String
    public var type: PromotionType
    /// Goods discount, or the shipping waived for free shipping.
    public var amount: Money
    /// Units taken by a product promotion (0 for order and shipping promotions).
    public var units: Int64

    public init(promotionID: Int64, name: String, type: PromotionType, amount: Money, units: Int64) {
        self.promotionID = promotionID
        self.name = name
        self.type = type
        self.amount = amount
        self.units = units
    }
}

/// A coupon used in a priced cart and what it took off.
public struct CouponTotal: Sendable, Equatable {
    public var couponID: Int64
    public var name: String
    public var amount: Money

    public init(couponID: Int64, name: String, amount: Money) {
        self.couponID = couponID
        self.name = name
        self.amount = amount
    }
}

/// Why a candidate coupon was not used (wire names in snake_case).
public enum UnusedCouponReason: String, Sendable, Hashable, Codable {
    /// No line in its scope, or nothing to take off.
    case notApplicable = "not_applicable"
    /// Its base does not reach its threshold (at list price, or after the chosen discounts).
    case thresholdNotMet = "threshold_not_met"
    /// The chosen combination has something it may not be combined with (another
    /// non-stacking coupon, an exclusive promotion, a promotion class outside its `combinesWith`).
    case notCombinable = "not_combinable"
    /// It could be used, but the best total is lower without it.
    case betterWithout = "better_without"
}

public struct UnusedCoupon: Sendable, Equatable {
    public var couponID: Int64
    public var reason: UnusedCouponReason

    public init(couponID: Int64, reason: UnusedCouponReason) {
        self.couponID = couponID
        self.reason = reason
    }
}

/// The result of pricing: per-line amounts and totals. total = subtotal − discount + shipping ≥ 0.
/// `discount` is the goods discount (product, order and coupon); `shippingDiscount` is the
/// part of the base shipping fee waived, so shipping = fee − shippingDiscount.
public struct PricedCart: Sendable, Equatable {
    public var lines: [PricedLine]
    public var subtotal: Money
    public var discount: Money
    public var shipping: Money
    public var total: Money
    public var shippingDiscount: Money
    /// The promotions and coupons used (the best combination).
    public var combination: PromotionCombination
    /// Per promotion used: its amount (for budgets and reviews) and units; product promotions
    /// in rank order, then the order-class, then the shipping-class promotion.
    public var promotions: [PromotionTotal]
    /// Per coupon used, ascending id: its amount.
    public var coupons: [CouponTotal]
    /// Candidate coupons not used, ascending id, with the reason.
    public var unusedCoupons: [UnusedCoupon]
    /// Units sold at the flash price per flash-sale promotion id (to deduct from flash stock and limits).
    public var flashUnits: [Int64: Int64]
    /// Points used to pay part of the goods (see `PointsRedemption`).
    public var pointsRedeemed: Int64 = 0

    public init(
        lines: [PricedLine], subtotal: Money, discount: Money, shipping: Money, total: Money,
        shippingDiscount: Money? = nil, combination: PromotionCombination = .none, promotions: [PromotionTotal] = [],
        coupons: [CouponTotal] = [], unusedCoupons: [UnusedCoupon] = [], flashUnits: [Int64: Int64] = [:]
    ) {
        self.lines = lines
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.total = total
        self.shippingDiscount = shippingDiscount ?? Money.zero(total.currency)
        self.combination = combination
        self.promotions = promotions
        self.coupons = coupons
        self.unusedCoupons = unusedCoupons
        self.flashUnits = flashUnits
    }
}
