import Foundation
import Testing
@testable import Insights

let shanghai = ShopCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

@Test func daysAreLocal() {
    // 2026-11-01 16:00 UTC is 2026-11-02 00:00 in Shanghai.
    let midnight = t0 - 8 * hour
    #expect(shanghai.label(shanghai.dayIndex(midnight), .day) == "2026-11-02")
    #expect(shanghai.label(shanghai.dayIndex(midnight - 1), .day) == "2026-11-01")
    #expect(shanghai.start(ofDay: shanghai.dayIndex(midnight + 5 * hour)) == midnight)
}

@Test func weeksStartOnMondayInShanghai() {
    let mondayMidnight = t0 - 8 * hour  // Monday 2026-11-02 00:00 local
    let w = shanghai.bucket(mondayMidnight, .week)
    #expect(shanghai.label(w, .week) == "2026-11-02")
    #expect(shanghai.bucket(mondayMidnight - 1, .week) == w - 1)  // Sunday 23:59:59.999
    #expect(shanghai.bucket(mondayMidnight + 7 * day - 1, .week) == w)
    #expect(shanghai.bucket(mondayMidnight + 7 * day, .week) == w + 1)
    #expect(shanghai.label(w - 1, .week) == "2026-10-26")
    // UTC Monday 00:00 is already Monday 08:00 in Shanghai; UTC Sunday 20:00 is Monday 04:00.
    #expect(shanghai.bucket(t0 - 4 * hour, .week) == w)
}

@Test func monthBuckets() {
    let nov1 = shanghai.start(ofDay: ShopCalendar.daysFromCivil(2026, 11, 1))
    let m = shanghai.bucket(nov1, .month)
    #expect(shanghai.label(m, .month) == "2026-11-01")
    #expect(shanghai.bucket(nov1 - 1, .month) == m - 1)
    #expect(shanghai.label(m + 2, .month) == "2027-01-01")
    #expect(shanghai.label(m - 9, .month) == "2026-02-01")
    #expect(ShopCalendar.firstDay(of: m + 4, .month) == ShopCalendar.daysFromCivil(2027, 3, 1))
    let expected: Int32 = 56 * 12 + 10
    #expect(m == expected)
}

@Test func localClockFollowsDaylightSaving() {
    let berlin = ShopCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
    // 2026-03-29 01:00 UTC: clocks go from +1 to +2.
    let change = Int64(ShopCalendar.daysFromCivil(2026, 3, 29)) * day + 1 * hour
    let clock = berlin.clock(from: change - 10 * day, to: change + 10 * day)
    #expect(clock.offset(change - 1) == 1 * hour)
    #expect(clock.offset(change) == 2 * hour)
    let lo: Int64 = change - 3 * day, hi: Int64 = change + 3 * day, step: Int64 = 7 * minute
    var mismatches = 0
    for ms in stride(from: lo, to: hi, by: Int(step)) where clock.day(ms) != berlin.dayIndex(ms) {
        mismatches += 1
    }
    #expect(mismatches == 0)
    let shanghaiClock = shanghai.clock(from: t0 - 100 * day, to: t0 + 100 * day)
    #expect(shanghaiClock.fixed == 8 * hour)
}
