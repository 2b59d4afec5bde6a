import Commerce
import GRDB

/// One guarded change to a stock level, recorded in the ledger.
struct StockChange {
    var skuID: Int64
    var warehouseID: Int64
    var onHand: Int64 = 0
    var held: Int64 = 0
    var allocated: Int64 = 0
    var reason: StockReason
    var orderID: Int64? = nil
    var note: String? = nil
}

extension SQLiteStore {
    /// Applies `change` only if every counter stays non-negative and available ≥ 0; records it in the ledger.
    /// - Returns: the ledger entry, or `nil` when the guard refused the change.
    static func applyStock(_ db: Database, shop: ShopID, _ change: StockChange, now: Instant) throws -> StockMovement? {
        try db.run(
            """
            UPDATE stock_levels SET on_hand = on_hand + ?1, held = held + ?2, allocated = allocated + ?3
            WHERE sku_id = ?4 AND warehouse_id = ?5 AND shop_id = ?6
              AND on_hand + ?1 >= 0 AND held + ?2 >= 0 AND allocated + ?3 >= 0
              AND (on_hand + ?1) - (held + ?2) - (allocated + ?3) >= 0
            """,
            [change.onHand, change.held, change.allocated, change.skuID, change.warehouseID, shop])
        guard db.changesCount == 1 else { return nil }
        try db.run(
            """
            INSERT INTO stock_movements (shop_id, sku_id, warehouse_id, reason, on_hand_delta, held_delta, allocated_delta, order_id, note, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [shop, change.skuID, change.warehouseID, change.reason.rawValue, change.onHand, change.held, change.allocated,
             change.orderID, change.note, now.millisecondsSinceEpoch])
        return StockMovement(
            id: db.lastInsertedRowID, skuID: change.skuID, warehouseID: change.warehouseID, reason: change.reason,
            onHandDelta: change.onHand, heldDelta: change.held, allocatedDelta: change.allocated, orderID: change.orderID,
            note: change.note, createdAt: now)
    }

    /// Levels of one SKU in warehouse priority order (the order holds draw from).
    static func levels(_ db: Database, shop: ShopID, skuID: Int64) throws -> [StockLevel] {
        try db.rows(
            """
            SELECT l.sku_id, l.warehouse_id, l.on_hand, l.held, l.allocated FROM stock_levels l JOIN warehouses w ON w.id = l.warehouse_id
            WHERE l.shop_id = ? AND l.sku_id = ? ORDER BY w.priority, w.id
            """, [shop, skuID]
        ).map(StockRows.level)
    }

    public func createWarehouse(_ shop: ShopID, code: String, name: String, priority: Int64) async throws -> Warehouse {
        try await pool.write { db in
            do {
                try db.run("INSERT INTO warehouses (shop_id, code, name, priority) VALUES (?, ?, ?, ?)", [shop, code, name, priority])
            } catch let error as DatabaseError where error.isUniqueViolation {
                throw StoreError.duplicate(field: "code", value: code)
            }
            return Warehouse(id: db.lastInsertedRowID, code: code, name: name, priority: priority)
        }
    }

    public func warehouses(_ shop: ShopID) async throws -> [Warehouse] {
        try await pool.read { db in
            try db.rows("SELECT * FROM warehouses WHERE shop_id = ? ORDER BY priority, id", [shop]).map(StockRows.warehouse)
        }
    }

    public func adjustStock(
        _ shop: ShopID, skuID: Int64, skuCode: String, warehouseID: Int64, delta: Int64, reason: StockReason, note: String?, now: Instant
    ) async throws -> StockMovement {
        try await pool.write { db in
            try db.run(
                "INSERT OR IGNORE INTO stock_levels (shop_id, sku_id, warehouse_id, on_hand, held, allocated) VALUES (?, ?, ?, 0, 0, 0)",
                [shop, skuID, warehouseID])
            let change = StockChange(skuID: skuID, warehouseID: warehouseID, onHand: delta, reason: reason, note: note)
            guard let movement = try Self.applyStock(db, shop: shop, change, now: now) else {
                throw StoreError.insufficientStock(sku: skuCode, field: "delta")
            }
            return movement
        }
    }

    public func stockLevels(_ shop: ShopID, skuID: Int64) async throws -> [StockLevel] {
        try await pool.read { db in try Self.levels(db, shop: shop, skuID: skuID) }
    }

    public func movements(_ shop: ShopID, skuID: Int64?, page: PageRequest) async throws -> Page<StockMovement> {
        try await pool.read { db in
            let rows = try db.rows(
                """
                SELECT * FROM stock_movements WHERE shop_id = ? AND (? IS NULL OR sku_id = ?) AND id < ?
                ORDER BY id DESC LIMIT ?
                """, [shop, skuID, skuID, page.startingAfter ?? Int64.max, page.limit + 1])
            return rows.map(StockRows.movement).page(limit: page.limit)
        }
    }

    public func lowStock(_ shop: ShopID) async throws -> [(sku: SKU, level: StockLevel)] {
        try await pool.read { db in
            try Self.skuTotals(db, shop, where: "AND s.low_stock_threshold > 0", having: "HAVING t_on_hand - t_held - t_allocated <= s.low_stock_threshold")
        }
    }

    public func stockTotals(_ shop: ShopID) async throws -> [(sku: SKU, level: StockLevel)] {
        try await pool.read { db in try Self.skuTotals(db, shop) }
    }

    /// SKUs with their stock summed over warehouses (zero without levels), by code; `where` and
    /// `having` narrow the rows.
    static func skuTotals(_ db: Database, _ shop: ShopID, where condition: String = "", having: String = "") throws -> [(sku: SKU, level: StockLevel)] {
        try db.rows(
            """
            SELECT \(CatalogRows.skuColumns), COALESCE(SUM(l.on_hand), 0) AS t_on_hand, COALESCE(SUM(l.held), 0) AS t_held,
                   COALESCE(SUM(l.allocated), 0) AS t_allocated
            FROM skus s LEFT JOIN stock_levels l ON l.sku_id = s.id
            WHERE s.shop_id = ? \(condition)
            GROUP BY s.id \(having)
            ORDER BY s.code
            """, [shop]
        ).map(StockRows.total)
    }

    public func activeHolds(_ shop: ShopID, skuID: Int64?, limit: Int) async throws -> Page<StockHold> {
        try await pool.read { db in
            try db.rows(
                """
                SELECT os.order_id, os.sku_id, s.code, os.warehouse_id, os.quantity, o.hold_expires_at
                FROM orders o JOIN order_stock os ON os.order_id = o.id JOIN skus s ON s.id = os.sku_id
                WHERE o.shop_id = ? AND o.status = 'pending_payment' AND (? IS NULL OR os.sku_id = ?)
                ORDER BY o.hold_expires_at, o.id, s.code, os.warehouse_id LIMIT ?
                """, [shop, skuID, skuID, limit + 1]
            ).map(StockRows.hold).page(limit: limit)
        }
    }
}
