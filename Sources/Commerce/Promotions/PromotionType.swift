/// The kinds of promotion Yunying runs (wire names in snake_case). See docs/promotions.md.
public enum PromotionType: String, Codable, Sendable, CaseIterable, Hashable {
    /// 直降: a lowered unit price per SKU.
    case specialPrice = "special_price"
    /// 折扣: percent off eligible units ("8折" = 20 % off), optionally capped.
    case percentOff = "percent_off"
    /// 满减 / 每满减: an amount off the eligible subtotal, by tiers or repeating.
    case thresholdReduction = "threshold_reduction"
    /// 满件折: percent off when enough eligible units are bought ("满3件8折").
    case quantityDiscount = "quantity_discount"
    /// 买X送Y / 第二件半价.
    case buyXGetY = "buy_x_get_y"
    /// 组合价: a fixed price for a set of SKUs.
    case bundle
    /// 会员价: percent off by membership tier.
    case memberPrice = "member_price"
    /// 包邮: shipping waived above a threshold.
    case freeShipping = "free_shipping"
    /// 秒杀: a flash price on one SKU with dedicated stock and a per-customer limit.
    case flashSale = "flash_sale"

    /// Where the promotion acts: on units, on the order subtotal, or on shipping.
    public var promotionClass: PromotionClass {
        switch self {
        case .specialPrice, .percentOff, .quantityDiscount, .buyXGetY, .bundle, .memberPrice, .flashSale: .product
        case .thresholdReduction: .order
        case .freeShipping: .shipping
        }
    }
}

/// The stacking class of a promotion: at most one product promotion per unit, at most one
/// order-class and one shipping-class promotion per cart.
public enum PromotionClass: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    case product
    case order
    case shipping

    public static func < (lhs: PromotionClass, rhs: PromotionClass) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
