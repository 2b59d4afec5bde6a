/// 满减 / 每满减 (spend-threshold reduction) on the eligible subtotal after product discounts:
/// either tiers ("满200减20, 满300减40": the largest tier reached applies) or a repeating
/// reduction ("每满100减10", optionally capped). Never more than the eligible subtotal.
///
/// Wire: `{"scope": {...}, "tiers": [{"threshold": 20000, "reduction": 2000}]}` or
/// `{"scope": {...}, "repeating": {"every": 10000, "reduction": 1000, "cap": 5000}}`.
public struct ThresholdReductionRule: Sendable, Hashable, Codable {
    public struct Tier: Sendable, Hashable, Codable {
        public var threshold: Int64
        public var reduction: Int64

        public init(threshold: Int64, reduction: Int64) {
            self.threshold = threshold
            self.reduction = reduction
        }
    }

    public struct Repeating: Sendable, Hashable, Codable {
        public var every: Int64
        public var reduction: Int64
        public var cap: Int64?

        public init(every: Int64, reduction: Int64, cap: Int64? = nil) {
            self.every = every
            self.reduction = reduction
            self.cap = cap
        }
    }

    public enum Schedule: Sendable, Hashable {
        /// Ascending thresholds with ascending reductions.
        case tiers([Tier])
        case repeating(Repeating)
    }

    public var scope: PromotionScope
    public var schedule: Schedule

    public init(scope: PromotionScope, schedule: Schedule) {
        self.scope = scope
        self.schedule = schedule
    }

    public static func tiers(_ tiers: [Tier], scope: PromotionScope = .all) -> ThresholdReductionRule {
        ThresholdReductionRule(scope: scope, schedule: .tiers(tiers))
    }

    public static func repeating(every: Int64, reduction: Int64, cap: Int64? = nil, scope: PromotionScope = .all) -> ThresholdReductionRule {
        ThresholdReductionRule(scope: scope, schedule: .repeating(Repeating(every: every, reduction: reduction, cap: cap)))
    }

    /// The reduction earned by an eligible subtotal (before any budget cap), at most the subtotal.
    public func reduction(for eligible: Int64) -> Int64 {
        guard eligible > 0 else { return 0 }
        let earned: Int64
        switch schedule {
        case .tiers(let tiers):
            earned = tiers.last { $0.threshold <= eligible }?.reduction ?? 0
        case .repeating(let rule):
            let (product, overflow) = (eligible / rule.every).multipliedReportingOverflow(by: rule.reduction)
            let uncapped = overflow ? Int64.max : product
            earned = rule.cap.map { min($0, uncapped) } ?? uncapped
        }
        return min(earned, eligible)
    }

    /// The smallest eligible subtotal that earns anything.
    public var minimumThreshold: Int64 {
        switch schedule {
        case .tiers(let tiers): tiers.first?.threshold ?? Int64.max
        case .repeating(let rule): rule.every
        }
    }

    public func validate(prefix: String) throws(CommerceError) {
        try scope.validate(field: prefix + "scope")
        switch schedule {
        case .tiers(let tiers):
            guard !tiers.isEmpty else { throw .invalid(prefix + "tiers", "List at least one tier.", code: "required") }
            for (index, tier) in tiers.enumerated() {
                func field(_ name: String) -> String { "\(prefix)tiers[\(index)].\(name)" }
                try RuleChecks.positiveAmount(tier.threshold, field("threshold"))
                try RuleChecks.positiveAmount(tier.reduction, field("reduction"))
                guard tier.reduction < tier.threshold else {
                    throw .invalid(field("reduction"), "A reduction must be less than its threshold.", code: "invalid_reduction")
                }
                if index > 0 {
                    guard tier.threshold > tiers[index - 1].threshold else {
                        throw .invalid(field("threshold"), "Thresholds must be strictly increasing.", code: "not_increasing")
                    }
                    guard tier.reduction > tiers[index - 1].reduction else {
                        throw .invalid(field("reduction"), "Reductions must be strictly increasing.", code: "not_increasing")
                    }
                }
            }
        case .repeating(let rule):
            let field = prefix + "repeating"
            try RuleChecks.positiveAmount(rule.every, field + ".every")
            try RuleChecks.positiveAmount(rule.reduction, field + ".reduction")
            guard rule.reduction < rule.every else {
                throw .invalid(field + ".reduction", "A reduction must be less than the step.", code: "invalid_reduction")
            }
            if let cap = rule.cap {
                try RuleChecks.positiveAmount(cap, field + ".cap")
                guard cap >= rule.reduction else {
                    throw .invalid(field + ".cap", "The cap must be at least one reduction.", code: "invalid_amount")
                }
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case scope, tiers, repeating
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scope = try container.decode(PromotionScope.self, forKey: .scope)
        let tiers = try container.decodeIfPresent([Tier].self, forKey: .tiers)
        let repeating = try container.decodeIfPresent(Repeating.self, forKey: .repeating)
        switch (tiers, repeating) {
        case (let tiers?, nil): schedule = .tiers(tiers)
        case (nil, let repeating?): schedule = .repeating(repeating)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .tiers, in: container, debugDescription: "Give exactly one of \"tiers\" and \"repeating\".")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope, forKey: .scope)
        switch schedule {
        case .tiers(let tiers): try container.encode(tiers, forKey: .tiers)
        case .repeating(let rule): try container.encode(rule, forKey: .repeating)
        }
    }
}
