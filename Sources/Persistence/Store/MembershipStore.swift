import Commerce

/// A customer's membership as stored: growth, tier, tier history and the points ledger.
public struct MembershipRecord: Sendable, Equatable {
    public var customerID: Int64
    public var growth: Int64
    public var tier: Int
    public var tierHistory: [TierChange]
    /// Every entry, oldest first (due expiries included once they are written).
    public var ledger: [PointsEntry]

    public init(customerID: Int64, growth: Int64, tier: Int, tierHistory: [TierChange], ledger: [PointsEntry]) {
        self.customerID = customerID
        self.growth = growth
        self.tier = tier
        self.tierHistory = tierHistory
        self.ledger = ledger
    }
}

/// One move between tiers.
public struct TierChange: Sendable, Equatable {
    public var from: Int
    public var to: Int
    public var growth: Int64
    /// `order_paid`, `order_refunded` or `program_changed`.
    public var reason: String
    public var orderID: Int64?
    public var at: Instant

    public init(from: Int, to: Int, growth: Int64, reason: String, orderID: Int64?, at: Instant) {
        self.from = from
        self.to = to
        self.growth = growth
        self.reason = reason
        self.orderID = orderID
        self.at = at
    }
}

/// Membership: the shop's program and each customer's growth, tier and points. Orders earn,
/// spend and give back points inside their own transactions (see `OrderStore`).
public protocol MembershipStore: Sendable {
    /// The shop's program (the standard one until the shop sets its own).
    func membershipProgram(_ shop: ShopID) async throws -> MembershipProgram
    /// Replaces the program; every member's tier is recomputed from their growth (history kept).
    func setMembershipProgram(_ shop: ShopID, _ program: MembershipProgram, now: Instant) async throws
    /// The customer's membership with due expiries written first; nil when there is no such customer.
    func membership(_ shop: ShopID, customerID: Int64, now: Instant) async throws -> MembershipRecord?
    /// Adds an activity's points or a signed adjustment, after writing due expiries. A deduction
    /// larger than the balance is refused (`insufficient_points`).
    func recordPoints(_ shop: ShopID, customerID: Int64, kind: PointsEntryKind, amount: Int64, note: String?, now: Instant) async throws -> MembershipRecord
}
