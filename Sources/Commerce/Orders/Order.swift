/// A shipping address, stored as given.
public struct Address: Sendable, Equatable, Codable {
    private enum CodingKeys: String, CodingKey {
        case name, phone, country, province, city, district, line1, line2
        case postalCode = "postal_code"
    }

    public var name: String?
    public var phone: String?
    public var country: String?
    public var province: String?
    public var city: String?
    public var district: String?
    public var line1: String?
    public var line2: String?
    public var postalCode: String?

    public init(
        name: String? = nil, phone: String? = nil, country: String? = nil, province: String? = nil,
        city: String? = nil, district: String? = nil, line1: String? = nil, line2: String? = nil,
        postalCode: String? = nil
    ) {
        self.name = name
        self.phone = phone
        self.country = country
        self.province = province
        self.city = city
        self.district = district
        self.line1 = line1
        self.line2 = line2
        self.postalCode = postalCode
    }
}

/// One line of an order with its priced amounts (all in minor units).
public struct OrderLine: Sendable, Equatable {
    public var skuID: Int64
    public var skuCode: String
    public var title: String
    public var quantity: Int64
    public var unitPrice: Money
    /// This line's share of every discount (product-level and allocated order-level).
    public var discount: Money
    public var total: Money
    /// The discounts that make up `discount`, by promotion or coupon.
    public var applied: [AppliedDiscount]

    public init(
        skuID: Int64, skuCode: String, title: String, quantity: Int64, unitPrice: Money, discount: Money, total: Money,
        applied: [AppliedDiscount] = []
    ) {
        self.skuID = skuID
        self.skuCode = skuCode
        self.title = title
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discount = discount
        self.total = total
        self.applied = applied
    }
}

/// Shipping details recorded when an order ships.
public struct Shipment: Sendable, Equatable {
    public var carrier: String
    public var trackingNumber: String

    public init(carrier: String, trackingNumber: String) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
    }
}

/// An order with its lines, money and state.
public struct Order: Sendable, Equatable {
    public var id: Int64
    public var customerID: Int64?
    public var status: OrderStatus
    public var lines: [OrderLine]
    public var subtotal: Money
    public var discount: Money
    public var shipping: Money
    public var total: Money
    public var shippingAddress: Address?
    public var shipment: Shipment?
    public var cancelReason: CancelReason?
    public var holdExpiresAt: Instant?
    public var createdAt: Instant
    public var updatedAt: Instant

    public init(
        id: Int64, customerID: Int64?, status: OrderStatus, lines: [OrderLine], subtotal: Money,
        discount: Money, shipping: Money, total: Money, shippingAddress: Address?, shipment: Shipment?,
        cancelReason: CancelReason?, holdExpiresAt: Instant?, createdAt: Instant, updatedAt: Instant
    ) {
        self.id = id
        self.customerID = customerID
        self.status = status
        self.lines = lines
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.total = total
        self.shippingAddress = shippingAddress
        self.shipment = shipment
        self.cancelReason = cancelReason
        self.holdExpiresAt = holdExpiresAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
