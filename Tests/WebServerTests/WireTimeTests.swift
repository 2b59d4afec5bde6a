import Commerce
import Foundation
import Testing

@Suite struct WireTimeTests {
    /// The hand-written formatter and parser agree with Foundation's ISO-8601 formatter across four centuries.
    @Test func matchesFoundationAcrossCenturies() {
        var rng = SystemRandomNumberGenerator()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let fixed: [Int64] = [0, 951_782_400_000, 4_107_542_399_999, -1, 1_780_000_000_123]
        let random = (0..<2000).map { _ in Int64.random(in: -2_208_988_800_000...10_413_792_000_000, using: &rng) }
        for millis in fixed + random {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
            let instant = Instant(millisecondsSinceEpoch: millis)
            #expect(instant.iso8601 == expected, "\(millis)")
            #expect(Instant(iso8601: expected) == instant, "\(expected)")
        }
    }

    @Test func parsesOffsetsDatesAndRejectsNonsense() {
        #expect(Instant(iso8601: "2026-11-21") == Instant(millisecondsSinceEpoch: 1_795_219_200_000))
        #expect(Instant(iso8601: "2026-11-21T08:00:00+08:00") == Instant(iso8601: "2026-11-21T00:00:00Z"))
        #expect(Instant(iso8601: "2026-11-21T00:00:00.5Z")?.millisecondsSinceEpoch == 1_795_219_200_500)
        for bad in ["", "2026-13-01", "2026-02-30", "2026-11-21T25:00:00Z", "2026-11-21T10:00:00", "21/11/2026", "2026-11-21T10:00:00Zjunk"] {
            #expect(Instant(iso8601: bad) == nil, "\(bad)")
        }
    }
}
