import Commerce

/// Reading and writing membership rows inside a transaction.
extension PostgresStore {
    static func program(_ db: PGSession, shop: ShopID) async throws -> MembershipProgram {
        guard let text: String = try await db.row("SELECT value FROM settings WHERE shop_id = ? AND key = ?", [shop, membershipProgramKey])?[0] else {
            return .standard
        }
        return try MembershipRows.program(shop: shop, text: text)
    }

    /// Growth, tier, points balance and the earliest time a lot may expire; a customer without
    /// a row is a V0 member with nothing.
    static func membershipRow(_ db: PGSession, shop: ShopID, customerID: Int64) async throws -> (growth: Int64, tier: Int, points: Int64, nextExpiry: Int64?) {
        guard let row = try await db.row(
            "SELECT \(MembershipRows.standingColumns) FROM memberships WHERE shop_id = ? AND customer_id = ?", [shop, customerID]) else {
            return (0, 0, 0, nil)
        }
        return MembershipRows.standing(row)
    }

    /// Creates the member's row when missing (at V0 with nothing, as a missing row reads) and locks it
    /// to the end of the transaction. SQLite's single writer kept growth still between its read and
    /// `setGrowth`; here two instances paying a customer's orders at once take turns on this row.
    static func lockMembership(_ db: PGSession, shop: ShopID, customerID: Int64, now: Instant) async throws {
        try await db.run(
            "INSERT INTO memberships (shop_id, customer_id, growth, tier, updated_at) VALUES (?, ?, 0, 0, ?) ON CONFLICT DO NOTHING",
            [shop, customerID, now.millisecondsSinceEpoch])
        try await db.run("SELECT 1 FROM memberships WHERE shop_id = ? AND customer_id = ? FOR UPDATE", [shop, customerID])
    }

    static func ledger(_ db: PGSession, shop: ShopID, customerID: Int64) async throws -> PointsLedger {
        PointsLedger(try await db.rows(
            "SELECT \(MembershipRows.ledgerColumns) FROM points_ledger WHERE shop_id = ? AND customer_id = ? ORDER BY id",
            [shop, customerID]
        ).map(MembershipRows.pointsEntry))
    }

    /// The points balance after writing the expiries due at `now` (each dated at its lot's
    /// expiry). The ledger is replayed only when a lot may have come due.
    static func settledBalance(_ db: PGSession, shop: ShopID, customerID: Int64, now: Instant) async throws -> Int64 {
        // The member's row is locked before its balance is read, so concurrent spends (or two settlements
        // of the same expiries) from any instance take turns and the later one sees the earlier one's entries.
        guard let row = try await db.row(
            "SELECT points, next_expiry_at FROM memberships WHERE shop_id = ? AND customer_id = ? FOR UPDATE", [shop, customerID]) else {
            return 0
        }
        let points: Int64 = row[0], nextExpiry: Int64? = row[1]
        guard let next = nextExpiry, next <= now.millisecondsSinceEpoch else { return points }
        let current = try await ledger(db, shop: shop, customerID: customerID)
        let due = current.expiries(at: now)
        try await appendPoints(db, shop: shop, customerID: customerID, due)
        let settled = PointsLedger(current.entries + due)
        let remaining = settled.remainingLots().filter { $0.remaining > 0 }.compactMap { $0.expiresAt?.millisecondsSinceEpoch }
        try await db.run("UPDATE memberships SET next_expiry_at = ? WHERE shop_id = ? AND customer_id = ?", [remaining.min(), shop, customerID])
        return settled.balance
    }

    /// Appends entries and keeps the membership row's balance and next expiry with them.
    static func appendPoints(_ db: PGSession, shop: ShopID, customerID: Int64, _ entries: [PointsEntry]) async throws {
        let written = entries.filter { $0.amount != 0 }
        guard !written.isEmpty else { return }
        for entry in written {
            try await db.run(
                "INSERT INTO points_ledger (shop_id, customer_id, kind, amount, at, expires_at, order_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [shop, customerID, entry.kind.rawValue, entry.amount, entry.at.millisecondsSinceEpoch,
                 entry.expiresAt?.millisecondsSinceEpoch, entry.orderID, entry.note])
        }
        let change = written.reduce(0) { $0 + $1.amount }
        let earliest = written.filter { $0.amount > 0 }.compactMap { $0.expiresAt?.millisecondsSinceEpoch }.min()
        try await db.run(
            "INSERT INTO memberships (shop_id, customer_id, growth, tier, updated_at) VALUES (?, ?, 0, 0, ?) ON CONFLICT DO NOTHING",
            [shop, customerID, written.last!.at.millisecondsSinceEpoch])
        try await db.run(
            """
            UPDATE memberships SET points = points + ?,
                next_expiry_at = CASE WHEN ?2::bigint IS NULL THEN next_expiry_at WHEN next_expiry_at IS NULL THEN ?2 ELSE LEAST(next_expiry_at, ?2) END
            WHERE shop_id = ? AND customer_id = ?
            """, [change, earliest, shop, customerID])
    }

    static func setGrowth(
        _ db: PGSession, shop: ShopID, customerID: Int64, growth: Int64, program: MembershipProgram, reason: String, orderID: Int64?, now: Instant
    ) async throws {
        let current = try await membershipRow(db, shop: shop, customerID: customerID).tier
        let tier = program.tier(forGrowth: growth).level
        try await db.run(
            """
            INSERT INTO memberships (shop_id, customer_id, growth, tier, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (shop_id, customer_id) DO UPDATE SET growth = excluded.growth, tier = excluded.tier, updated_at = excluded.updated_at
            """, [shop, customerID, growth, tier, now.millisecondsSinceEpoch])
        if tier != current {
            try await writeTier(db, shop: shop, customerID: customerID, from: current, to: tier, growth: growth, reason: reason, orderID: orderID, now: now)
        }
    }

    static func writeTier(
        _ db: PGSession, shop: ShopID, customerID: Int64, from: Int, to: Int, growth: Int64, reason: String, orderID: Int64?, now: Instant
    ) async throws {
        try await db.run("UPDATE memberships SET tier = ?, updated_at = ? WHERE shop_id = ? AND customer_id = ?", [to, now.millisecondsSinceEpoch, shop, customerID])
        try await db.run(
            "INSERT INTO tier_changes (shop_id, customer_id, from_tier, to_tier, growth, reason, order_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [shop, customerID, from, to, growth, reason, orderID, now.millisecondsSinceEpoch])
    }

    static func membershipRecord(_ db: PGSession, shop: ShopID, customerID: Int64) async throws -> MembershipRecord {
        let (growth, tier, _, _) = try await membershipRow(db, shop: shop, customerID: customerID)
        let history = try await db.rows(
            "SELECT \(MembershipRows.tierChangeColumns) FROM tier_changes WHERE shop_id = ? AND customer_id = ? ORDER BY id",
            [shop, customerID]
        ).map(MembershipRows.tierChange)
        return MembershipRecord(
            customerID: customerID, growth: growth, tier: tier, tierHistory: history, ledger: try await ledger(db, shop: shop, customerID: customerID).entries)
    }
}
