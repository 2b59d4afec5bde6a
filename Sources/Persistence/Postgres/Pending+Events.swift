import Commerce

extension PostgresStore {
    static func requireOrder(_ db: PGSession, shop: ShopID, id: Int64) async throws -> Order { fatalError("pending") }

    public func claims(_ shop: ShopID, customerID: Int64) async throws -> [CouponClaim] { fatalError("pending") }

    static func requireCoupon(_ db: PGSession, shop: ShopID, id: Int64) async throws -> CouponRecord { fatalError("pending") }

    static func claim(_ db: PGSession, shop: ShopID, couponID: Int64, customerID: Int64, code: String?, now: Instant) async throws -> CouponClaim {
        fatalError("pending")
    }
}
