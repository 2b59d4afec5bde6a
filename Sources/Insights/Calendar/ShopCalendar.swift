import Foundation  // TimeZone only

/// Calendar period of a bucket.
public enum CalendarPeriod: String, CaseIterable, Sendable {
    case day, week, month
}

/// Calendar buckets in a shop's time zone (days, ISO weeks starting Monday, months).
///
/// Buckets are integers: days since 1970-01-01 local, weeks since the Monday 1969-12-29,
/// months since 1970-01. For hot loops use `clock(from:to:)`, which caches the zone's offsets.
public struct ShopCalendar: Sendable {
    public let timeZone: TimeZone
    static let msPerDay: Int64 = 86_400_000

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// UTC offset in ms at an instant.
    public func offsetMs(at ms: Int64) -> Int64 {
        let seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000)
        return Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))) * 1000
    }

    /// Days since 1970-01-01 in local time.
    public func dayIndex(_ ms: Int64) -> Int32 {
        Int32(Self.floorDiv(ms + offsetMs(at: ms), Self.msPerDay))
    }

    /// The bucket of an instant.
    public func bucket(_ ms: Int64, _ period: CalendarPeriod) -> Int32 {
        Self.bucket(ofDay: dayIndex(ms), period)
    }

    /// The bucket of a local day.
    public static func bucket(ofDay day: Int32, _ period: CalendarPeriod) -> Int32 {
        switch period {
        case .day: return day
        case .week: return Int32(floorDiv(Int64(day) + 3, 7))  // 1970-01-01 was a Thursday
        case .month:
            let (y, m, _) = civil(day)
            return Int32((y - 1970) * 12 + (m - 1))
        }
    }

    /// The first local day of a bucket.
    public static func firstDay(of bucket: Int32, _ period: CalendarPeriod) -> Int32 {
        switch period {
        case .day: return bucket
        case .week: return bucket * 7 - 3
        case .month:
            let months = Int64(bucket)
            let y = 1970 + floorDiv(months, 12)
            let m = months - floorDiv(months, 12) * 12 + 1
            return daysFromCivil(y, m, 1)
        }
    }

    /// Milliseconds of local midnight starting a day (the first instant of the day).
    public func start(ofDay day: Int32) -> Int64 {
        let local = Int64(day) * Self.msPerDay
        var guess = local - offsetMs(at: local)
        guess = local - offsetMs(at: guess)
        // A day whose midnight is skipped by a transition starts at the first later instant.
        if dayIndex(guess) < day { guess = local - offsetMs(at: guess + Self.msPerDay / 2) }
        return guess
    }

    /// Start instant of a bucket.
    public func start(of bucket: Int32, _ period: CalendarPeriod) -> Int64 {
        start(ofDay: Self.firstDay(of: bucket, period))
    }

    /// The start date of a bucket, e.g. `"2026-11-02"`.
    public func label(_ bucket: Int32, _ period: CalendarPeriod) -> String { Self.label(bucket, period) }

    /// The same without a calendar: buckets count local days already, so no zone is involved.
    public static func label(_ bucket: Int32, _ period: CalendarPeriod) -> String {
        let (y, m, d) = Self.civil(Self.firstDay(of: bucket, period))
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Offsets of the zone cached for the instants `[from, to)` (at most 400 years).
    public func clock(from: Int64, to: Int64) -> LocalClock {
        LocalClock(calendar: self, from: from, to: to)
    }

    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// (year, month, day) of a day count (H. Hinnant's civil_from_days).
    static func civil(_ day: Int32) -> (Int64, Int64, Int64) {
        let z = Int64(day) + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Day count of a civil date (H. Hinnant's days_from_civil).
    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }
}
