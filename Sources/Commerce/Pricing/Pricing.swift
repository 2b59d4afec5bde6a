/// The pure pricing step every order and quote goes through.
public enum Pricing {
    /// Most lines in one cart.
    public static let maxLines = 100

    /// Validates the cart and context and returns the lowest-total allowed combination of the
    /// context's promotions and coupons (see `PromotionEngine` and docs/promotions.md). With
    /// no promotions, coupons or shipping fee this is the cart at list price.
    public static func price(_ cart: Cart, context: PricingContext) throws(CommerceError) -> PricedCart {
        try validate(cart)
        if context.isListPriceOnly { return listPrice(cart) }
        return try PromotionEngine.bestPrice(cart, context: context)
    }

    /// `price(_:context:)` with the shop's promotions prepared ahead of time: `catalog` is built
    /// from `context.promotions` once per change of the promotion list and reused across calls
    /// (see `PromotionCatalog` for the contract). Same result; a catalog whose promotion ids
    /// differ from `context.promotions` is ignored.
    public static func price(_ cart: Cart, context: PricingContext, catalog: PromotionCatalog) throws(CommerceError) -> PricedCart {
        try validate(cart)
        if context.isListPriceOnly { return listPrice(cart) }
        return try PromotionEngine.bestPrice(cart, context: context, catalog: catalog)
    }

    /// The cart at list price, free shipping, no discounts (the cart must be valid).
    public static func listPrice(_ cart: Cart) -> PricedCart {
        let zero = Money.zero(cart.currency)
        var lines: [PricedLine] = []
        lines.reserveCapacity(cart.lines.count)
        var subtotal = zero
        for line in cart.lines {
            let lineSubtotal = line.listPrice * line.quantity
            subtotal = subtotal + lineSubtotal
            lines.append(PricedLine(line: line, subtotal: lineSubtotal, discount: zero, total: lineSubtotal, applied: []))
        }
        return PricedCart(lines: lines, subtotal: subtotal, discount: zero, shipping: zero, total: subtotal)
    }

    /// A cart needs 1…100 lines, each with 1…1,000,000 units, priced in the cart's currency.
    public static func validate(_ cart: Cart) throws(CommerceError) {
        guard !cart.lines.isEmpty else { throw .invalid("lines", "An order needs at least one line.", code: "required") }
        guard cart.lines.count <= maxLines else { throw .invalid("lines", "At most \(maxLines) lines.") }
        for (index, line) in cart.lines.enumerated() {
            guard line.quantity > 0, line.quantity <= StockRules.maxUnits else {
                throw .invalid("lines[\(index)].quantity", "Quantity must be between 1 and \(StockRules.maxUnits).", code: "invalid_quantity")
            }
            guard line.listPrice.currency == cart.currency else {
                throw CommerceError(code: "currency_mismatch", field: "lines[\(index)].sku", message: "SKU priced in \(line.listPrice.currency), cart in \(cart.currency).")
            }
        }
    }
}
