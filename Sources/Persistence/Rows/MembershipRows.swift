import Commerce
import Foundation
import Synchronization

/// Membership, points ledger and tier change rows, and the stored membership program.
enum MembershipRows {
    /// The columns `standing(_:)` reads, by position.
    static let standingColumns = "growth, tier, points, next_expiry_at"
    /// The `points_ledger` columns `pointsEntry(_:)` reads, by position.
    static let ledgerColumns = "kind, amount, at, expires_at, order_id, note"
    /// The `tier_changes` columns `tierChange(_:)` reads, by position.
    static let tierChangeColumns = "from_tier, to_tier, growth, reason, order_id, at"

    /// Decoded programs by their stored text: every paid order reads the program, and decoding
    /// its JSON each time would be most of that read. Keyed by the text, so never stale.
    private static let programs = Mutex<[ShopID: (text: String, program: MembershipProgram)]>([:])

    /// The shop's program from its stored JSON text.
    static func program(shop: ShopID, text: String) throws -> MembershipProgram {
        if let cached = programs.withLock({ $0[shop] }), cached.text == text { return cached.program }
        let program = try JSONDecoder().decode(MembershipProgram.self, from: Data(text.utf8))
        programs.withLock { $0[shop] = (text, program) }
        return program
    }

    /// Growth, tier, points balance and the earliest time a lot may expire.
    static func standing(_ row: some RecordRow) -> (growth: Int64, tier: Int, points: Int64, nextExpiry: Int64?) {
        (row.int(0), Int(row.int(1)), row.int(2), row.optionalInt(3))
    }

    static func pointsEntry(_ row: some RecordRow) -> PointsEntry {
        PointsEntry(
            kind: PointsEntryKind(rawValue: row.text(0)) ?? .adjust, amount: row.int(1), at: row.instant(2),
            expiresAt: row.optionalInstant(3), orderID: row.optionalInt(4), note: row.optionalText(5))
    }

    static func tierChange(_ row: some RecordRow) -> TierChange {
        TierChange(
            from: Int(row.int(0)), to: Int(row.int(1)), growth: row.int(2), reason: row.text(3), orderID: row.optionalInt(4),
            at: row.instant(5))
    }
}
