import Commerce
import Synchronization

/// Remembers for a moment that a flash sale sold out, so the crowd that arrives after the last
/// unit is answered from memory instead of queueing for the database. An entry lapses after a
/// second, so units released by cancellations or expired holds (here or on another instance)
/// are offered again.
final class FlashGate: Sendable {
    private let soldOut = Mutex<[Int64: Instant]>([:])
    let memorySeconds: Int64 = 1

    func isSoldOut(_ promotionID: Int64, at now: Instant) -> Bool {
        soldOut.withLock { ($0[promotionID]).map { now < $0 } ?? false }
    }

    func markSoldOut(_ promotionID: Int64, at now: Instant) {
        soldOut.withLock { $0[promotionID] = now.adding(seconds: memorySeconds) }
    }
}
