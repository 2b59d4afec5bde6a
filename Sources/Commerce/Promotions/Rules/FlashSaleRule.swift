/// 秒杀 (flash sale): one SKU at `price` from dedicated `stock`, at most `perCustomerLimit`
/// units per customer. Pricing only needs the units the customer may still buy at the flash
/// price (`PricingContext.flashAllowance`); stock and holds are kept by the caller.
///
/// Wire: `{"sku_id": 11, "price": 990, "stock": 100, "per_customer_limit": 1, "hold_minutes": 10}`.
public struct FlashSaleRule: Sendable, Hashable, Codable {
    public var skuID: Int64
    /// Flash unit price in minor units.
    public var price: Int64
    public var stock: Int64
    public var perCustomerLimit: Int64
    /// How long an unpaid order holds flash stock.
    public var holdMinutes: Int64

    public static let defaultHoldMinutes: Int64 = 10

    public init(skuID: Int64, price: Int64, stock: Int64, perCustomerLimit: Int64, holdMinutes: Int64 = FlashSaleRule.defaultHoldMinutes) {
        self.skuID = skuID
        self.price = price
        self.stock = stock
        self.perCustomerLimit = perCustomerLimit
        self.holdMinutes = holdMinutes
    }

    enum CodingKeys: String, CodingKey {
        case skuID = "sku_id"
        case price, stock
        case perCustomerLimit = "per_customer_limit"
        case holdMinutes = "hold_minutes"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        skuID = try container.decode(Int64.self, forKey: .skuID)
        price = try container.decode(Int64.self, forKey: .price)
        stock = try container.decode(Int64.self, forKey: .stock)
        perCustomerLimit = try container.decode(Int64.self, forKey: .perCustomerLimit)
        holdMinutes = try container.decodeIfPresent(Int64.self, forKey: .holdMinutes) ?? Self.defaultHoldMinutes
    }

    public func validate(prefix: String) throws(CommerceError) {
        try RuleChecks.positiveID(skuID, prefix + "sku_id")
        try RuleChecks.positiveAmount(price, prefix + "price")
        try RuleChecks.positiveCount(stock, prefix + "stock")
        try RuleChecks.positiveCount(perCustomerLimit, prefix + "per_customer_limit")
        guard holdMinutes >= 1, holdMinutes <= 1440 else {
            throw .invalid(prefix + "hold_minutes", "Must be between 1 and 1440 minutes.")
        }
    }
}
