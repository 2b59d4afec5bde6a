/// A promotion as pricing sees it: what it does, when, how it ranks, and what is left of its
/// budget and uses (supplied by the caller from storage).
///
/// Wire form: `{"id", "name", "starts_at", "ends_at", "priority", "exclusive", "rule": {"type", …},
/// "remaining_budget", "remaining_uses"}` (the last two omitted when unlimited).
public struct Promotion: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    /// Live when `startsAt ≤ now < endsAt`.
    public var startsAt: Instant
    public var endsAt: Instant
    /// Higher first; among product promotions the higher one takes a unit first. Ties: lower id first.
    public var priority: Int
    /// An exclusive promotion is used alone: no other promotion and no coupon beside it.
    public var exclusive: Bool
    public var rule: PromotionRule
    /// What the promotion may still give away, in minor units; its discount in one cart is
    /// capped at this. nil = unlimited.
    public var remainingBudget: Int64?
    /// How many more orders may use it; 0 = not applicable. nil = unlimited.
    public var remainingUses: Int64?

    public init(
        id: Int64, name: String, startsAt: Instant, endsAt: Instant, priority: Int = 0, exclusive: Bool = false,
        rule: PromotionRule, remainingBudget: Int64? = nil, remainingUses: Int64? = nil
    ) {
        self.id = id
        self.name = name
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.priority = priority
        self.exclusive = exclusive
        self.rule = rule
        self.remainingBudget = remainingBudget
        self.remainingUses = remainingUses
    }

    public var type: PromotionType { rule.type }
    public var promotionClass: PromotionClass { rule.promotionClass }

    /// `startsAt ≤ now < endsAt`.
    public func isLive(at now: Instant) -> Bool { startsAt <= now && now < endsAt }

    /// Live, with uses and budget left: the promotion may take part in pricing at `now`.
    public func isUsable(at now: Instant) -> Bool {
        guard isLive(at: now) else { return false }
        if let remainingUses, remainingUses <= 0 { return false }
        if let remainingBudget, remainingBudget <= 0 { return false }
        return true
    }

    /// Ranking of product promotions: priority descending, then id ascending.
    public static func ranks(_ lhs: Promotion, before rhs: Promotion) -> Bool {
        lhs.priority != rhs.priority ? lhs.priority > rhs.priority : lhs.id < rhs.id
    }

    public static let maxNameLength = 200

    /// 422-style checks of everything pricing relies on. Rule fields are named `rulePrefix`
    /// + their wire path (e.g. `tiers[1].threshold` with the default empty prefix). Unknown
    /// SKUs and overlapping flash sales are checked against the store by the caller.
    public func validate(rulePrefix: String = "") throws(CommerceError) {
        let trimmed = name.trimmingWhitespace
        guard !trimmed.isEmpty else { throw .invalid("name", "Must not be empty.", code: "required") }
        guard name.count <= Self.maxNameLength else { throw .invalid("name", "At most \(Self.maxNameLength) characters.") }
        try validateTerms(rulePrefix: rulePrefix)
    }

    /// The checks pricing relies on (everything but the name), run on every live promotion
    /// passed to `Pricing.price`.
    public func validateTerms(rulePrefix: String = "") throws(CommerceError) {
        try validateLimits()
        try rule.validate(prefix: rulePrefix)
    }

    /// The window, budget and uses checks of `validateTerms` (a `PromotionCatalog` has checked the rule).
    func validateLimits() throws(CommerceError) {
        guard endsAt > startsAt else {
            throw .invalid("ends_at", "A promotion must end after it starts.", code: "invalid_window")
        }
        if let remainingBudget { try RuleChecks.nonNegativeAmount(remainingBudget, "remaining_budget") }
        if let remainingUses, remainingUses < 0 { throw .invalid("remaining_uses", "Must not be negative.") }
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case priority, exclusive, rule
        case remainingBudget = "remaining_budget"
        case remainingUses = "remaining_uses"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        startsAt = try container.decode(Instant.self, forKey: .startsAt)
        endsAt = try container.decode(Instant.self, forKey: .endsAt)
        priority = try container.decodeIfPresent(Int.self, forKey: .priority) ?? 0
        exclusive = try container.decodeIfPresent(Bool.self, forKey: .exclusive) ?? false
        rule = try container.decode(PromotionRule.self, forKey: .rule)
        remainingBudget = try container.decodeIfPresent(Int64.self, forKey: .remainingBudget)
        remainingUses = try container.decodeIfPresent(Int64.self, forKey: .remainingUses)
    }
}
