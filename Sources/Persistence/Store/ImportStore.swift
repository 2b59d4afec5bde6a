import Commerce

/// An order from another system, validated and in minor units of the shop's currency.
public struct ImportedOrder: Sendable, Equatable {
    /// The status an imported order ends in.
    public enum Outcome: String, Sendable {
        case paid, refunded, cancelled, pending
    }

    /// One line; `skuCode` nil when the source names no SKU.
    public struct Line: Sendable, Equatable {
        public var skuCode: String
        public var title: String
        public var quantity: Int64
        public var unitPrice: Int64
        public var discount: Int64

        public init(skuCode: String, title: String, quantity: Int64, unitPrice: Int64, discount: Int64) {
            self.skuCode = skuCode
            self.title = title
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.discount = discount
        }
    }

    /// The order's key in the source system (re-importing it is a no-op).
    public var externalID: String
    /// The customer's key in the source (an id or an email); nil for guest orders.
    public var customerKey: String?
    public var customerEmail: String?
    public var placedAt: Instant
    public var paidAt: Instant?
    public var outcome: Outcome
    public var lines: [Line]
    public var subtotal: Int64
    public var discount: Int64
    public var shipping: Int64
    public var total: Int64
    public var refunded: Int64
    public var refundedAt: Instant?

    public init(
        externalID: String, customerKey: String?, customerEmail: String?, placedAt: Instant, paidAt: Instant?, outcome: Outcome,
        lines: [Line], subtotal: Int64, discount: Int64, shipping: Int64, total: Int64, refunded: Int64, refundedAt: Instant?
    ) {
        self.externalID = externalID
        self.customerKey = customerKey
        self.customerEmail = customerEmail
        self.placedAt = placedAt
        self.paidAt = paidAt
        self.outcome = outcome
        self.lines = lines
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.total = total
        self.refunded = refunded
        self.refundedAt = refundedAt
    }
}

/// What an import did.
public struct ImportCounts: Sendable, Equatable {
    public var imported = 0
    /// Orders already imported earlier (same external id).
    public var existing = 0
    public var placeholderSKUs = 0
    public var customersCreated = 0

    public init() {}
}

/// Bulk history from other systems. Imported orders never touch stock: they are history.
public protocol ImportStore: Sendable {
    /// Stores the orders in one transaction: every order whole or, on error, none of the batch.
    /// Unknown SKU codes become placeholder SKUs of a delisted "Imported" product.
    func importOrders(_ shop: ShopID, _ orders: [ImportedOrder], currency: Currency, now: Instant) async throws -> ImportCounts
}
