/// One cohort of a retention matrix.
public struct RetentionRow: Sendable, Equatable {
    /// Calendar bucket of the cohort (`ShopCalendar.bucket`).
    public var bucket: Int32
    /// Start date of the cohort's period, e.g. `"2026-11-02"`.
    public var label: String
    /// People in the cohort.
    public var size: Int
    /// Retained people at period N = 0 … (last period of the range − cohort); `retained[0] == size`.
    public var retained: [Int]
    /// `retained[N] ÷ size` (0 for an empty cohort).
    public var rates: [Double] { retained.map { size == 0 ? 0 : Double($0) / Double(size) } }
}

/// Cohorts by period, each with retained counts per period N.
public struct RetentionMatrix: Sendable, Equatable {
    public var period: CalendarPeriod
    public var mode: RetentionMode
    /// Every period of the range in order, empty cohorts included.
    public var cohorts: [RetentionRow]
}
