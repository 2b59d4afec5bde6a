import Commerce

extension PostgresStore {
    /// Applies `change` only if every counter stays non-negative and available ≥ 0; records it in the ledger.
    /// One conditional update: PostgreSQL re-checks the condition on the newest row version after
    /// waiting for a concurrent writer's lock, so two instances cannot both take the last unit.
    /// - Returns: the ledger entry, or `nil` when the guard refused the change.
    static func applyStock(_ db: PGSession, shop: ShopID, _ change: StockChange, now: Instant) async throws -> StockMovement? {
        let changed = try await db.run(
            """
            UPDATE stock_levels SET on_hand = on_hand + ?1, held = held + ?2, allocated = allocated + ?3
            WHERE sku_id = ?4 AND warehouse_id = ?5 AND shop_id = ?6
              AND on_hand + ?1 >= 0 AND held + ?2 >= 0 AND allocated + ?3 >= 0
              AND (on_hand + ?1) - (held + ?2) - (allocated + ?3) >= 0
            """,
            [change.onHand, change.held, change.allocated, change.skuID, change.warehouseID, shop])
        guard changed == 1 else { return nil }
        let id = try await db.insert(
            """
            INSERT INTO stock_movements (shop_id, sku_id, warehouse_id, reason, on_hand_delta, held_delta, allocated_delta, order_id, note, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [shop, change.skuID, change.warehouseID, change.reason.rawValue, change.onHand, change.held, change.allocated,
             change.orderID, change.note, now.millisecondsSinceEpoch])
        return StockMovement(
            id: id, skuID: change.skuID, warehouseID: change.warehouseID, reason: change.reason,
            onHandDelta: change.onHand, heldDelta: change.held, allocatedDelta: change.allocated, orderID: change.orderID,
            note: change.note, createdAt: now)
    }

    /// Levels of one SKU in warehouse priority order (the order holds draw from).
    static func levels(_ db: PGSession, shop: ShopID, skuID: Int64) async throws -> [StockLevel] {
        try await db.rows(
            """
            SELECT l.sku_id, l.warehouse_id, l.on_hand, l.held, l.allocated FROM stock_levels l JOIN warehouses w ON w.id = l.warehouse_id
            WHERE l.shop_id = ? AND l.sku_id = ? ORDER BY w.priority, w.id
            """, [shop, skuID]
        ).map(StockRows.level)
    }

    public func createWarehouse(_ shop: ShopID, code: String, name: String, priority: Int64) async throws -> Warehouse {
        try await write { db in
            do {
                let id = try await db.insert("INSERT INTO warehouses (shop_id, code, name, priority) VALUES (?, ?, ?, ?)", [shop, code, name, priority])
                return Warehouse(id: id, code: code, name: name, priority: priority)
            } catch where PostgresErrors.isUniqueViolation(error) {
                throw StoreError.duplicate(field: "code", value: code)
            }
        }
    }

    public func warehouses(_ shop: ShopID) async throws -> [Warehouse] {
        try await read { db in
            try await db.rows("SELECT * FROM warehouses WHERE shop_id = ? ORDER BY priority, id", [shop]).map(StockRows.warehouse)
        }
    }

    public func adjustStock(
        _ shop: ShopID, skuID: Int64, skuCode: String, warehouseID: Int64, delta: Int64, reason: StockReason, note: String?, now: Instant
    ) async throws -> StockMovement {
        try await write { db in
            try await db.run(
                "INSERT INTO stock_levels (shop_id, sku_id, warehouse_id, on_hand, held, allocated) VALUES (?, ?, ?, 0, 0, 0) ON CONFLICT DO NOTHING",
                [shop, skuID, warehouseID])
            let change = StockChange(skuID: skuID, warehouseID: warehouseID, onHand: delta, reason: reason, note: note)
            guard let movement = try await Self.applyStock(db, shop: shop, change, now: now) else {
                throw StoreError.insufficientStock(sku: skuCode, field: "delta")
            }
            return movement
        }
    }

    public func stockLevels(_ shop: ShopID, skuID: Int64) async throws -> [StockLevel] {
        try await read { db in try await Self.levels(db, shop: shop, skuID: skuID) }
    }

    public func movements(_ shop: ShopID, skuID: Int64?, page: PageRequest) async throws -> Page<StockMovement> {
        try await read { db in
            let rows = try await db.rows(
                """
                SELECT * FROM stock_movements WHERE shop_id = ? AND (?::bigint IS NULL OR sku_id = ?) AND id < ?
                ORDER BY id DESC LIMIT ?
                """, [shop, skuID, skuID, page.startingAfter ?? Int64.max, page.limit + 1])
            return rows.map(StockRows.movement).page(limit: page.limit)
        }
    }

    public func lowStock(_ shop: ShopID) async throws -> [(sku: SKU, level: StockLevel)] {
        try await read { db in
            // PostgreSQL's HAVING cannot name output columns, so the total is spelled out.
            try await Self.skuTotals(
                db, shop, where: "AND s.low_stock_threshold > 0",
                having: "HAVING COALESCE(SUM(l.on_hand - l.held - l.allocated), 0) <= s.low_stock_threshold")
        }
    }

    public func stockTotals(_ shop: ShopID) async throws -> [(sku: SKU, level: StockLevel)] {
        try await read { db in try await Self.skuTotals(db, shop) }
    }

    /// SKUs with their stock summed over warehouses (zero without levels), by code; `where` and
    /// `having` narrow the rows. Codes sort bytewise (`COLLATE "C"`), as in SQLite, whatever the
    /// database's collation.
    static func skuTotals(_ db: PGSession, _ shop: ShopID, where condition: String = "", having: String = "") async throws -> [(sku: SKU, level: StockLevel)] {
        try await db.rows(
            """
            SELECT \(CatalogRows.skuColumns), COALESCE(SUM(l.on_hand), 0) AS t_on_hand, COALESCE(SUM(l.held), 0) AS t_held,
                   COALESCE(SUM(l.allocated), 0) AS t_allocated
            FROM skus s LEFT JOIN stock_levels l ON l.sku_id = s.id
            WHERE s.shop_id = ? \(condition)
            GROUP BY s.id \(having)
            ORDER BY s.code COLLATE "C"
            """, [shop]
        ).map(StockRows.total)
    }

    public func activeHolds(_ shop: ShopID, skuID: Int64?, limit: Int) async throws -> Page<StockHold> {
        // Sorted as SQLite sorts: holds without expiry first, codes bytewise.
        try await read { db in
            try await db.rows(
                """
                SELECT os.order_id, os.sku_id, s.code, os.warehouse_id, os.quantity, o.hold_expires_at
                FROM orders o JOIN order_stock os ON os.order_id = o.id JOIN skus s ON s.id = os.sku_id
                WHERE o.shop_id = ? AND o.status = 'pending_payment' AND (?::bigint IS NULL OR os.sku_id = ?)
                ORDER BY o.hold_expires_at NULLS FIRST, o.id, s.code COLLATE "C", os.warehouse_id LIMIT ?
                """, [shop, skuID, skuID, limit + 1]
            ).map(StockRows.hold).page(limit: limit)
        }
    }
}
