import Commerce

extension PostgresStore {
    public func importOrders(_ shop: ShopID, _ orders: [ImportedOrder], currency: Currency, now: Instant) async throws -> ImportCounts {
        try await write { db in
            var counts = ImportCounts()
            var customers: [String: Int64] = [:]
            var skus: [String: Int64] = [:]
            for order in orders {
                if try await db.row("SELECT 1 FROM orders WHERE shop_id = ? AND external_id = ?", [shop, order.externalID]) != nil {
                    counts.existing += 1
                    continue
                }
                var customerID: Int64?
                if let key = order.customerKey {
                    customerID = try await Self.importedCustomer(
                        db, shop: shop, key: key, email: order.customerEmail, cache: &customers, counts: &counts, now: now)
                }
                let status: OrderStatus = switch order.outcome {
                case .paid: .completed
                case .refunded: order.refunded >= order.total ? .cancelled : .completed
                case .cancelled: .cancelled
                case .pending: .pendingPayment
                }
                let placed = order.placedAt.millisecondsSinceEpoch
                // Another instance importing the same file may have stored this order since the check.
                guard let inserted = try await db.row(
                    """
                    INSERT INTO orders (shop_id, customer_id, status, currency, subtotal, discount, shipping, total, cancel_reason,
                                        created_at, updated_at, paid_at, external_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (shop_id, external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING id
                    """,
                    [shop, customerID, status.rawValue, currency.code, order.subtotal, order.discount, order.shipping, order.total,
                     status == .cancelled ? CancelReason.requested.rawValue : nil, placed, placed,
                     order.paidAt?.millisecondsSinceEpoch, order.externalID])
                else {
                    counts.existing += 1
                    continue
                }
                let orderID: Int64 = inserted[0]
                for (index, line) in order.lines.enumerated() {
                    let skuID = try await Self.importedSKU(db, shop: shop, line: line, currency: currency, cache: &skus, counts: &counts, now: now)
                    try await db.run(
                        """
                        INSERT INTO order_lines (order_id, line_no, shop_id, sku_id, sku_code, title, quantity, unit_price, discount, total)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [orderID, index, shop, skuID, line.skuCode, line.title, line.quantity, line.unitPrice, line.discount,
                         line.quantity * line.unitPrice - line.discount])
                }
                if order.refunded > 0 {
                    let at = order.refundedAt ?? order.paidAt ?? order.placedAt
                    try await db.run(
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
        _ db: PGSession, shop: ShopID, key: String, email: String?, cache: inout [String: Int64], counts: inout ImportCounts, now: Instant
    ) async throws -> Int64 {
        if let id = cache[key] { return id }
        let existing = "SELECT id FROM customers WHERE shop_id = ? AND external_id = ?"
        let id: Int64
        if let row = try await db.row(existing, [shop, key]) {
            id = row[0]
        } else if let row = try await db.row(
            """
            INSERT INTO customers (shop_id, name, email, created_at, external_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (shop_id, external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING id
            """,
            [shop, email ?? key, email, now.millisecondsSinceEpoch, key]) {
            id = row[0]
            counts.customersCreated += 1
        } else {
            // Created by a concurrent import since the first look, which the insert waited for.
            guard let row = try await db.row(existing, [shop, key]) else { throw StoreError.notFound(entity: "customer", id: key) }
            id = row[0]
        }
        cache[key] = id
        return id
    }

    /// The SKU with this code, or a placeholder (its own delisted product) for a code the catalog lacks.
    static func importedSKU(
        _ db: PGSession, shop: ShopID, line: ImportedOrder.Line, currency: Currency, cache: inout [String: Int64],
        counts: inout ImportCounts, now: Instant
    ) async throws -> Int64 {
        if let id = cache[line.skuCode] { return id }
        let existing = "SELECT id FROM skus WHERE shop_id = ? AND code = ?"
        let id: Int64
        if let row = try await db.row(existing, [shop, line.skuCode]) {
            id = row[0]
        } else {
            let productID = try await db.insert(
                """
                INSERT INTO products (shop_id, title, description, category_id, attributes, status, lifecycle_stage, created_at, updated_at)
                VALUES (?, ?, 'Imported with order history.', NULL, '{}', ?, ?, ?, ?)
                """,
                [shop, line.title.isEmpty ? line.skuCode : line.title, ProductStatus.delisted.rawValue, LifecycleStage.mature.rawValue,
                 now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
            if let row = try await db.row(
                "INSERT INTO skus (shop_id, product_id, code, specs, price, currency) VALUES (?, ?, ?, '{}', ?, ?) ON CONFLICT (shop_id, code) DO NOTHING RETURNING id",
                [shop, productID, line.skuCode, line.unitPrice, currency.code]) {
                id = row[0]
                counts.placeholderSKUs += 1
                try await bumpPricingVersion(db, shop: shop)
            } else {
                // The code was created concurrently (by another import or the catalog): use that SKU.
                try await db.run("DELETE FROM products WHERE id = ?", [productID])
                guard let row = try await db.row(existing, [shop, line.skuCode]) else { throw StoreError.notFound(entity: "sku", id: line.skuCode) }
                id = row[0]
            }
        }
        cache[line.skuCode] = id
        return id
    }
}
