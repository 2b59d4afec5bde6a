/// 会员价 (member price): percent off eligible units by membership tier. The highest listed
/// tier not above the customer's tier applies; customers without a tier, or below every
/// listed tier, get nothing.
///
/// Wire: `{"scope": {...}, "tiers": [{"tier": 1, "percent_off": 5}, {"tier": 3, "percent_off": 12}]}`.
public struct MemberPriceRule: Sendable, Hashable, Codable {
    public struct Tier: Sendable, Hashable, Codable {
        public var tier: Int
        public var percentOff: PercentOff

        public init(tier: Int, percentOff: PercentOff) {
            self.tier = tier
            self.percentOff = percentOff
        }

        enum CodingKeys: String, CodingKey {
            case tier
            case percentOff = "percent_off"
        }
    }

    public var scope: PromotionScope
    /// Ascending by tier.
    public var tiers: [Tier]

    public init(scope: PromotionScope, tiers: [Tier]) {
        self.scope = scope
        self.tiers = tiers
    }

    /// The percent for a customer's tier, if any tier applies.
    public func percentOff(forTier customerTier: Int?) -> PercentOff? {
        guard let customerTier else { return nil }
        return tiers.last { $0.tier <= customerTier }?.percentOff
    }

    public func validate(prefix: String) throws(CommerceError) {
        try scope.validate(field: prefix + "scope")
        guard !tiers.isEmpty else { throw .invalid(prefix + "tiers", "List at least one tier.", code: "required") }
        for (index, entry) in tiers.enumerated() {
            guard entry.tier >= 0 else { throw .invalid("\(prefix)tiers[\(index)].tier", "A tier is 0 or more.") }
            if index > 0, entry.tier <= tiers[index - 1].tier {
                throw .invalid("\(prefix)tiers[\(index)].tier", "Tiers must be strictly increasing.", code: "not_increasing")
            }
            try entry.percentOff.validate(field: "\(prefix)tiers[\(index)].percent_off")
        }
    }
}
