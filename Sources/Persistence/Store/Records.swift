import Commerce

/// Identifies the shop (tenant) every stored row belongs to.
public typealias ShopID = Int64

/// A shop's settings that every request needs.
public struct ShopInfo: Sendable, Equatable {
    public var id: ShopID
    public var name: String
    public var currency: Currency
    public var timeZone: String
    /// Base shipping fee per order in minor units (before free-shipping promotions).
    public var shippingFee: Int64

    public init(id: ShopID, name: String, currency: Currency, timeZone: String, shippingFee: Int64 = 0) {
        self.id = id
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.shippingFee = shippingFee
    }
}

/// Roles of API keys and dashboard users.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin, `operator`, analyst, service, viewer
    /// A storefront's write-only key: sends events and nothing else.
    case ingest
}

/// A stored API key, found by the hash of its secret.
public struct APIKeyRecord: Sendable, Equatable {
    public var id: Int64
    public var shopID: ShopID
    public var role: Role
    public var name: String

    public init(id: Int64, shopID: ShopID, role: Role, name: String) {
        self.id = id
        self.shopID = shopID
        self.role = role
        self.name = name
    }
}

/// A warehouse stock is kept in; lower priority numbers are drawn from first.
public struct Warehouse: Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var priority: Int64

    public init(id: Int64, code: String, name: String, priority: Int64) {
        self.id = id
        self.code = code
        self.name = name
        self.priority = priority
    }
}

/// Units an unpaid order holds of one SKU in one warehouse until its hold expires (or it is paid or cancelled).
public struct StockHold: Sendable, Equatable {
    public var orderID: Int64
    public var skuID: Int64
    public var skuCode: String
    public var warehouseID: Int64
    public var quantity: Int64
    public var expiresAt: Instant?

    public init(orderID: Int64, skuID: Int64, skuCode: String, warehouseID: Int64, quantity: Int64, expiresAt: Instant?) {
        self.orderID = orderID
        self.skuID = skuID
        self.skuCode = skuCode
        self.warehouseID = warehouseID
        self.quantity = quantity
        self.expiresAt = expiresAt
    }
}

/// A customer's basic record.
public struct Customer: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var phone: String?
    public var email: String?
    public var acquisitionChannel: String?
    public var createdAt: Instant

    public init(id: Int64, name: String, phone: String?, email: String?, acquisitionChannel: String?, createdAt: Instant) {
        self.id = id
        self.name = name
        self.phone = phone
        self.email = email
        self.acquisitionChannel = acquisitionChannel
        self.createdAt = createdAt
    }
}

/// A SKU with what pricing and listing need from its product.
public struct SKUListing: Sendable, Equatable {
    public var sku: SKU
    public var productTitle: String
    public var productStatus: ProductStatus
    public var categoryID: Int64?

    public init(sku: SKU, productTitle: String, productStatus: ProductStatus, categoryID: Int64?) {
        self.sku = sku
        self.productTitle = productTitle
        self.productStatus = productStatus
        self.categoryID = categoryID
    }
}

/// A recorded payment. Payments that could not be applied are kept for refund.
public struct Payment: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case succeeded
        /// Money received for an order that could not take it (cancelled, already paid, wrong amount).
        case refundPending = "refund_pending"
        case refunded
    }

    public var id: Int64
    public var orderID: Int64
    public var amount: Money
    public var status: Status
    public var source: String
    public var reference: String?
    public var createdAt: Instant

    public init(id: Int64, orderID: Int64, amount: Money, status: Status, source: String, reference: String?, createdAt: Instant) {
        self.id = id
        self.orderID = orderID
        self.amount = amount
        self.status = status
        self.source = source
        self.reference = reference
        self.createdAt = createdAt
    }
}

/// A refund recorded when a paid order is cancelled.
public struct Refund: Sendable, Equatable {
    public var id: Int64
    public var orderID: Int64
    public var amount: Money
    public var reason: String
    public var createdAt: Instant

    public init(id: Int64, orderID: Int64, amount: Money, reason: String, createdAt: Instant) {
        self.id = id
        self.orderID = orderID
        self.amount = amount
        self.reason = reason
        self.createdAt = createdAt
    }
}
