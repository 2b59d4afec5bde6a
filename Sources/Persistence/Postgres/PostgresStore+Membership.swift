import Commerce
import Foundation

extension PostgresStore {
    static let membershipProgramKey = "membership_program"

    public func membershipProgram(_ shop: ShopID) async throws -> MembershipProgram {
        try await read { db in try await Self.program(db, shop: shop) }
    }

    public func setMembershipProgram(_ shop: ShopID, _ program: MembershipProgram, now: Instant) async throws {
        let text = String(decoding: try JSONEncoder().encode(program), as: UTF8.self)
        try await write { db in
            try await db.run(
                "INSERT INTO settings (shop_id, key, value) VALUES (?, ?, ?) ON CONFLICT (shop_id, key) DO UPDATE SET value = excluded.value",
                [shop, Self.membershipProgramKey, text])
            // Locked in customer order, so growth cannot change under the new tier (orders lock one member row each).
            for row in try await db.rows(
                "SELECT customer_id, growth, tier FROM memberships WHERE shop_id = ? ORDER BY customer_id FOR UPDATE", [shop]) {
                let tier = program.tier(forGrowth: row[1]).level
                guard tier != row[2] as Int else { continue }
                try await Self.writeTier(db, shop: shop, customerID: row[0], from: row[2], to: tier, growth: row[1], reason: "program_changed", orderID: nil, now: now)
            }
        }
    }

    public func membership(_ shop: ShopID, customerID: Int64, now: Instant) async throws -> MembershipRecord? {
        try await write { db in
            guard try await db.row("SELECT 1 FROM customers WHERE shop_id = ? AND id = ?", [shop, customerID]) != nil else { return nil }
            _ = try await Self.settledBalance(db, shop: shop, customerID: customerID, now: now)
            return try await Self.membershipRecord(db, shop: shop, customerID: customerID)
        }
    }

    public func recordPoints(
        _ shop: ShopID, customerID: Int64, kind: PointsEntryKind, amount: Int64, note: String?, now: Instant
    ) async throws -> MembershipRecord {
        try await write { db in
            try await Self.requireCustomer(db, shop: shop, id: customerID)
            let balance = try await Self.settledBalance(db, shop: shop, customerID: customerID, now: now)
            if amount < 0, balance + amount < 0 {
                throw StoreError.rejected(code: "insufficient_points", field: "amount", message: "The customer has \(balance) points.", kind: .invalid)
            }
            let program = try await Self.program(db, shop: shop)
            let expires = amount > 0 ? now.adding(seconds: program.pointsExpiryDays * 86_400) : nil
            try await Self.appendPoints(db, shop: shop, customerID: customerID, [PointsEntry(kind: kind, amount: amount, at: now, expiresAt: expires, note: note)])
            return try await Self.membershipRecord(db, shop: shop, customerID: customerID)
        }
    }

    // MARK: - Inside other transactions

    /// A paid order earns growth and points at the customer's tier.
    static func accrueMembership(_ db: PGSession, shop: ShopID, order: Order, at now: Instant) async throws {
        guard let customerID = order.customerID else { return }
        try await lockMembership(db, shop: shop, customerID: customerID, now: now)
        let program = try await program(db, shop: shop)
        let (growth, tierLevel, _, _) = try await membershipRow(db, shop: shop, customerID: customerID)
        let tier = program.tiers[min(tierLevel, program.tiers.count - 1)]
        _ = try await settledBalance(db, shop: shop, customerID: customerID, now: now)
        let points = program.points(forPaid: order.total.amount, currency: order.total.currency, tier: tier)
        if points > 0 {
            try await appendPoints(db, shop: shop, customerID: customerID, [PointsEntry(
                kind: .earn, amount: points, at: now, expiresAt: now.adding(seconds: program.pointsExpiryDays * 86_400), orderID: order.id)])
        }
        let earned = program.growth(forPaid: order.total.amount, currency: order.total.currency)
        try await setGrowth(db, shop: shop, customerID: customerID, growth: growth + earned, program: program, reason: "order_paid", orderID: order.id, now: now)
    }

    /// A refund of a paid order (its refunded total moving from `before` to `after`) takes back
    /// growth and earned points in proportion, and gives back spent points in proportion. Earned
    /// points already spent are taken back only down to a zero balance.
    static func reverseMembership(
        _ db: PGSession, shop: ShopID, order: Order, refundedBefore before: Int64, refundedAfter after: Int64, now: Instant
    ) async throws {
        guard let customerID = order.customerID else { return }
        try await lockMembership(db, shop: shop, customerID: customerID, now: now)
        let program = try await program(db, shop: shop)
        let total = order.total.amount
        let balance = try await settledBalance(db, shop: shop, customerID: customerID, now: now)
        let sums = try await db.row(
            """
            SELECT COALESCE(SUM(CASE WHEN kind = 'earn' THEN amount END), 0), COALESCE(-SUM(CASE WHEN kind = 'redeem' THEN amount END), 0)
            FROM points_ledger WHERE shop_id = ? AND order_id = ?
            """, [shop, order.id])
        let earned: Int64 = sums?[0] ?? 0, spent: Int64 = sums?[1] ?? 0
        let entries = PointsLedger.refundEntries(
            earned: earned, spent: spent, total: total, refundedBefore: before, refundedAfter: after, balance: balance,
            expiryDays: program.pointsExpiryDays, orderID: order.id, at: now)
        try await appendPoints(db, shop: shop, customerID: customerID, entries)
        let growth = try await membershipRow(db, shop: shop, customerID: customerID).growth
        let lost = PointsLedger.proportional(program.growth(forPaid: total, currency: order.total.currency), total: total, refundedBefore: before, refundedAfter: after)
        try await setGrowth(db, shop: shop, customerID: customerID, growth: max(0, growth - lost), program: program, reason: "order_refunded", orderID: order.id, now: now)
    }

    /// An unpaid order that is cancelled gives back every point it spent.
    static func returnSpentPoints(_ db: PGSession, shop: ShopID, orderID: Int64, customerID: Int64?, now: Instant) async throws {
        guard let customerID else { return }
        let spent: Int64 = try await db.row(
            "SELECT COALESCE(-SUM(amount), 0) FROM points_ledger WHERE shop_id = ? AND order_id = ? AND kind IN ('redeem', 'redeem_return')",
            [shop, orderID])?[0] ?? 0
        guard spent > 0 else { return }
        let program = try await program(db, shop: shop)
        _ = try await settledBalance(db, shop: shop, customerID: customerID, now: now)
        try await appendPoints(db, shop: shop, customerID: customerID, [PointsEntry(
            kind: .redeemReturn, amount: spent, at: now, expiresAt: now.adding(seconds: program.pointsExpiryDays * 86_400), orderID: orderID)])
    }

    /// Spends points on a new order, after writing due expiries; refused if the balance is short.
    static func spendPoints(_ db: PGSession, shop: ShopID, customerID: Int64, orderID: Int64, points: Int64, now: Instant) async throws {
        guard points > 0 else { return }
        let balance = try await settledBalance(db, shop: shop, customerID: customerID, now: now)
        guard balance >= points else {
            throw StoreError.rejected(code: "insufficient_points", field: "points", message: "The customer has \(balance) points.", kind: .conflict)
        }
        try await appendPoints(db, shop: shop, customerID: customerID, [PointsEntry(kind: .redeem, amount: -points, at: now, orderID: orderID)])
    }

    /// The customer's tier and points balance for pricing (due expiries counted, not written).
    static func memberStanding(
        _ db: PGSession, shop: ShopID, customerID: Int64, now: Instant
    ) async throws -> (program: MembershipProgram, tier: MemberTier, balance: Int64) {
        let program = try await program(db, shop: shop)
        let row = try await membershipRow(db, shop: shop, customerID: customerID)
        let tier = program.tiers[min(row.tier, program.tiers.count - 1)]
        // Before the next possible expiry the stored balance is the balance; after it, replay.
        guard let next = row.nextExpiry, next <= now.millisecondsSinceEpoch else { return (program, tier, row.points) }
        return (program, tier, try await ledger(db, shop: shop, customerID: customerID).balance(at: now))
    }
}
