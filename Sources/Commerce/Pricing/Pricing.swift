/// A line to price: a SKU at its list price and a quantity.
public struct CartLine: Sendable, Equatable {
    public var skuID: Int64
    public var skuCode: String
    public var title: String
    public var quantity: Int64
    public var listPrice: Money
    public var categoryID: Int64?

    public init(skuID: Int64, skuCode: String, title: String, quantity: Int64, listPrice: Money, categoryID: Int64? = nil) {
        self.skuID = skuID
        self.skuCode = skuCode
        self.title = title
        self.quantity = quantity
        self.listPrice = listPrice
        self.categoryID = categoryID
    }
}

/// What to price.
public struct Cart: Sendable, Equatable {
    public var lines: [CartLine]
    public var currency: Currency

    public init(lines: [CartLine], currency: Currency) {
        self.lines = lines
        self.currency = currency
    }
}

/// Everything outside the cart that affects its price. Promotions, tiers and coupons extend it.
public struct PricingContext: Sendable, Equatable {
    public var now: Instant
    public var customerID: Int64?

    public init(now: Instant, customerID: Int64? = nil) {
        self.now = now
        self.customerID = customerID
    }
}

/// A named discount applied to a line.
public struct AppliedDiscount: Sendable, Equatable {
    public var promotionID: Int64
    public var name: String
    public var amount: Money

    public init(promotionID: Int64, name: String, amount: Money) {
        self.promotionID = promotionID
        self.name = name
        self.amount = amount
    }
}

/// A priced line: list price × quantity, less its discounts.
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

/// The result of pricing: per-line amounts and totals. total = subtotal − discount + shipping ≥ 0.
public struct PricedCart: Sendable, Equatable {
    public var lines: [PricedLine]
    public var subtotal: Money
    public var discount: Money
    public var shipping: Money
    public var total: Money

    public init(lines: [PricedLine], subtotal: Money, discount: Money, shipping: Money, total: Money) {
        self.lines = lines
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.total = total
    }
}

/// The pure pricing step every order and quote goes through.
public enum Pricing {
    /// Most lines in one cart.
    public static let maxLines = 100

    /// Validates quantities and prices the cart at list price. Promotions plug in here.
    public static func price(_ cart: Cart, context: PricingContext) throws(CommerceError) -> PricedCart {
        try validate(cart)
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
