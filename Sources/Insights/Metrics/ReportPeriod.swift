/// A report period: the local calendar days `firstDay … lastDay` inclusive, i.e. the instants
/// `[from, to)` from local midnight of the first day to local midnight after the last.
public struct ReportPeriod: Sendable, Equatable {
    /// Local days since 1970-01-01 (`ShopCalendar.dayIndex`).
    public let firstDay: Int32
    public let lastDay: Int32
    /// Start (inclusive) and end (exclusive), ms UTC.
    public let from: Int64
    public let to: Int64

    /// The days `firstDay … lastDay` inclusive in the calendar's zone.
    public init(firstDay: Int32, lastDay: Int32, calendar: ShopCalendar) {
        precondition(firstDay <= lastDay, "period ends before it starts")
        self.firstDay = firstDay
        self.lastDay = lastDay
        from = calendar.start(ofDay: firstDay)
        to = calendar.start(ofDay: lastDay + 1)
    }

    /// Local dates `"YYYY-MM-DD"` … inclusive; nil if a date is malformed or `to` < `from`.
    public init?(from: String, to: String, calendar: ShopCalendar) {
        guard let a = ReportPeriod.day(from), let b = ReportPeriod.day(to), a <= b else { return nil }
        self.init(firstDay: a, lastDay: b, calendar: calendar)
    }

    /// Number of days in the period.
    public var dayCount: Int { Int(lastDay - firstDay) + 1 }

    /// Whether an instant lies in `[from, to)`.
    @inline(__always)
    public func contains(_ ms: Int64) -> Bool { ms >= from && ms < to }

    /// Local day index of a `"YYYY-MM-DD"` date.
    public static func day(_ date: String) -> Int32? {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        return ShopCalendar.daysFromCivil(y, m, d)
    }

    private static func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
