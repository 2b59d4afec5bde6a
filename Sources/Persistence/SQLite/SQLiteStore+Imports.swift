import Commerce
import GRDB

extension SQLiteStore {
    public func importOrders(_ shop: ShopID, _ orders: [ImportedOrder], currency: Currency, now: Instant) async throws -> ImportCounts {
        try await pool.write { db in
            var counts = ImportCounts()
            var customers: [String: Int64] = [:]
            var skus: [String: Int64] = [:]
            for order in orders {
                if try db.row("SELECT 1 FROM orders WHERE shop_id = ? AND external_id = ?", [shop, order.externalID]) != nil {
                    counts.existing += 1
                    continue
                }
                let customerID = try order.customerKey.map { key in
                    try Self.importedCustomer(db, shop: shop, key: key, email: order.customerEmail, cache: &customers, counts: &counts, now: now)
                }
                let status: OrderStatus = switch order.outcome {
                case .paid: .completed
                case .refunded: order.refunded >= order.total ? .cancelled : .completed
                case .cancelled: .cancelled
                case .pending: .pendingPayment
                }
                let placed = order.placedAt.millisecondsSinceEpoch
                try db.run(
                    """
                    INSERT INTO orders (shop_id, customer_id, status, currency, subtotal, discount, shipping, total, cancel_reason,
                                        created_at, updated_at, paid_at, external_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [shop, customerID, status.rawValue, currency.code, order.subtotal, order.discount, order.shipping, order.total,
                     status == .cancelled ? CancelReason.requested.rawValue : nil, placed, placed,
                     order.paidAt?.millisecondsSinceEpoch, order.externalID])
                let orderID = db.lastInsertedRowID
                for (index, line) in order.lines.enumerated() {
                    let skuID = try Self.importedSKU(db, shop: shop, line: line, currency: currency, cache: &skus, counts: &counts, now: now)
                    try db.run(
                        """
                        INSERT INTO order_lines (order_id, line_no, shop_id, sku_id, sku_code, title, quantity, unit_price, discount, total)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [orderID, index, shop, skuID, line.skuCode, line.title, line.quantity, line.unitPrice, line.discount,
                         line.quantity * line.unitPrice - line.discount])
                }
                if order.refunded > 0 {
                    let at = order.refundedAt ?? order.paidAt ?? order.placedAt
                    try db.run(
                        "INSERT INTO refunds (shop_id, order_id, amount, currency, reason, created_at) VALUES (?, ?, ?, ?, 'imported', ?)",
                        [shop, orderID, order.refunded, currency.code, at.millisecondsSinceEpoch])
                }
                counts.imported += 1
            }
            return counts
        }
    }

    /// The customer with this external key, created on first sight.
    static func importedCustomer(
        _ db: Database, shop: ShopID, key: String, email: String?, cache: inout [String: Int64], counts: inout ImportCounts, now: Instant
    ) throws -> Int64 {
        if let id = cache[key] { return id }
        let id: Int64
        if let row = try db.row("SELECT id FROM customers WHERE shop_id = ? AND external_id = ?", [shop, key]) {
            id = row[0]
        } else {
            try db.run(
                "INSERT INTO customers (shop_id, name, email, created_at, external_id) VALUES (?, ?, ?, ?, ?)",
                [shop, email ?? key, email, now.millisecondsSinceEpoch, key])
            id = db.lastInsertedRowID
            counts.customersCreated += 1
        }
        cache[key] = id
        return id
    }

    /// The SKU with this code, or a placeholder (its own delisted product) for a code the catalog lacks.
    static func importedSKU(
        _ db: Database, shop: ShopID, line: ImportedOrder.Line, currency: Currency, cache: inout [String: Int64],
        counts: inout ImportCounts, now: Instant
    ) throws -> Int64 {
        if let id = cache[line.skuCode] { return id }
        let id: Int64
        if let row = try db.row("SELECT id FROM skus WHERE shop_id = ? AND code = ?", [shop, line.skuCode]) {
            id = row[0]
        } else {
            try db.run(
                """
                INSERT INTO products (shop_id, title, description, category_id, attributes, status, lifecycle_stage, created_at, updated_at)
                VALUES (?, ?, 'Imported with order history.', NULL, '{}', ?, ?, ?, ?)
                """,
                [shop, line.title.isEmpty ? line.skuCode : line.title, ProductStatus.delisted.rawValue, LifecycleStage.mature.rawValue,
                 now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
            try db.run(
                "INSERT INTO skus (shop_id, product_id, code, specs, price, currency) VALUES (?, ?, ?, '{}', ?, ?)",
                [shop, db.lastInsertedRowID, line.skuCode, line.unitPrice, currency.code])
            id = db.lastInsertedRowID
            counts.placeholderSKUs += 1
            try bumpPricingVersion(db, shop: shop)
        }
        cache[line.skuCode] = id
        return id
    }
}
