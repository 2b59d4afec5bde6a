import Commerce
import Foundation
import Synchronization

/// Where the current time comes from; injected so tests can move it.
public protocol TimeSource: Sendable {
    func now() -> Instant
}

/// The system clock.
public struct SystemTime: TimeSource {
    public init() {}

    public func now() -> Instant {
        Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

/// A clock that only moves when told (tests, simulations).
public final class ManualTime: TimeSource {
    private let current: Mutex<Instant>

    public init(_ start: Instant) {
        current = Mutex(start)
    }

    public func now() -> Instant { current.withLock { $0 } }

    public func advance(seconds: Int64) {
        current.withLock { $0 = $0.adding(seconds: seconds) }
    }

    public func set(_ instant: Instant) {
        current.withLock { $0 = instant }
    }
}
