import Commerce
import Foundation
import Persistence

/// The shop's wall clock for pages: local days and `datetime-local` input values
/// (`2026-11-11T00:00`) of instants, and the instants they name, in the shop's time zone.
struct ShopClock: Sendable {
    let zone: TimeZone

    init(_ shop: ShopInfo) {
        zone = TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!
    }

    /// The zone's offset from UTC at `ms`, in milliseconds.
    func offsetMs(at ms: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(ms / 1000)))) * 1000
    }

    /// The instant showing the wall-clock time `local` (milliseconds as if the zone were UTC);
    /// a time skipped by a clock change moves past the gap.
    func instant(local: Int64) -> Instant {
        var guess = local - offsetMs(at: local)
        guess = local - offsetMs(at: guess)
        return Instant(millisecondsSinceEpoch: guess)
    }

    /// Local midnight starting `day` (`2026-11-01`); nil when `day` is not a date.
    func start(ofDay day: String) -> Instant? {
        guard day.count == 10, let midnight = Instant(iso8601: day) else { return nil }
        return instant(local: midnight.millisecondsSinceEpoch)
    }

    /// The local day of an instant (`2026-11-01`).
    func day(_ instant: Instant) -> String {
        String(local(instant).prefix(10))
    }

    /// An instant as a `datetime-local` value (`2026-11-11T00:00`).
    func dateTime(_ instant: Instant) -> String {
        String(local(instant).prefix(16))
    }

    /// An instant for display: `2026-11-11 00:00`.
    func display(_ instant: Instant) -> String {
        dateTime(instant).replacingOccurrences(of: "T", with: " ")
    }

    /// A time as the operator typed it (`2026-11-11T00:00`, `2026-11-11 00:00` or a date) in the
    /// shop's zone, as the API takes it (ISO-8601 UTC). Text with its own zone, or that is no time
    /// at all, is passed on unchanged, so the service names the field it refuses.
    func wireTime(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let local: String
        switch trimmed.count {
        case 10: local = trimmed + "T00:00"
        case 16, 19: local = trimmed
        default: return trimmed
        }
        guard let wall = Instant(iso8601: local + "Z") else { return trimmed }
        return instant(local: wall.millisecondsSinceEpoch).iso8601
    }

    private func local(_ instant: Instant) -> String {
        let ms = instant.millisecondsSinceEpoch
        return Instant(millisecondsSinceEpoch: ms + offsetMs(at: ms)).iso8601
    }
}
