/// A tier's benefits on a priced cart that promotions do not already cover: free shipping.
/// (Member prices are promotions of type `member_price` that read the tier from the context.)
public enum MemberBenefits {
    /// The cart with shipping waived when the tier ships free.
    public static func apply(_ tier: MemberTier?, to priced: PricedCart) -> PricedCart {
        guard let tier, tier.freeShipping, priced.shipping.amount > 0 else { return priced }
        var result = priced
        result.shippingDiscount = result.shippingDiscount + result.shipping
        result.total = result.total - result.shipping
        result.shipping = Money.zero(result.shipping.currency)
        return result
    }
}
