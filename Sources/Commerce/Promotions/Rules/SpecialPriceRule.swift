/// 直降 (special price): a lowered unit price per SKU. A SKU whose special price is not below
/// its list price is left alone (a promotion never raises a price).
///
/// Wire: `{"prices": [{"sku_id": 11, "price": 8900}]}`.
public struct SpecialPriceRule: Sendable, Hashable, Codable {
    public struct SKUPrice: Sendable, Hashable, Codable {
        public var skuID: Int64
        /// Unit price in minor units.
        public var price: Int64

        public init(skuID: Int64, price: Int64) {
            self.skuID = skuID
            self.price = price
        }

        enum CodingKeys: String, CodingKey {
            case skuID = "sku_id"
            case price
        }
    }

    public var prices: [SKUPrice]

    public init(prices: [SKUPrice]) { self.prices = prices }

    /// Convenience: `[skuID: price]`, stored in ascending SKU order.
    public init(_ prices: [Int64: Int64]) {
        self.prices = prices.sorted { $0.key < $1.key }.map { SKUPrice(skuID: $0.key, price: $0.value) }
    }

    public func validate(prefix: String) throws(CommerceError) {
        guard !prices.isEmpty else { throw .invalid(prefix + "prices", "List at least one SKU price.", code: "required") }
        if let index = RuleChecks.firstRepeat(count: prices.count, { prices[$0].skuID }) {
            throw .invalid("\(prefix)prices[\(index)].sku_id", "SKU listed twice.", code: "duplicate")
        }
        for (index, entry) in prices.enumerated() {
            try RuleChecks.positiveID(entry.skuID, "\(prefix)prices[\(index)].sku_id")
            try RuleChecks.positiveAmount(entry.price, "\(prefix)prices[\(index)].price")
        }
    }
}
