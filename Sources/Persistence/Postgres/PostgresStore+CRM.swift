import Commerce

extension PostgresStore {
    public func setOptOuts(_ shop: ShopID, customerID: Int64, channels: Set<MessageChannel>, now: Instant) async throws {
        try await write { db in
            try await Self.requireCustomer(db, shop: shop, id: customerID)
            // Concurrent replacements of one customer's set take turns, so one set wins whole.
            try await db.run("SELECT id FROM customers WHERE id = ? FOR NO KEY UPDATE", [customerID])
            try await db.run("DELETE FROM customer_opt_outs WHERE shop_id = ? AND customer_id = ?", [shop, customerID])
            for channel in channels.sorted(by: { $0.rawValue < $1.rawValue }) {
                try await db.run("INSERT INTO customer_opt_outs (shop_id, customer_id, channel, at) VALUES (?, ?, ?, ?)",
                                 [shop, customerID, channel.rawValue, now.millisecondsSinceEpoch])
            }
        }
    }

    public func optOuts(_ shop: ShopID, customerID: Int64) async throws -> Set<MessageChannel> {
        try await read { db in
            Set(try await db.rows("SELECT channel FROM customer_opt_outs WHERE shop_id = ? AND customer_id = ?", [shop, customerID])
                .compactMap { MessageChannel(rawValue: $0[0]) })
        }
    }

    public func eraseCustomer(_ shop: ShopID, customerID: Int64, now: Instant) async throws {
        try await write { db in
            try await Self.requireCustomer(db, shop: shop, id: customerID)
            // Visitor ids seen together with the customer are theirs too; they are read from the
            // events before those are deleted, so the orders go first.
            let visitors = "SELECT anonymous_id FROM events WHERE shop_id = ?1 AND customer_id = ?2 AND anonymous_id IS NOT NULL"
            try await db.run(
                "UPDATE customers SET name = 'erased', phone = NULL, email = NULL, external_id = NULL, acquisition_channel = NULL, erased_at = ? WHERE shop_id = ? AND id = ?",
                [now.millisecondsSinceEpoch, shop, customerID])
            try await db.run(
                "UPDATE orders SET shipping_address = NULL, anonymous_id = NULL, session_id = NULL WHERE shop_id = ? AND customer_id = ?",
                [shop, customerID])
            try await db.run(
                "UPDATE orders SET anonymous_id = NULL, session_id = NULL WHERE shop_id = ?1 AND anonymous_id IN (\(visitors))", [shop, customerID])
            try await db.run(
                "DELETE FROM events WHERE shop_id = ?1 AND (customer_id = ?2 OR anonymous_id IN (\(visitors)))", [shop, customerID])
            try await db.run("DELETE FROM customer_opt_outs WHERE shop_id = ? AND customer_id = ?", [shop, customerID])
            try await db.run(
                "UPDATE outbox SET body = '', status = CASE WHEN status IN ('pending', 'sending') THEN 'failed' ELSE status END, error = COALESCE(error, 'erased') WHERE shop_id = ? AND customer_id = ?",
                [shop, customerID])
        }
    }

    public func customerExport(_ shop: ShopID, customerID: Int64) async throws -> CustomerExport {
        let claims = try await claims(shop, customerID: customerID)
        return try await snapshot { db in
            var orders: [Order] = []
            for row in try await db.rows("SELECT id FROM orders WHERE shop_id = ? AND customer_id = ? ORDER BY id", [shop, customerID]) {
                orders.append(try await Self.requireOrder(db, shop: shop, id: row[0]))
            }
            let events = try await db.rows(
                """
                SELECT tx, seq, \(EventRows.frameColumns) FROM events
                WHERE shop_id = ?1 AND (customer_id = ?2 OR anonymous_id IN
                    (SELECT anonymous_id FROM events WHERE shop_id = ?1 AND customer_id = ?2 AND anonymous_id IS NOT NULL))
                ORDER BY tx, seq
                """, [shop, customerID]
            ).map { row in EventRows.frameEvent(row, position: EventPosition(transaction: row.int(0), seq: row.int(1)), from: 2) }
            let messages = try await db.rows(
                "SELECT o.*, c.phone, c.email FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE o.shop_id = ? AND o.customer_id = ? ORDER BY o.id",
                [shop, customerID]).map(CRMRows.outboxMessage)
            return CustomerExport(orders: orders, claims: claims, events: events, messages: messages)
        }
    }

    public func customerDirectory(_ shop: ShopID) async throws -> [CustomerDirectoryEntry] {
        try await read { db in
            try await db.rows(
                """
                SELECT c.id, c.name, c.acquisition_channel, c.erased_at IS NOT NULL, COALESCE(m.tier, 0), COALESCE(m.points, 0)
                FROM customers c LEFT JOIN memberships m ON m.shop_id = c.shop_id AND m.customer_id = c.id
                WHERE c.shop_id = ? ORDER BY c.id
                """, [shop]
            ).map(CRMRows.directoryEntry)
        }
    }

    public func createSegment(_ shop: ShopID, name: String, rules: String, now: Instant) async throws -> SegmentRecord {
        try await write { db in
            // The unique name decides between concurrent creators; a failed insert would end the transaction.
            guard let row = try await db.row(
                "INSERT INTO segments (shop_id, name, rules, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (shop_id, name) DO NOTHING RETURNING id",
                [shop, name, rules, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
            else { throw StoreError.duplicate(field: "name", value: name) }
            return try await Self.requireSegment(db, shop: shop, id: row[0])
        }
    }

    public func updateSegment(_ shop: ShopID, id: Int64, name: String, rules: String, now: Instant) async throws -> SegmentRecord {
        try await write { db in
            _ = try await Self.requireSegment(db, shop: shop, id: id)
            do {
                try await db.run("UPDATE segments SET name = ?, rules = ?, updated_at = ? WHERE id = ?", [name, rules, now.millisecondsSinceEpoch, id])
            } catch where PostgresErrors.isUniqueViolation(error) {
                throw StoreError.duplicate(field: "name", value: name)
            }
            return try await Self.requireSegment(db, shop: shop, id: id)
        }
    }

    public func segment(_ shop: ShopID, id: Int64) async throws -> SegmentRecord? {
        try await read { db in try await db.row("SELECT * FROM segments WHERE shop_id = ? AND id = ?", [shop, id]).map(CRMRows.segment) }
    }

    public func segments(_ shop: ShopID, page: PageRequest) async throws -> Page<SegmentRecord> {
        try await read { db in
            try await db.rows("SELECT * FROM segments WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                              [shop, page.startingAfter ?? Int64.max, page.limit + 1]).map(CRMRows.segment).page(limit: page.limit)
        }
    }

    static func requireSegment(_ db: PGSession, shop: ShopID, id: Int64) async throws -> SegmentRecord {
        guard let row = try await db.row("SELECT * FROM segments WHERE shop_id = ? AND id = ?", [shop, id]) else {
            throw StoreError.notFound(entity: "segment", id: IDPrefix.segment.format(id))
        }
        return CRMRows.segment(row)
    }

    @discardableResult
    static func requireCustomer(_ db: PGSession, shop: ShopID, id: Int64) async throws -> PGRow {
        guard let row = try await db.row("SELECT * FROM customers WHERE shop_id = ? AND id = ?", [shop, id]) else {
            throw StoreError.notFound(entity: "customer", id: IDPrefix.customer.format(id))
        }
        return row
    }
}
