import GRDB

/// The shop's pricing version: a counter bumped in the same transaction as every write that can
/// change what pricing reads — promotions, coupons, categories, products and SKUs — and read in
/// the order's own transaction (`OrderSnapshot.pricingVersion`). A cache of anything derived from
/// that data (the per-shop `PromotionCatalog`) keyed by it can never serve a stale entry: a
/// snapshot that sees a change also sees the new version.
extension SQLiteStore {
    static func bumpPricingVersion(_ db: Database, shop: ShopID) throws {
        try db.run("UPDATE shops SET pricing_version = pricing_version + 1 WHERE id = ?", [shop])
    }

    static func pricingVersion(_ db: Database, shop: ShopID) throws -> Int64 {
        try db.row("SELECT pricing_version FROM shops WHERE id = ?", [shop])?[0] ?? 0
    }
}
