/// 折扣 (percent off): every eligible unit costs `percentOff` less ("8折" = 20 % off); the
/// promotion's total discount in one cart is at most `cap` when set.
///
/// Wire: `{"scope": {...}, "percent_off": 20, "cap": 5000}`.
public struct PercentOffRule: Sendable, Hashable, Codable {
    public var scope: PromotionScope
    public var percentOff: PercentOff
    /// Most the promotion takes off one cart, in minor units; nil = no cap.
    public var cap: Int64?

    public init(scope: PromotionScope, percentOff: PercentOff, cap: Int64? = nil) {
        self.scope = scope
        self.percentOff = percentOff
        self.cap = cap
    }

    enum CodingKeys: String, CodingKey {
        case scope
        case percentOff = "percent_off"
        case cap
    }

    public func validate(prefix: String) throws(CommerceError) {
        try scope.validate(field: prefix + "scope")
        try percentOff.validate(field: prefix + "percent_off")
        if let cap { try RuleChecks.positiveAmount(cap, prefix + "cap") }
    }
}
