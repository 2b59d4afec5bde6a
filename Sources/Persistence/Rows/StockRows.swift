import Commerce

/// Warehouse, stock level, movement and hold rows.
enum StockRows {
    static func warehouse(_ row: some RecordRow) -> Warehouse {
        Warehouse(id: row.int("id"), code: row.text("code"), name: row.text("name"), priority: row.int("priority"))
    }

    /// A level from `sku_id, warehouse_id, on_hand, held, allocated`, by position.
    static func level(_ row: some RecordRow) -> StockLevel {
        StockLevel(skuID: row.int(0), warehouseID: row.int(1), onHand: row.int(2), held: row.int(3), allocated: row.int(4))
    }

    /// A SKU (`CatalogRows.skuColumns`) with its stock summed over warehouses (`t_on_hand`, `t_held`, `t_allocated`).
    static func total(_ row: some RecordRow) -> (sku: SKU, level: StockLevel) {
        let sku = CatalogRows.sku(row)
        return (sku, StockLevel(
            skuID: sku.id, warehouseID: 0, onHand: row.int("t_on_hand"), held: row.int("t_held"), allocated: row.int("t_allocated")))
    }

    static func movement(_ row: some RecordRow) -> StockMovement {
        StockMovement(
            id: row.int("id"), skuID: row.int("sku_id"), warehouseID: row.int("warehouse_id"),
            reason: StockReason(rawValue: row.text("reason")) ?? .countCorrection, onHandDelta: row.int("on_hand_delta"),
            heldDelta: row.int("held_delta"), allocatedDelta: row.int("allocated_delta"), orderID: row.optionalInt("order_id"),
            note: row.optionalText("note"), createdAt: row.instant("created_at"))
    }

    /// A hold from `order_id, sku_id, code, warehouse_id, quantity, hold_expires_at`, by position.
    static func hold(_ row: some RecordRow) -> StockHold {
        StockHold(
            orderID: row.int(0), skuID: row.int(1), skuCode: row.text(2), warehouseID: row.int(3), quantity: row.int(4),
            expiresAt: row.optionalInstant(5))
    }
}
