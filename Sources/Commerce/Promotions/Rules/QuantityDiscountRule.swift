/// 满件折 (quantity discount): when at least `minQuantity` eligible units are bought, every
/// one of them costs `percentOff` less ("满3件8折" = min 3, 20 % off).
///
/// Wire: `{"scope": {...}, "min_quantity": 3, "percent_off": 20}`.
public struct QuantityDiscountRule: Sendable, Hashable, Codable {
    public var scope: PromotionScope
    public var minQuantity: Int64
    public var percentOff: PercentOff

    public init(scope: PromotionScope, minQuantity: Int64, percentOff: PercentOff) {
        self.scope = scope
        self.minQuantity = minQuantity
        self.percentOff = percentOff
    }

    enum CodingKeys: String, CodingKey {
        case scope
        case minQuantity = "min_quantity"
        case percentOff = "percent_off"
    }

    public func validate(prefix: String) throws(CommerceError) {
        try scope.validate(field: prefix + "scope")
        try RuleChecks.positiveCount(minQuantity, prefix + "min_quantity")
        try percentOff.validate(field: prefix + "percent_off")
    }
}
