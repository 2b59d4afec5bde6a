extension PostgresStore {
    static func bumpPricingVersion(_ db: PGSession, shop: ShopID) async throws {
        fatalError("pending")
    }

    @discardableResult
    static func requireCustomer(_ db: PGSession, shop: ShopID, id: Int64) async throws -> PGRow {
        fatalError("pending")
    }
}
