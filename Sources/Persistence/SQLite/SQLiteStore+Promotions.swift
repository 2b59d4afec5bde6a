import Commerce
import GRDB

extension SQLiteStore {
    public func createPromotion(_ shop: ShopID, _ definition: PromotionDefinition, now: Instant) async throws -> PromotionRecord {
        try await pool.write { db in
            try Self.checkFlashOverlap(db, shop: shop, definition, excluding: nil)
            let flash = definition.rule.flashSale
            try db.run(
                """
                INSERT INTO promotions (shop_id, name, type, rule, starts_at, ends_at, priority, exclusive, status, budget_cap,
                                        uses_cap, flash_sku_id, flash_stock, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [shop, definition.name, definition.rule.type.rawValue, JSONColumn.encode(definition.rule),
                 definition.startsAt.millisecondsSinceEpoch, definition.endsAt.millisecondsSinceEpoch, definition.priority,
                 definition.exclusive, definition.status.rawValue, definition.budgetCap, definition.usesCap, flash?.skuID,
                 flash?.stock, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
            let id = db.lastInsertedRowID
            try Self.bumpPricingVersion(db, shop: shop)
            return try Self.requirePromotion(db, shop: shop, id: id)
        }
    }

    public func updatePromotion(_ shop: ShopID, id: Int64, _ definition: PromotionDefinition, now: Instant) async throws -> PromotionRecord {
        try await pool.write { db in
            let current = try Self.requirePromotion(db, shop: shop, id: id)
            guard current.rule.type == definition.rule.type else {
                throw StoreError.rejected(code: "type_change", field: "type", message: "A promotion's type cannot change.", kind: .invalid)
            }
            try Self.checkFlashOverlap(db, shop: shop, definition, excluding: id)
            let flash = definition.rule.flashSale
            if let budgetCap = definition.budgetCap, budgetCap < current.budgetUsed {
                throw StoreError.rejected(code: "invalid_value", field: "budget", message: "The budget is below what has been used (\(current.budgetUsed)).", kind: .invalid)
            }
            if let usesCap = definition.usesCap, usesCap < current.usesCount {
                throw StoreError.rejected(code: "invalid_value", field: "max_uses", message: "max_uses is below the uses so far (\(current.usesCount)).", kind: .invalid)
            }
            if let flash, flash.stock < current.flashSold {
                throw StoreError.rejected(code: "invalid_value", field: "stock", message: "Flash stock is below the units sold (\(current.flashSold)).", kind: .invalid)
            }
            try db.run(
                """
                UPDATE promotions SET name = ?, rule = ?, starts_at = ?, ends_at = ?, priority = ?, exclusive = ?, status = ?,
                    budget_cap = ?, uses_cap = ?, flash_sku_id = ?, flash_stock = ?, updated_at = ?
                WHERE shop_id = ? AND id = ?
                """,
                [definition.name, JSONColumn.encode(definition.rule), definition.startsAt.millisecondsSinceEpoch,
                 definition.endsAt.millisecondsSinceEpoch, definition.priority, definition.exclusive, definition.status.rawValue,
                 definition.budgetCap, definition.usesCap, flash?.skuID, flash?.stock, max(now.millisecondsSinceEpoch, current.updatedAt.millisecondsSinceEpoch + 1),
                 shop, id])
            try Self.bumpPricingVersion(db, shop: shop)
            return try Self.requirePromotion(db, shop: shop, id: id)
        }
    }

    public func promotion(_ shop: ShopID, id: Int64) async throws -> PromotionRecord? {
        try await pool.read { db in try Self.promotion(db, shop: shop, id: id) }
    }

    public func promotions(
        _ shop: ShopID, overlapping window: (from: Instant, to: Instant)?, type: PromotionType?, page: PageRequest
    ) async throws -> Page<PromotionRecord> {
        try await pool.read { db in
            try db.rows(
                """
                SELECT \(PromotionRows.promotionColumns) FROM promotions
                WHERE shop_id = ? AND id < ? AND (? IS NULL OR (starts_at < ? AND ends_at > ?)) AND (? IS NULL OR type = ?)
                ORDER BY id DESC LIMIT ?
                """,
                [shop, page.startingAfter ?? Int64.max, window?.from.millisecondsSinceEpoch, window?.to.millisecondsSinceEpoch,
                 window?.from.millisecondsSinceEpoch, type?.rawValue, type?.rawValue, page.limit + 1]
            ).map { try PromotionRows.promotion($0, cache: self.ruleCache) }.page(limit: page.limit)
        }
    }

    /// Active promotions live at `now` (read inside an order's transaction).
    func livePromotions(_ db: Database, shop: ShopID, at now: Instant) throws -> [PromotionRecord] {
        try db.rows(
            """
            SELECT \(PromotionRows.promotionColumns) FROM promotions
            WHERE shop_id = ? AND ends_at > ? AND starts_at <= ? AND status = 'active' ORDER BY id
            """, [shop, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch]
        ).map { try PromotionRows.promotion($0, cache: ruleCache) }
    }

    public func promotionFigures(_ shop: ShopID, promotionID: Int64?, skuIDs: Set<Int64>?, from: Instant, to: Instant) async throws -> PromotionFigures {
        try await pool.read { db in
            var filter = "1"
            var arguments: StatementArguments = [shop, from.millisecondsSinceEpoch, to.millisecondsSinceEpoch]
            if let promotionID {
                filter = "o.id IN (SELECT order_id FROM order_discounts WHERE shop_id = ? AND source = 'promotion' AND source_id = ?)"
                arguments += [shop, promotionID]
            } else if let skuIDs {
                let ids = skuIDs.isEmpty ? "NULL" : skuIDs.sorted().map(String.init).joined(separator: ",")
                filter = "o.id IN (SELECT order_id FROM order_lines WHERE sku_id IN (\(ids)))"
            }
            let sql = PromotionRows.figuresQuery(shop: shop, filter: filter)
            arguments += [from.millisecondsSinceEpoch]
            return PromotionRows.figures(try Row.fetchOne(db, sql: sql, arguments: arguments))
        }
    }

    /// Refuses a flash sale whose window overlaps another active flash sale of the same SKU.
    static func checkFlashOverlap(_ db: Database, shop: ShopID, _ definition: PromotionDefinition, excluding: Int64?) throws {
        guard let flash = definition.rule.flashSale, definition.status == .active else { return }
        let clash = try db.row(
            PromotionRows.flashOverlapQuery,
            [shop, flash.skuID, excluding ?? 0, definition.endsAt.millisecondsSinceEpoch, definition.startsAt.millisecondsSinceEpoch])
        if let clash { throw StoreError.overlappingFlashSale(with: clash[0]) }
    }

    static func requirePromotion(_ db: Database, shop: ShopID, id: Int64) throws -> PromotionRecord {
        guard let record = try promotion(db, shop: shop, id: id) else { throw StoreError.notFound(entity: "promotion", id: "promo_\(id)") }
        return record
    }

    static func promotion(_ db: Database, shop: ShopID, id: Int64) throws -> PromotionRecord? {
        guard let row = try db.row("SELECT \(PromotionRows.promotionColumns) FROM promotions WHERE shop_id = ? AND id = ?", [shop, id]) else { return nil }
        return try PromotionRows.promotion(row, cache: nil)
    }
}
