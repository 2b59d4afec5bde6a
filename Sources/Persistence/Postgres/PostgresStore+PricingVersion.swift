/// The shop's pricing version (see `SQLiteStore.bumpPricingVersion`). A READ COMMITTED transaction
/// takes a new snapshot per statement, so a reader outside `snapshot` reads the version before
/// the data it guards: a change committed in between then only makes the data newer than its key.
extension PostgresStore {
    static func bumpPricingVersion(_ db: PGSession, shop: ShopID) async throws {
        try await db.run("UPDATE shops SET pricing_version = pricing_version + 1 WHERE id = ?", [shop])
    }

    static func pricingVersion(_ db: PGSession, shop: ShopID) async throws -> Int64 {
        try await db.row("SELECT pricing_version FROM shops WHERE id = ?", [shop])?[0] ?? 0
    }
}
