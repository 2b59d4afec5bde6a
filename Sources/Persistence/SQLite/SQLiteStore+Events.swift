import Commerce
import Foundation
import GRDB

extension SQLiteStore {
    public func appendEvents(_ shop: ShopID, _ events: [EventRecord], receivedAt: Instant) async throws -> [Bool] {
        try await batcher.write { db in
            var added: [[UInt8]] = []
            do {
                return try events.map { event in
                    let inserted = try self.insertEvent(db, shop: shop, event, receivedAt: receivedAt)
                    if inserted { added.append(event.uid) }
                    return inserted
                }
            } catch {
                // This call's savepoint rolls back: its ids were never stored.
                self.eventIDs.remove(shop: shop, uids: added)
                throw error
            }
        }
    }

    /// Inserts unless the event's uid (or its order event) is already stored; true when inserted.
    func insertEvent(_ db: Database, shop: ShopID, _ event: EventRecord, receivedAt: Instant) throws -> Bool {
        guard try eventIDs.insert(db, shop: shop, uid: event.uid) else { return false }
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO events (shop_id, uid, type, ts, anonymous_id, customer_id, session_id, channel, device,
                                          sku_id, order_id, value, url, referrer, utm_source, utm_medium, utm_campaign,
                                          properties, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var row = RawStatement(statement)
        row.reset()
        row.bind(shop)
        row.bind(blob: event.uid)
        row.bind(event.type)
        row.bind(event.timestamp.millisecondsSinceEpoch)
        row.bind(event.anonymousID)
        row.bind(event.customerID)
        row.bind(event.sessionID)
        row.bind(event.channel)
        row.bind(event.device)
        row.bind(event.skuID)
        row.bind(event.orderID)
        row.bind(event.value)
        row.bind(event.url)
        row.bind(event.referrer)
        row.bind(event.utmSource)
        row.bind(event.utmMedium)
        row.bind(event.utmCampaign)
        row.bind(event.properties)
        row.bind(receivedAt.millisecondsSinceEpoch)
        try row.step(db)
        guard db.changesCount > 0 else {
            eventIDs.remove(shop: shop, uids: [event.uid])
            return false
        }
        return true
    }

    /// The event the commerce core records for an order it placed or was paid for.
    func recordOrderEvent(
        _ db: Database, shop: ShopID, type: String, orderID: Int64, customerID: Int64?, total: Int64, at: Instant,
        sessionID: String? = nil, anonymousID: String? = nil
    ) throws {
        guard let event = EventRecord.order(
            type: type, orderID: orderID, customerID: customerID, total: total, at: at, sessionID: sessionID, anonymousID: anonymousID)
        else { return }
        _ = try insertEvent(db, shop: shop, event, receivedAt: at)
    }

    public func frameEvents(_ shop: ShopID, after position: EventPosition, limit: Int) async throws -> [FrameEventRow] {
        try await pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT seq, \(EventRows.frameColumns),
                       CASE WHEN type = 'experiment_exposure' THEN json_extract(properties, '$.experiment') END,
                       CASE WHEN type = 'experiment_exposure' THEN json_extract(properties, '$.variant') END
                FROM events WHERE shop_id = ? AND seq > ? ORDER BY seq LIMIT ?
                """)
            var rows: [FrameEventRow] = []
            let cursor = try Row.fetchCursor(statement, arguments: [shop, position.seq, limit])
            while let row = try cursor.next() {
                rows.append(EventRows.frameEvent(row, position: EventPosition(seq: row.int(0)), from: 1, exposure: true))
            }
            return rows
        }
    }

    public func ordersVersion(_ shop: ShopID) async throws -> Int64 {
        try await pool.read { db in try db.row("SELECT orders_version FROM shops WHERE id = ?", [shop])?[0] ?? 0 }
    }

    public func orderFacts(_ shop: ShopID) async throws -> [OrderFact] {
        try await pool.read { db in
            try db.rows(FactRows.orderFactsQuery, [shop]).map(FactRows.orderFact)
        }
    }

    public func refundFacts(_ shop: ShopID) async throws -> [RefundFact] {
        try await pool.read { db in
            try db.rows(FactRows.refundFactsQuery, [shop]).map(FactRows.refundFact)
        }
    }

    public func skuDirectory(_ shop: ShopID) async throws -> [SKUInfo] {
        try await pool.read { db in
            try db.rows(FactRows.skuDirectoryQuery, [shop]).map(FactRows.skuInfo)
        }
    }

    public func paidOrderLines(_ shop: ShopID) async throws -> [OrderLineFact] {
        try await pool.read { db in
            try db.rows(FactRows.paidOrderLinesQuery, [shop]).map(FactRows.orderLineFact)
        }
    }

    public func upsertAdSpend(_ shop: ShopID, _ rows: [AdSpendRecord]) async throws {
        try await pool.write { db in
            for row in rows {
                try db.run(
                    """
                    INSERT INTO ad_spend (shop_id, day, channel, campaign, spend, impressions, clicks) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (shop_id, day, channel, campaign)
                    DO UPDATE SET spend = excluded.spend, impressions = excluded.impressions, clicks = excluded.clicks
                    """, [shop, row.day, row.channel, row.campaign, row.spend, row.impressions, row.clicks])
            }
        }
    }

    public func adSpend(_ shop: ShopID, from: String, to: String) async throws -> [AdSpendRecord] {
        try await pool.read { db in
            try db.rows(FactRows.adSpendQuery, [shop, from, to]).map(FactRows.adSpend)
        }
    }
}
