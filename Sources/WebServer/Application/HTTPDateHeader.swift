import Foundation
import Synchronization

/// The `Date` header value of the current second (RFC 9110 IMF-fixdate, e.g.
/// `Sun, 22 Nov 2026 12:00:00 GMT`), formatted once per second, for answers written without
/// Hummingbird (which keeps its own cache for the answers it writes).
final class HTTPDateHeader: Sendable {
    private let cache = Mutex<(second: Int, text: String)>((-1, ""))

    var value: String {
        let second = Int(Date().timeIntervalSince1970)
        return cache.withLock { cached in
            if cached.second != second { cached = (second, Self.format(second)) }
            return cached.text
        }
    }

    static func format(_ second: Int) -> String {
        var time = time_t(second)
        var parts = tm()
        gmtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        // strftime's %a and %b follow the C locale, which is what HTTP asks for.
        let length = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
