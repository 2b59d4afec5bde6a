import Commerce
import GRDB

extension SQLiteStore {
    public func setOptOuts(_ shop: ShopID, customerID: Int64, channels: Set<MessageChannel>, now: Instant) async throws {
        try await pool.write { db in
            try Self.requireCustomer(db, shop: shop, id: customerID)
            try db.run("DELETE FROM customer_opt_outs WHERE shop_id = ? AND customer_id = ?", [shop, customerID])
            for channel in channels.sorted(by: { $0.rawValue < $1.rawValue }) {
                try db.run("INSERT INTO customer_opt_outs (shop_id, customer_id, channel, at) VALUES (?, ?, ?, ?)",
                           [shop, customerID, channel.rawValue, now.millisecondsSinceEpoch])
            }
        }
    }

    public func optOuts(_ shop: ShopID, customerID: Int64) async throws -> Set<MessageChannel> {
        try await pool.read { db in
            Set(try db.rows("SELECT channel FROM customer_opt_outs WHERE shop_id = ? AND customer_id = ?", [shop, customerID])
                .compactMap { MessageChannel(rawValue: $0[0]) })
        }
    }

    public func eraseCustomer(_ shop: ShopID, customerID: Int64, now: Instant) async throws {
        try await pool.write { db in
            try Self.requireCustomer(db, shop: shop, id: customerID)
            // Visitor ids seen together with the customer are theirs too.
            let anonymous: [String] = try db.rows(
                "SELECT DISTINCT anonymous_id FROM events WHERE shop_id = ? AND customer_id = ? AND anonymous_id IS NOT NULL", [shop, customerID]
            ).map { $0[0] }
            try db.run(
                "UPDATE customers SET name = 'erased', phone = NULL, email = NULL, external_id = NULL, acquisition_channel = NULL, erased_at = ? WHERE shop_id = ? AND id = ?",
                [now.millisecondsSinceEpoch, shop, customerID])
            try db.run(
                "UPDATE orders SET shipping_address = NULL, anonymous_id = NULL, session_id = NULL WHERE shop_id = ? AND customer_id = ?",
                [shop, customerID])
            try db.run("DELETE FROM events WHERE shop_id = ? AND customer_id = ?", [shop, customerID])
            for id in anonymous {
                try db.run("DELETE FROM events WHERE shop_id = ? AND anonymous_id = ?", [shop, id])
                try db.run("UPDATE orders SET anonymous_id = NULL, session_id = NULL WHERE shop_id = ? AND anonymous_id = ?", [shop, id])
            }
            try db.run("DELETE FROM customer_opt_outs WHERE shop_id = ? AND customer_id = ?", [shop, customerID])
            try db.run("UPDATE outbox SET body = '', status = CASE WHEN status IN ('pending', 'sending') THEN 'failed' ELSE status END, error = COALESCE(error, 'erased') WHERE shop_id = ? AND customer_id = ?", [shop, customerID])
        }
    }

    public func customerExport(_ shop: ShopID, customerID: Int64) async throws -> CustomerExport {
        let claims = try await claims(shop, customerID: customerID)
        return try await pool.read { db in
            let orders = try db.rows("SELECT id FROM orders WHERE shop_id = ? AND customer_id = ? ORDER BY id", [shop, customerID])
                .map { try Self.requireOrder(db, shop: shop, id: $0[0]) }
            let events = try db.rows(
                """
                SELECT seq, \(EventRows.frameColumns) FROM events
                WHERE shop_id = ? AND (customer_id = ? OR anonymous_id IN
                    (SELECT DISTINCT anonymous_id FROM events WHERE shop_id = ? AND customer_id = ? AND anonymous_id IS NOT NULL))
                ORDER BY seq
                """, [shop, customerID, shop, customerID]
            ).map { row in EventRows.frameEvent(row, position: EventPosition(seq: row.int(0)), from: 1) }
            let messages = try db.rows(
                "SELECT o.*, c.phone, c.email FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE o.shop_id = ? AND o.customer_id = ? ORDER BY o.id",
                [shop, customerID]).map(CRMRows.outboxMessage)
            return CustomerExport(orders: orders, claims: claims, events: events, messages: messages)
        }
    }

    public func customerDirectory(_ shop: ShopID) async throws -> [CustomerDirectoryEntry] {
        try await pool.read { db in
            try db.rows(
                """
                SELECT c.id, c.name, c.acquisition_channel, c.erased_at IS NOT NULL, COALESCE(m.tier, 0), COALESCE(m.points, 0)
                FROM customers c LEFT JOIN memberships m ON m.shop_id = c.shop_id AND m.customer_id = c.id
                WHERE c.shop_id = ? ORDER BY c.id
                """, [shop]
            ).map(CRMRows.directoryEntry)
        }
    }

    public func createSegment(_ shop: ShopID, name: String, rules: String, now: Instant) async throws -> SegmentRecord {
        try await pool.write { db in
            guard try db.row("SELECT 1 FROM segments WHERE shop_id = ? AND name = ?", [shop, name]) == nil else {
                throw StoreError.duplicate(field: "name", value: name)
            }
            try db.run("INSERT INTO segments (shop_id, name, rules, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                       [shop, name, rules, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
            return try Self.requireSegment(db, shop: shop, id: db.lastInsertedRowID)
        }
    }

    public func updateSegment(_ shop: ShopID, id: Int64, name: String, rules: String, now: Instant) async throws -> SegmentRecord {
        try await pool.write { db in
            _ = try Self.requireSegment(db, shop: shop, id: id)
            guard try db.row("SELECT 1 FROM segments WHERE shop_id = ? AND name = ? AND id != ?", [shop, name, id]) == nil else {
                throw StoreError.duplicate(field: "name", value: name)
            }
            try db.run("UPDATE segments SET name = ?, rules = ?, updated_at = ? WHERE id = ?", [name, rules, now.millisecondsSinceEpoch, id])
            return try Self.requireSegment(db, shop: shop, id: id)
        }
    }

    public func segment(_ shop: ShopID, id: Int64) async throws -> SegmentRecord? {
        try await pool.read { db in try db.row("SELECT * FROM segments WHERE shop_id = ? AND id = ?", [shop, id]).map(CRMRows.segment) }
    }

    public func segments(_ shop: ShopID, page: PageRequest) async throws -> Page<SegmentRecord> {
        try await pool.read { db in
            try db.rows("SELECT * FROM segments WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                        [shop, page.startingAfter ?? Int64.max, page.limit + 1]).map(CRMRows.segment).page(limit: page.limit)
        }
    }

    static func requireSegment(_ db: Database, shop: ShopID, id: Int64) throws -> SegmentRecord {
        guard let row = try db.row("SELECT * FROM segments WHERE shop_id = ? AND id = ?", [shop, id]) else {
            throw StoreError.notFound(entity: "segment", id: IDPrefix.segment.format(id))
        }
        return CRMRows.segment(row)
    }

    @discardableResult
    static func requireCustomer(_ db: Database, shop: ShopID, id: Int64) throws -> Row {
        guard let row = try db.row("SELECT * FROM customers WHERE shop_id = ? AND id = ?", [shop, id]) else {
            throw StoreError.notFound(entity: "customer", id: IDPrefix.customer.format(id))
        }
        return row
    }
}
