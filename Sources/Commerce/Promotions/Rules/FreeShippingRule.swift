/// 包邮 (free shipping): the shipping fee is waived when the goods total after all discounts
/// (of the lines in `scope`, or of the whole cart when `scope` is nil) reaches `threshold`.
///
/// Wire: `{"threshold": 9900}` or `{"threshold": 9900, "scope": {...}}`.
public struct FreeShippingRule: Sendable, Hashable, Codable {
    /// Minor units; 0 = always free.
    public var threshold: Int64
    public var scope: PromotionScope?

    public init(threshold: Int64, scope: PromotionScope? = nil) {
        self.threshold = threshold
        self.scope = scope
    }

    public func validate(prefix: String) throws(CommerceError) {
        try RuleChecks.nonNegativeAmount(threshold, prefix + "threshold")
        try scope?.validate(field: prefix + "scope")
    }
}
