import Commerce

/// Input for placing an order.
public struct CreateOrder: Sendable, Decodable {
    private enum CodingKeys: String, CodingKey {
        case lines
        case customerId = "customer_id", shippingAddress = "shipping_address", couponCode = "coupon_code"
        case sessionID = "session_id", anonymousID = "anonymous_id", points
    }

    public var customerId: String?
    public var lines: [Line]
    public var shippingAddress: Address?
    /// A coupon code to use (claimed by the customer, or a shared code claimed on the way).
    public var couponCode: String?
    /// The storefront session and visitor the order came from: its `order_placed` and
    /// `order_paid` events belong to that session (analytics), instead of the latest one.
    public var sessionID: String?
    public var anonymousID: String?
    /// Points the customer pays part of the goods with (积分抵扣), within the program's cap.
    public var points: Int64?

    /// One requested line: a SKU code and a quantity.
    public struct Line: Sendable, Decodable {
        public var sku: String
        public var quantity: Int64

        public init(sku: String, quantity: Int64) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public init(
        customerId: String? = nil, lines: [Line], shippingAddress: Address? = nil, couponCode: String? = nil,
        sessionID: String? = nil, anonymousID: String? = nil
    ) {
        self.customerId = customerId
        self.lines = lines
        self.shippingAddress = shippingAddress
        self.couponCode = couponCode
        self.sessionID = sessionID
        self.anonymousID = anonymousID
    }
}

/// Input for paying an order through the simulated gateway.
public struct PayOrder: Sendable, Decodable {
    public var amount: MoneyInput

    public init(amount: MoneyInput) {
        self.amount = amount
    }
}

/// Input for shipping an order.
public struct ShipOrder: Sendable, Decodable {
    private enum CodingKeys: String, CodingKey {
        case carrier
        case trackingNumber = "tracking_number"
    }

    public var carrier: String
    public var trackingNumber: String

    public init(carrier: String, trackingNumber: String) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
    }
}

/// Input for ordering from a flash sale.
public struct FlashOrder: Sendable, Decodable {
    public var customerId: String
    public var quantity: Int64
    public var shippingAddress: Address?
    /// The storefront session and visitor the order came from (see `CreateOrder`).
    public var sessionID: String?
    public var anonymousID: String?

    private enum CodingKeys: String, CodingKey {
        case quantity
        case customerId = "customer_id", shippingAddress = "shipping_address"
        case sessionID = "session_id", anonymousID = "anonymous_id"
    }

    public init(
        customerId: String, quantity: Int64 = 1, shippingAddress: Address? = nil, sessionID: String? = nil, anonymousID: String? = nil
    ) {
        self.customerId = customerId
        self.quantity = quantity
        self.shippingAddress = shippingAddress
        self.sessionID = sessionID
        self.anonymousID = anonymousID
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        customerId = try container.decode(String.self, forKey: .customerId)
        quantity = try container.decodeIfPresent(Int64.self, forKey: .quantity) ?? 1
        shippingAddress = try container.decodeIfPresent(Address.self, forKey: .shippingAddress)
        sessionID = try container.decodeIfPresent(String.self, forKey: .sessionID)
        anonymousID = try container.decodeIfPresent(String.self, forKey: .anonymousID)
    }
}
