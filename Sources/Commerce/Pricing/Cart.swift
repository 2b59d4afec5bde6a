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
