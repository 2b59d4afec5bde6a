/// The pricing view of a coupon the customer holds (优惠券): what it takes off, above which
/// base, on which lines, and what it may be combined with. Claiming, limits and redemption
/// are the caller's; pricing only decides whether using it gives a better total.
///
/// Wire form: `{"id", "name", "discount": {"type": "fixed", "amount": 1000} |
/// {"type": "percent", "percent_off": 10, "cap": 5000}, "threshold", "scope",
/// "combines_with": ["product", "order"], "stacks_with_coupons"}`.
public struct CouponTerms: Sendable, Hashable, Codable, Identifiable {
    public enum Discount: Sendable, Hashable, Codable {
        /// An amount off, at most the base.
        case fixed(amount: Int64)
        /// `floor(base × bp / 10000)`, at most `cap` when set.
        case percent(PercentOff, cap: Int64?)

        enum CodingKeys: String, CodingKey {
            case type, amount
            case percentOff = "percent_off"
            case cap
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .type) {
            case "fixed": self = .fixed(amount: try container.decode(Int64.self, forKey: .amount))
            case "percent":
                self = .percent(try container.decode(PercentOff.self, forKey: .percentOff), cap: try container.decodeIfPresent(Int64.self, forKey: .cap))
            default:
                throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "A coupon discount is \"fixed\" or \"percent\".")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .fixed(let amount):
                try container.encode("fixed", forKey: .type)
                try container.encode(amount, forKey: .amount)
            case .percent(let percent, let cap):
                try container.encode("percent", forKey: .type)
                try container.encode(percent, forKey: .percentOff)
                try container.encodeIfPresent(cap, forKey: .cap)
            }
        }

        /// What the coupon takes off a base that has met its threshold.
        public func amount(for base: Int64) -> Int64 {
            guard base > 0 else { return 0 }
            switch self {
            case .fixed(let amount): return min(amount, base)
            case .percent(let percent, let cap):
                let raw = percent.of(base)
                return cap.map { min($0, raw) } ?? raw
            }
        }
    }

    public var id: Int64
    public var name: String
    public var discount: Discount
    /// The base must reach this (minor units); 0 = no threshold.
    public var threshold: Int64
    public var scope: PromotionScope
    /// The promotion classes that may be in the same combination as this coupon.
    public var combinesWith: Set<PromotionClass>
    /// Whether it may be used together with other coupons (each of them must allow it too).
    public var stacksWithCoupons: Bool

    public init(
        id: Int64, name: String, discount: Discount, threshold: Int64 = 0, scope: PromotionScope = .all,
        combinesWith: Set<PromotionClass> = Set(PromotionClass.allCases), stacksWithCoupons: Bool = false
    ) {
        self.id = id
        self.name = name
        self.discount = discount
        self.threshold = threshold
        self.scope = scope
        self.combinesWith = combinesWith
        self.stacksWithCoupons = stacksWithCoupons
    }

    /// The discount for a base (after product and order discounts), 0 below the threshold.
    public func amount(for base: Int64) -> Int64 {
        base >= threshold ? discount.amount(for: base) : 0
    }

    public func validate(prefix: String = "") throws(CommerceError) {
        guard !name.trimmingWhitespace.isEmpty else { throw .invalid(prefix + "name", "Must not be empty.", code: "required") }
        switch discount {
        case .fixed(let amount): try RuleChecks.positiveAmount(amount, prefix + "discount.amount")
        case .percent(let percent, let cap):
            try percent.validate(field: prefix + "discount.percent_off")
            if let cap { try RuleChecks.positiveAmount(cap, prefix + "discount.cap") }
        }
        try RuleChecks.nonNegativeAmount(threshold, prefix + "threshold")
        try scope.validate(field: prefix + "scope")
    }

    enum CodingKeys: String, CodingKey {
        case id, name, discount, threshold, scope
        case combinesWith = "combines_with"
        case stacksWithCoupons = "stacks_with_coupons"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        discount = try container.decode(Discount.self, forKey: .discount)
        threshold = try container.decodeIfPresent(Int64.self, forKey: .threshold) ?? 0
        scope = try container.decodeIfPresent(PromotionScope.self, forKey: .scope) ?? .all
        combinesWith = Set(try container.decodeIfPresent([PromotionClass].self, forKey: .combinesWith) ?? [])
        stacksWithCoupons = try container.decodeIfPresent(Bool.self, forKey: .stacksWithCoupons) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(discount, forKey: .discount)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(scope, forKey: .scope)
        try container.encode(combinesWith.sorted(), forKey: .combinesWith)
        try container.encode(stacksWithCoupons, forKey: .stacksWithCoupons)
    }
}
