import Commerce

/// Input for placing an order.
public struct CreateOrder: Sendable, Decodable {
    private enum CodingKeys: String, CodingKey {
        case lines
        case customerId = "customer_id", shippingAddress = "shipping_address"
    }

    public var customerId: String?
    public var lines: [Line]
    public var shippingAddress: Address?

    /// One requested line: a SKU code and a quantity.
    public struct Line: Sendable, Decodable {
        public var sku: String
        public var quantity: Int64

        public init(sku: String, quantity: Int64) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public init(customerId: String? = nil, lines: [Line], shippingAddress: Address? = nil) {
        self.customerId = customerId
        self.lines = lines
        self.shippingAddress = shippingAddress
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
