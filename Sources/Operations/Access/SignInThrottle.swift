import Commerce
import Synchronization

/// Failed sign-ins per username in a sliding window: after `limit` failures a username is refused
/// until the window has passed, so passwords cannot be guessed at the speed PBKDF2 allows, and
/// refused attempts cost no hashing. Kept in memory: each server instance counts its own.
final class SignInThrottle: Sendable {
    let limit: Int
    let windowSeconds: Int64
    private let failures = Mutex<[String: [Instant]]>([:])

    init(limit: Int = 10, windowSeconds: Int64 = 15 * 60) {
        self.limit = limit
        self.windowSeconds = windowSeconds
    }

    /// Whether `username` may try now.
    func allows(_ username: String, now: Instant) -> Bool {
        failures.withLock { all in
            let recent = self.recent(all[username] ?? [], now: now)
            all[username] = recent.isEmpty ? nil : recent
            return recent.count < limit
        }
    }

    func recordFailure(_ username: String, now: Instant) {
        failures.withLock { all in
            all[username, default: []].append(now)
            // Names tried once and never again would otherwise stay: past a bound, drop what has aged out.
            if all.count > 10_000 {
                all = all.compactMapValues { times in
                    let recent = self.recent(times, now: now)
                    return recent.isEmpty ? nil : recent
                }
            }
        }
    }

    /// The failures still inside the window.
    private func recent(_ times: [Instant], now: Instant) -> [Instant] {
        times.filter { $0.adding(seconds: windowSeconds) > now }
    }

    func recordSuccess(_ username: String) {
        failures.withLock { $0[username] = nil }
    }
}
