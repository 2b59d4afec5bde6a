import Commerce
import Synchronization

/// Remembers that a flash sale sold out, so the crowd that arrives after the last unit is
/// answered from memory instead of queueing for the database. Once a second one caller is let
/// through to check the database again (units come back when orders are cancelled or holds
/// expire, here or on another instance); everyone else keeps getting the answer from memory.
final class FlashGate: Sendable {
    private let recheckAt = Mutex<[Int64: Instant]>([:])
    let recheckSeconds: Int64 = 1

    /// True when the caller should be refused from memory; false lets it through (no mark, or
    /// this caller is the one sent to re-check).
    func isSoldOut(_ promotionID: Int64, at now: Instant) -> Bool {
        recheckAt.withLock { marks in
            guard let due = marks[promotionID] else { return false }
            guard now >= due else { return true }
            marks[promotionID] = now.adding(seconds: recheckSeconds)  // this caller re-checks; the rest wait
            return false
        }
    }

    func markSoldOut(_ promotionID: Int64, at now: Instant) {
        recheckAt.withLock { $0[promotionID] = now.adding(seconds: recheckSeconds) }
    }

    /// The sale has units again: stop refusing from memory.
    func reopen(_ promotionID: Int64) {
        _ = recheckAt.withLock { $0.removeValue(forKey: promotionID) }
    }
}
