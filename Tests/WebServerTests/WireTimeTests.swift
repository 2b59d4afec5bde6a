import Commerce
import Foundation
import Testing
@testable import WebServer

@Suite struct WireTimeTests {
    /// The hand-written formatter agrees with Foundation's ISO-8601 formatter across four centuries.
    @Test func matchesFoundationAcrossCenturies() {
        var rng = SystemRandomNumberGenerator()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let fixed: [Int64] = [0, 951_782_400_000, 4_107_542_399_999, -1, 1_780_000_000_123]
        let random = (0..<2000).map { _ in Int64.random(in: -2_208_988_800_000...10_413_792_000_000, using: &rng) }
        for millis in fixed + random {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
            #expect(Wire.time(Instant(millisecondsSinceEpoch: millis)) == expected, "\(millis)")
        }
    }
}
