import Commerce
import Persistence
import Synchronization

/// Remembers that a flash sale sold out, so the crowd that arrives after the last unit is
/// answered from memory instead of queueing for the database. Once a second one caller is let
/// through to check the database again (units come back when orders are cancelled or holds
/// expire, here or on another instance); everyone else keeps getting the answer from memory.
/// Marks are per shop and sale, so one shop's keys learn nothing about another shop's sales.
final class FlashGate: Sendable {
    struct Sale: Hashable, Sendable {
        let shop: ShopID
        let promotion: Int64
    }

    private let recheckAt = Mutex<[Sale: Instant]>([:])
    let recheckSeconds: Int64 = 1

    /// True when the caller should be refused from memory; false lets it through (no mark, or
    /// this caller is the one sent to re-check).
    func isSoldOut(_ sale: Sale, at now: Instant) -> Bool {
        recheckAt.withLock { marks in
            guard let due = marks[sale] else { return false }
            guard now >= due else { return true }
            marks[sale] = now.adding(seconds: recheckSeconds)  // this caller re-checks; the rest wait
            return false
        }
    }

    /// True while a mark stands and no re-check is due. Unlike `isSoldOut` it never makes the
    /// caller the re-checker, so a caller it lets through still meets `isSoldOut` afterwards.
    func isMarkedSoldOut(_ sale: Sale, at now: Instant) -> Bool {
        recheckAt.withLock { marks in marks[sale].map { now < $0 } ?? false }
    }

    func markSoldOut(_ sale: Sale, at now: Instant) {
        recheckAt.withLock { $0[sale] = now.adding(seconds: recheckSeconds) }
    }

    /// The sale has units again: stop refusing from memory.
    func reopen(_ sale: Sale) {
        _ = recheckAt.withLock { $0.removeValue(forKey: sale) }
    }
}
