import Commerce
import Foundation

extension PostgresStore {
    /// Rows per multi-row `INSERT` (an event binds 17 parameters; a statement takes at most 65,535).
    private static let rowsPerInsert = 1_000

    public func appendEvents(_ shop: ShopID, _ events: [EventRecord], receivedAt: Instant) async throws -> [Bool] {
        try await write { db in
            var added: [Bool] = []
            added.reserveCapacity(events.count)
            var start = 0
            while start < events.count {
                let end = min(start + Self.rowsPerInsert, events.count)
                added += try await Self.insertEvents(db, shop: shop, events[start..<end], receivedAt: receivedAt)
                start = end
            }
            return added
        }
    }

    /// Inserts unless the event's uid (or its order event) is already stored; true when inserted.
    func insertEvent(_ db: PGSession, shop: ShopID, _ event: EventRecord, receivedAt: Instant) async throws -> Bool {
        try await Self.insertEvents(db, shop: shop, [event], receivedAt: receivedAt)[0]
    }

    /// One multi-row insert. The unique indexes on `(shop_id, uid)` and on order events skip
    /// duplicates (`ON CONFLICT DO NOTHING` without a target covers both, and a row repeated within
    /// the statement too). Rows are inserted in input order and each draws its `seq` as it is
    /// formed, so the returned rows sorted by `seq` are the inserted inputs in order; an input is
    /// matched by its uid, type and order id, which tell apart any two inputs where only the later
    /// one can have been stored.
    static func insertEvents(_ db: PGSession, shop: ShopID, _ events: ArraySlice<EventRecord>, receivedAt: Instant) async throws -> [Bool] {
        var arguments: [(any PGBindable)?] = [shop, receivedAt.millisecondsSinceEpoch]
        arguments.reserveCapacity(2 + events.count * 17)
        var tuples: [String] = []
        tuples.reserveCapacity(events.count)
        for event in events {
            let first = arguments.count + 1
            tuples.append("(?1, " + (first..<first + 17).map { "?\($0)" }.joined(separator: ", ") + ", ?2)")
            arguments += [
                event.uid, event.type, event.timestamp.millisecondsSinceEpoch, event.anonymousID, event.customerID, event.sessionID,
                event.channel, event.device, event.skuID, event.orderID, event.value, event.url, event.referrer, event.utmSource,
                event.utmMedium, event.utmCampaign, event.properties,
            ]
        }
        let stored = try await db.rows(
            """
            INSERT INTO events (shop_id, uid, type, ts, anonymous_id, customer_id, session_id, channel, device, sku_id, order_id,
                                value, url, referrer, utm_source, utm_medium, utm_campaign, properties, received_at)
            VALUES \(tuples.joined(separator: ", "))
            ON CONFLICT DO NOTHING RETURNING seq, uid, type, order_id
            """, arguments
        ).map { (seq: $0[0] as Int64, uid: $0[1] as [UInt8], type: $0[2] as String, orderID: $0[3] as Int64?) }
            .sorted { $0.seq < $1.seq }
        var next = stored.startIndex
        return events.map { event in
            guard next < stored.endIndex, stored[next].uid == event.uid, stored[next].type == event.type,
                  stored[next].orderID == event.orderID else { return false }
            next += 1
            return true
        }
    }

    /// The event the commerce core records for an order it placed or was paid for.
    func recordOrderEvent(
        _ db: PGSession, shop: ShopID, type: String, orderID: Int64, customerID: Int64?, total: Int64, at: Instant,
        sessionID: String? = nil, anonymousID: String? = nil
    ) async throws {
        guard let event = EventRecord.order(
            type: type, orderID: orderID, customerID: customerID, total: total, at: at, sessionID: sessionID, anonymousID: anonymousID)
        else { return }
        _ = try await insertEvent(db, shop: shop, event, receivedAt: at)
    }

    /// Every visible event after `position` in `(tx, seq)` order, each marked settled or not.
    /// `seq` is drawn when a row is inserted, not when it commits: a transaction holding a smaller
    /// `seq` can commit after one holding a larger `seq` was read. Below the horizon — the oldest
    /// transaction still running — every transaction is over and none can add rows (a new one gets a
    /// larger id), so those rows are settled and a reader may move past them for good. Rows at or
    /// above it are visible but may yet be preceded by a late commit: readers use them now and read
    /// them again next time. The horizon and the rows come from one statement (one snapshot).
    public func frameEvents(_ shop: ShopID, after position: EventPosition, limit: Int) async throws -> [FrameEventRow] {
        try await read { db in
            try await db.rows(
                """
                SELECT tx, seq, \(EventRows.frameColumns),
                       CASE WHEN type = 'experiment_exposure' THEN (properties::jsonb ->> 'experiment') END,
                       CASE WHEN type = 'experiment_exposure' THEN (properties::jsonb ->> 'variant') END,
                       tx < (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint)
                FROM events
                WHERE shop_id = ? AND (tx, seq) > (?, ?)
                ORDER BY tx, seq LIMIT ?
                """, [shop, position.transaction, position.seq, limit]
            ).map { row in
                EventRows.frameEvent(
                    row, position: EventPosition(transaction: row.int(0), seq: row.int(1)), from: 2, exposure: true, settled: row.flag(14))
            }
        }
    }

    /// The sum of the striped counter that order, refund and SKU-cost writes bump (see
    /// `PostgresSchema.ordersVersion`): it moves only when such a change has committed.
    public func ordersVersion(_ shop: ShopID) async throws -> Int64 {
        try await read { db in try await db.row("SELECT COALESCE(SUM(n), 0) FROM orders_version_slots")?[0] ?? 0 }
    }

    public func orderFacts(_ shop: ShopID) async throws -> [OrderFact] {
        try await read { db in
            try await db.rows(FactRows.orderFactsQuery, [shop]).map(FactRows.orderFact)
        }
    }

    public func refundFacts(_ shop: ShopID) async throws -> [RefundFact] {
        try await read { db in
            try await db.rows(FactRows.refundFactsQuery, [shop]).map(FactRows.refundFact)
        }
    }

    public func skuDirectory(_ shop: ShopID) async throws -> [SKUInfo] {
        try await read { db in
            try await db.rows(FactRows.skuDirectoryQuery, [shop]).map(FactRows.skuInfo)
        }
    }

    public func paidOrderLines(_ shop: ShopID) async throws -> [OrderLineFact] {
        try await read { db in
            try await db.rows(FactRows.paidOrderLinesQuery, [shop]).map(FactRows.orderLineFact)
        }
    }

    /// Multi-row upserts. A statement may not update one row twice, so a key given more than once
    /// keeps only its last row — what SQLite's row-by-row replacing leaves.
    public func upsertAdSpend(_ shop: ShopID, _ rows: [AdSpendRecord]) async throws {
        var last: [[String]: Int] = [:]
        for (index, row) in rows.enumerated() { last[[row.day, row.channel, row.campaign]] = index }
        let unique = last.values.sorted().map { rows[$0] }
        try await write { db in
            var start = 0
            while start < unique.count {
                let chunk = unique[start..<min(start + Self.rowsPerInsert, unique.count)]
                var arguments: [(any PGBindable)?] = [shop]
                for row in chunk { arguments += [row.day, row.channel, row.campaign, row.spend, row.impressions, row.clicks] }
                try await db.run(
                    """
                    INSERT INTO ad_spend (shop_id, day, channel, campaign, spend, impressions, clicks)
                    VALUES \(Array(repeating: "(?1, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", "))
                    ON CONFLICT (shop_id, day, channel, campaign)
                    DO UPDATE SET spend = excluded.spend, impressions = excluded.impressions, clicks = excluded.clicks
                    """, arguments)
                start += chunk.count
            }
        }
    }

    public func adSpend(_ shop: ShopID, from: String, to: String) async throws -> [AdSpendRecord] {
        try await read { db in
            try await db.rows(FactRows.adSpendQuery, [shop, from, to]).map(FactRows.adSpend)
        }
    }
}
