import Commerce
import Foundation
import GRDB
import Synchronization

/// The client ids of every stored event, per shop, in memory: the uniqueness check of tracked
/// events. A unique SQLite index over random UUIDs made each 1,000-event transaction rewrite
/// about a thousand scattered index pages, capping ingestion near 50,000 events/s; this set costs
/// 16–32 bytes per event instead. It is loaded from the table on a shop's first write, only
/// ever read or changed inside write transactions (which SQLite serialises), and forgotten
/// whenever a write fails, so it never holds an id the database does not.
final class EventIDIndex: Sendable {
    private let ids = Mutex<[ShopID: UIDSet]>([:])

    /// Adds `uid` unless the shop already has it; false for a duplicate.
    func insert(_ db: Database, shop: ShopID, uid: [UInt8]) throws -> Bool {
        let key = Self.key(uid)
        if let inserted = ids.withLock({ $0[shop]?.insert(key) }) { return inserted }
        var loaded = UIDSet()
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: "SELECT uid FROM events WHERE shop_id = ?"), arguments: [shop])
        while let row = try cursor.next() {
            let data: [UInt8] = Array(row[0] as Data)
            _ = loaded.insert(Self.key(data))
        }
        let inserted = loaded.insert(key)
        ids.withLock { $0[shop] = loaded }
        return inserted
    }

    /// Takes back ids whose rows were rolled back.
    func remove(shop: ShopID, uids: [[UInt8]]) {
        ids.withLock { state in for uid in uids { state[shop]?.remove(Self.key(uid)) } }
    }

    /// Forgets everything; the next write reloads from the table.
    func reset() {
        ids.withLock { $0.removeAll() }
    }

    static func key(_ uid: [UInt8]) -> UInt128 {
        var high: UInt64 = 0, low: UInt64 = 0
        for index in 0..<min(uid.count, 16) {
            if index < 8 { high = high << 8 | UInt64(uid[index]) } else { low = low << 8 | UInt64(uid[index]) }
        }
        return UInt128(high) << 64 | UInt128(low)
    }
}
