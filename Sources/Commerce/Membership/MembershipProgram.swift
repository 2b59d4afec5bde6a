/// One level of membership (会员等级, V0–V5): reached at a growth value (成长值), with its benefits.
public struct MemberTier: Sendable, Equatable, Codable {
    /// 0 for the entry level, then 1, 2, …; member prices name levels.
    public var level: Int
    public var name: String
    /// Growth value at which the tier is reached (the first tier's is 0).
    public var growthThreshold: Int64
    /// Points earned on a paid order, in percent of the base rate (100 = 1×).
    public var pointsMultiplierPercent: Int64
    /// Whether this tier's orders ship free.
    public var freeShipping: Bool

    public init(level: Int, name: String, growthThreshold: Int64, pointsMultiplierPercent: Int64 = 100, freeShipping: Bool = false) {
        self.level = level
        self.name = name
        self.growthThreshold = growthThreshold
        self.pointsMultiplierPercent = pointsMultiplierPercent
        self.freeShipping = freeShipping
    }

    enum CodingKeys: String, CodingKey {
        case level, name
        case growthThreshold = "growth_threshold", pointsMultiplierPercent = "points_multiplier_percent", freeShipping = "free_shipping"
    }
}

/// A shop's membership rules: tiers by growth value, how paid orders earn growth and points,
/// what a point is worth at checkout and for how long (rules: docs/crm.md).
public struct MembershipProgram: Sendable, Equatable, Codable {
    public var tiers: [MemberTier]
    /// Growth value per whole currency unit paid (per yuan).
    public var growthPerUnit: Int64
    /// Points per whole currency unit paid at 1× (before the tier's multiplier).
    public var pointsPerUnit: Int64
    /// What one point takes off at checkout, in minor units.
    public var pointValue: Int64
    /// At most this percent of an order's goods total (after discounts) may be paid with points.
    public var redeemCapPercent: Int64
    /// Points expire this many days after they are earned, oldest first.
    public var pointsExpiryDays: Int64
    /// Points for activities other than orders (e.g. `sign_in`, `review`).
    public var activities: [String: Int64]

    public init(
        tiers: [MemberTier], growthPerUnit: Int64 = 1, pointsPerUnit: Int64 = 1, pointValue: Int64 = 1, redeemCapPercent: Int64 = 50,
        pointsExpiryDays: Int64 = 365, activities: [String: Int64] = [:]
    ) {
        self.tiers = tiers
        self.growthPerUnit = growthPerUnit
        self.pointsPerUnit = pointsPerUnit
        self.pointValue = pointValue
        self.redeemCapPercent = redeemCapPercent
        self.pointsExpiryDays = pointsExpiryDays
        self.activities = activities
    }

    /// V0–V5 with rising multipliers and free shipping from V3; 1 growth and 1 point per yuan,
    /// 100 points = ¥1, half an order payable with points, a year to use them.
    public static let standard = MembershipProgram(
        tiers: [
            MemberTier(level: 0, name: "V0", growthThreshold: 0),
            MemberTier(level: 1, name: "V1", growthThreshold: 500, pointsMultiplierPercent: 110),
            MemberTier(level: 2, name: "V2", growthThreshold: 2_000, pointsMultiplierPercent: 120),
            MemberTier(level: 3, name: "V3", growthThreshold: 5_000, pointsMultiplierPercent: 130, freeShipping: true),
            MemberTier(level: 4, name: "V4", growthThreshold: 15_000, pointsMultiplierPercent: 150, freeShipping: true),
            MemberTier(level: 5, name: "V5", growthThreshold: 50_000, pointsMultiplierPercent: 200, freeShipping: true),
        ],
        activities: ["sign_in": 5, "review": 20, "share": 2])

    enum CodingKeys: String, CodingKey {
        case tiers, activities
        case growthPerUnit = "growth_per_unit", pointsPerUnit = "points_per_unit", pointValue = "point_value"
        case redeemCapPercent = "redeem_cap_percent", pointsExpiryDays = "points_expiry_days"
    }

    /// Reads a program; only `tiers` is required, the rest default as in `init`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tiers: try c.decode([MemberTier].self, forKey: .tiers),
            growthPerUnit: try c.decodeIfPresent(Int64.self, forKey: .growthPerUnit) ?? 1,
            pointsPerUnit: try c.decodeIfPresent(Int64.self, forKey: .pointsPerUnit) ?? 1,
            pointValue: try c.decodeIfPresent(Int64.self, forKey: .pointValue) ?? 1,
            redeemCapPercent: try c.decodeIfPresent(Int64.self, forKey: .redeemCapPercent) ?? 50,
            pointsExpiryDays: try c.decodeIfPresent(Int64.self, forKey: .pointsExpiryDays) ?? 365,
            activities: try c.decodeIfPresent([String: Int64].self, forKey: .activities) ?? [:])
    }

    /// The tier a growth value reaches.
    public func tier(forGrowth growth: Int64) -> MemberTier {
        tiers.last { $0.growthThreshold <= growth } ?? tiers[0]
    }

    /// Growth value earned by paying `amount` minor units: whole units × rate.
    public func growth(forPaid amount: Int64, currency: Currency) -> Int64 {
        max(0, amount) / Self.unit(currency) * growthPerUnit
    }

    /// Points earned by paying `amount` minor units in `tier`: whole units × rate × multiplier, rounded down.
    public func points(forPaid amount: Int64, currency: Currency, tier: MemberTier) -> Int64 {
        max(0, amount) / Self.unit(currency) * pointsPerUnit * tier.pointsMultiplierPercent / 100
    }

    static func unit(_ currency: Currency) -> Int64 {
        var unit: Int64 = 1
        for _ in 0..<currency.minorDigits { unit *= 10 }
        return unit
    }

    /// Checks the rules; the first broken one is thrown with its field.
    public func validate() throws(CommerceError) {
        guard !tiers.isEmpty, tiers.count <= 20 else { throw .invalid("tiers", "A program has 1 to 20 tiers.", code: "invalid_tiers") }
        for (index, tier) in tiers.enumerated() {
            let field = "tiers[\(index)]"
            guard tier.level == index else { throw .invalid("\(field).level", "Levels count 0, 1, 2, … in order.", code: "invalid_tiers") }
            guard !tier.name.isEmpty, tier.name.count <= 40 else { throw .invalid("\(field).name", "A tier name has 1 to 40 characters.") }
            let floor = index == 0 ? 0 : tiers[index - 1].growthThreshold + 1
            guard index == 0 ? tier.growthThreshold == 0 : tier.growthThreshold >= floor else {
                throw .invalid("\(field).growth_threshold", "The first tier starts at 0 and thresholds rise strictly.", code: "invalid_tiers")
            }
            guard (0...1_000).contains(tier.pointsMultiplierPercent) else {
                throw .invalid("\(field).points_multiplier_percent", "A multiplier is 0 to 1000 percent.")
            }
        }
        guard (0...10_000).contains(growthPerUnit) else { throw .invalid("growth_per_unit", "growth_per_unit is 0 to 10000.") }
        guard (0...10_000).contains(pointsPerUnit) else { throw .invalid("points_per_unit", "points_per_unit is 0 to 10000.") }
        guard (1...1_000_000).contains(pointValue) else { throw .invalid("point_value", "point_value is 1 to 1000000 minor units.") }
        guard (0...100).contains(redeemCapPercent) else { throw .invalid("redeem_cap_percent", "redeem_cap_percent is 0 to 100.") }
        guard (1...3_650).contains(pointsExpiryDays) else { throw .invalid("points_expiry_days", "points_expiry_days is 1 to 3650.") }
        for (name, points) in activities.sorted(by: { $0.key < $1.key }) {
            guard Self.isActivityName(name) else { throw .invalid("activities", "Activity names are 1 to 40 of a-z, 0-9 and _.") }
            guard (1...1_000_000).contains(points) else { throw .invalid("activities.\(name)", "An activity gives 1 to 1000000 points.") }
        }
    }

    static func isActivityName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 40 && name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }
}
