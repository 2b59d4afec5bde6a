/// A UTC instant in whole milliseconds since the Unix epoch. Time is passed into the pure
/// layers, never read by them.
public struct Instant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    public func adding(seconds: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + seconds * 1000)
    }

    public var description: String { "\(millisecondsSinceEpoch)ms" }
}

extension Instant {
    /// `2026-11-21T23:11:46.397Z`. Hand-written (civil-from-days) because Foundation's formatter
    /// costs more than the rest of an order response on the hot path, and Commerce stays pure.
    public var iso8601: String {
        let millis = millisecondsSinceEpoch
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let msOfDay = millis - days * 86_400_000
        let (year, month, day) = Self.civil(daysSinceEpoch: days)
        let hour = msOfDay / 3_600_000, minute = msOfDay / 60_000 % 60, second = msOfDay / 1000 % 60, ms = msOfDay % 1000
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2)).\(Self.pad(ms, 3))Z"
    }

    /// Parses `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[from..<from + count] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45, let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var millis = Self.daysSinceEpoch(year: year, month: month, day: day) * 86_400_000
        guard bytes.count > 10 else {
            self.init(millisecondsSinceEpoch: millis)
            return
        }
        guard bytes[10] == 84 || bytes[10] == 32, let hour = number(11, 2), bytes.count > 13, bytes[13] == 58, let minute = number(14, 2),
              hour < 24, minute < 60
        else { return nil }
        millis += hour * 3_600_000 + minute * 60_000
        var index = 16
        if index < bytes.count, bytes[index] == 58 {
            guard let second = number(index + 1, 2), second < 60 else { return nil }
            millis += second * 1000
            index += 3
            if index < bytes.count, bytes[index] == 46 {
                index += 1
                var digits = 0
                var fraction: Int64 = 0
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    if digits < 3 { fraction = fraction * 10 + Int64(bytes[index] - 48) }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<3 where digits < 3 { fraction *= 10 }
                millis += fraction
            }
        }
        guard index < bytes.count else { return nil }
        if bytes[index] == 90, index == bytes.count - 1 {
            self.init(millisecondsSinceEpoch: millis)
            return
        }
        guard bytes[index] == 43 || bytes[index] == 45, bytes.count == index + 6, bytes[index + 3] == 58,
              let offsetHours = number(index + 1, 2), let offsetMinutes = number(index + 4, 2), offsetHours < 24, offsetMinutes < 60
        else { return nil }
        let offset = (offsetHours * 60 + offsetMinutes) * 60_000
        self.init(millisecondsSinceEpoch: bytes[index] == 43 ? millis - offset : millis + offset)
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (inverse of `civil`).
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
