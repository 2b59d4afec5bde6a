import Commerce
import Foundation

/// Instants in import files: ISO 8601 with `Z` or an offset (`2024-01-05T10:23:45+08:00`),
/// Shopify's `2024-01-05 10:23:45 +0800`, or a bare `2024-01-05` meaning local midnight in the
/// shop's time zone. A time without a zone is refused: it would be a guess.
public struct ImportDates: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The shop's zone, UTC when the identifier is unknown.
    public init(timeZoneIdentifier: String) {
        self.init(timeZone: TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!)
    }

    public func instant(_ text: String) -> Instant? {
        let bytes = Array(text.utf8)
        if bytes.count == 10 { return localMidnight(text) }
        if let instant = Instant(iso8601: text) { return instant }
        // Shopify: `YYYY-MM-DD HH:MM:SS +HHMM` (or `+HH:MM`, or `UTC`).
        guard let space = bytes.lastIndex(of: 32), space > 10 else { return nil }
        let head = String(decoding: bytes[..<space], as: UTF8.self)
        var zone = String(decoding: bytes[(space + 1)...], as: UTF8.self)
        if zone == "UTC" || zone == "Z" { zone = "Z" }
        else if zone.utf8.count == 5, zone.first == "+" || zone.first == "-" { zone.insert(":", at: zone.index(zone.startIndex, offsetBy: 3)) }
        guard zone == "Z" || zone.utf8.count == 6 else { return nil }
        return Instant(iso8601: head + zone)
    }

    /// Midnight at the start of the local day `YYYY-MM-DD` in the shop's zone.
    func localMidnight(_ text: String) -> Instant? {
        guard let utcMidnight = Instant(iso8601: text) else { return nil }
        // The zone's offset at local midnight: try the offset at UTC midnight, then correct once
        // (a DST change between the two instants moves it).
        let guessSeconds = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcMidnight.millisecondsSinceEpoch / 1000))))
        var candidate = utcMidnight.adding(seconds: -guessSeconds)
        let actual = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(candidate.millisecondsSinceEpoch / 1000))))
        if actual != guessSeconds { candidate = utcMidnight.adding(seconds: -actual) }
        return candidate
    }

    /// What the importers say about an unreadable instant in `column`.
    public static func message(column: String) -> String {
        "\(column) must be ISO 8601 with Z or an offset (2024-01-05T10:23:45+08:00), 2024-01-05 10:23:45 +0800, or a date 2024-01-05"
    }
}
