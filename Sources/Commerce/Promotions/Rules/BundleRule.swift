/// 组合价 (bundle): each complete set of `items` costs `price` together. A set whose list
/// prices add up to no more than `price` gives no discount.
///
/// Wire: `{"items": [{"sku_id": 11, "quantity": 1}, {"sku_id": 12, "quantity": 2}], "price": 19900}`.
public struct BundleRule: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var skuID: Int64
        public var quantity: Int64

        public init(skuID: Int64, quantity: Int64) {
            self.skuID = skuID
            self.quantity = quantity
        }

        enum CodingKeys: String, CodingKey {
            case skuID = "sku_id"
            case quantity
        }
    }

    public var items: [Item]
    /// Price of one complete set, in minor units.
    public var price: Int64

    public init(items: [Item], price: Int64) {
        self.items = items
        self.price = price
    }

    public func validate(prefix: String) throws(CommerceError) {
        guard !items.isEmpty else { throw .invalid(prefix + "items", "A bundle lists at least one SKU.", code: "required") }
        if let index = RuleChecks.firstRepeat(count: items.count, { items[$0].skuID }) {
            throw .invalid("\(prefix)items[\(index)].sku_id", "SKU listed twice; raise its quantity instead.", code: "duplicate")
        }
        for (index, item) in items.enumerated() {
            try RuleChecks.positiveID(item.skuID, "\(prefix)items[\(index)].sku_id")
            try RuleChecks.positiveCount(item.quantity, "\(prefix)items[\(index)].quantity")
        }
        try RuleChecks.positiveAmount(price, prefix + "price")
    }
}
