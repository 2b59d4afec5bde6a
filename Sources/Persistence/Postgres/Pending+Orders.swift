import Commerce

extension PostgresStore {
    static func skuListings(_ db: PGSession, shop: ShopID, codes: [String]) async throws -> [String: SKUListing] { fatalError("pending") }
    func livePromotions(_ db: PGSession, shop: ShopID, at now: Instant) async throws -> [PromotionRecord] { fatalError("pending") }
    static func pricingVersion(_ db: PGSession, shop: ShopID) async throws -> Int64 { fatalError("pending") }
    static func bumpPricingVersion(_ db: PGSession, shop: ShopID) async throws { fatalError("pending") }
    static func memberStanding(
        _ db: PGSession, shop: ShopID, customerID: Int64, now: Instant
    ) async throws -> (program: MembershipProgram, tier: MemberTier, balance: Int64) { fatalError("pending") }
    static func couponForCode(_ db: PGSession, shop: ShopID, code: String) async throws -> CouponRecord? { fatalError("pending") }
    static func claims(_ db: PGSession, shop: ShopID, customerID: Int64, code: String) async throws -> [CouponClaim] { fatalError("pending") }
    static func claim(
        _ db: PGSession, shop: ShopID, couponID: Int64, customerID: Int64, code: String?, now: Instant
    ) async throws -> CouponClaim { fatalError("pending") }
    static func spendPoints(
        _ db: PGSession, shop: ShopID, customerID: Int64, orderID: Int64, points: Int64, now: Instant
    ) async throws { fatalError("pending") }
    static func returnSpentPoints(_ db: PGSession, shop: ShopID, orderID: Int64, customerID: Int64?, now: Instant) async throws {
        fatalError("pending")
    }
    static func accrueMembership(_ db: PGSession, shop: ShopID, order: Order, at now: Instant) async throws { fatalError("pending") }
    static func reverseMembership(
        _ db: PGSession, shop: ShopID, order: Order, refundedBefore before: Int64, refundedAfter after: Int64, now: Instant
    ) async throws { fatalError("pending") }
    func recordOrderEvent(
        _ db: PGSession, shop: ShopID, type: String, orderID: Int64, customerID: Int64?, total: Int64, at: Instant,
        sessionID: String? = nil, anonymousID: String? = nil
    ) async throws { fatalError("pending") }
    static func levels(_ db: PGSession, shop: ShopID, skuID: Int64) async throws -> [StockLevel] { fatalError("pending") }
    static func applyStock(_ db: PGSession, shop: ShopID, _ change: StockChange, now: Instant) async throws -> StockMovement? {
        fatalError("pending")
    }
}
