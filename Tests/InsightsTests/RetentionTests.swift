import Testing
@testable import Insights

/// Shanghai local midnight starting Monday 2026-11-02.
let localMonday = t0 - 8 * hour

/// An event on local day d (from localMonday) at local hour h.
func at(_ d: Int64, _ h: Int64 = 12, _ type: StandardEvent = .pageView) -> E {
    E(ms: localMonday + d * day + h * hour, type)
}

func retention(
    _ frame: EventFrame, _ period: CalendarPeriod, days: Int64, mode: RetentionMode = .bounded,
    cohort: RetentionCohort = .firstEvent, returnType: UInt8? = nil
) -> RetentionMatrix {
    RetentionQuery(
        calendar: shanghai, period: period, from: localMonday, to: localMonday + days * day,
        cohort: cohort, returnType: returnType, mode: mode
    ).run(on: frame)
}

let dailyPeople = frameOf([
    [at(0), at(1), at(3)],  // A
    [at(0, 23), at(2, 0)],  // B
    [at(1), at(2), at(2, 13)],  // C
    [at(-1), at(0), at(1)],  // D: first event before the range, in no cohort
])

@Test func boundedRetentionCountsReturnsOnPeriodN() {
    let m = retention(dailyPeople, .day, days: 4)
    #expect(m.cohorts.map(\.label) == ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"])
    #expect(m.cohorts.map(\.size) == [2, 1, 0, 0])
    #expect(m.cohorts.map(\.retained) == [[2, 1, 1, 1], [1, 1, 0], [0, 0], [0]])
    #expect(m.cohorts[0].rates == [1, 0.5, 0.5, 0.5])
}

@Test func unboundedRetentionCountsReturnsOnOrAfterPeriodN() {
    let m = retention(dailyPeople, .day, days: 4, mode: .unbounded)
    #expect(m.cohorts.map(\.retained) == [[2, 2, 2, 1], [1, 1, 0], [0, 0], [0]])
}

@Test func returnEventsAfterTheRangeAreIgnored() {
    let m = retention(dailyPeople, .day, days: 3)
    #expect(m.cohorts.map(\.retained) == [[2, 1, 1], [1, 1], [0]])
}

@Test func weeklyRetentionBucketsStartOnMondayLocal() {
    let frame = frameOf([
        [at(6, 23), at(7, 1)],  // Sunday 23:00 → Monday 01:00: next week
        [at(0, 0), at(6, 23)],  // Monday 00:00 → Sunday: same week
        [at(7), at(20)],
    ])
    let m = retention(frame, .week, days: 21)
    #expect(m.cohorts.map(\.label) == ["2026-11-02", "2026-11-09", "2026-11-16"])
    #expect(m.cohorts.map(\.retained) == [[2, 1, 0], [1, 1], [0]])
}

@Test func monthlyRetentionUsesCalendarMonths() {
    // From 2026-10-31 local (Saturday): Oct 31 → Nov 1 is the next month.
    let oct31 = localMonday - 2 * day
    let frame = frameOf([
        [E(ms: oct31 + 23 * hour, .pageView), E(ms: oct31 + 25 * hour, .pageView)],
        [E(ms: oct31 + 2 * day, .pageView), E(ms: oct31 + 31 * day, .pageView)],  // Nov 2 → Dec 1
    ])
    let m = RetentionQuery(calendar: shanghai, period: .month, from: oct31, to: oct31 + 40 * day).run(on: frame)
    #expect(m.cohorts.map(\.label) == ["2026-10-01", "2026-11-01", "2026-12-01"])
    #expect(m.cohorts.map(\.retained) == [[1, 1, 0], [1, 1], [0]])
}

@Test func firstPaidCohortsAndReturnType() {
    let paid = StandardEvent.orderPaid.rawValue
    let frame = frameOf([
        [at(0), at(1, 12, .orderPaid), at(2, 12, .orderPaid), at(3)],
        [at(0), at(2, 12, .orderPaid)],
        [at(0), at(1)],  // never paid
    ])
    let cohort = RetentionCohort.firstPaid(byPerson: [0: localMonday + day + 12 * hour, 1: localMonday + 2 * day + 12 * hour], personCount: 3)
    let any = retention(frame, .day, days: 4, cohort: cohort)
    #expect(any.cohorts.map(\.size) == [0, 1, 1, 0])
    #expect(any.cohorts.map(\.retained) == [[0, 0, 0, 0], [1, 1, 1], [1, 0], [0]])
    let repurchase = retention(frame, .day, days: 4, cohort: cohort, returnType: paid)
    #expect(repurchase.cohorts[1].retained == [1, 1, 0])
    let byFirstEvent = retention(frame, .day, days: 4, returnType: paid)
    #expect(byFirstEvent.cohorts[0].retained == [3, 1, 2, 0])
}
