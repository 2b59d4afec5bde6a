import Foundation
import Testing
@testable import Insights

/// The KPIs of the reference script's cases (Fixtures/analytics/kpis.json).
@Suite struct KPIFixtureTests {
    static let sessionKeys: Set<String> = ["sessions", "add_to_cart_rate"]

    @Test func kpisMatchReference() throws {
        var log = try AnalyticsFixtures.eventLog()
        let frame = log.frame()
        let orders = try AnalyticsFixtures.orders()
        let cases = try #require(try AnalyticsFixtures.json("kpis") as? [[String: Any]])
        #expect(cases.count >= 1)
        for c in cases {
            let from = c["from"] as! String, to = c["to"] as! String
            let calendar = ShopCalendar(timeZone: try #require(TimeZone(identifier: c["time_zone"] as! String)))
            let period = try #require(ReportPeriod(from: from, to: to, calendar: calendar))
            let report = KPIReport(frame: frame, orders: orders, period: period, calendar: calendar)
            let expected = c["expected"] as! [String: Any]
            #expect(Set(expected.keys) == Set(KPIReport.keys), "keys of \(from)…\(to)")
            for key in KPIReport.keys {
                let want = (expected[key] as? NSNumber)?.doubleValue
                let check = {
                    switch report[key] {
                    case .count(let v): #expect(Double(v) == want, "\(key) \(from)…\(to)")
                    case .money(let v): #expect(Double(v) == want, "\(key) \(from)…\(to)")
                    case .rate(let v): #expect(abs(v - (want ?? .nan)) <= 1e-9, "\(key) \(from)…\(to): \(v) vs \(want ?? .nan)")
                    case nil: Issue.record("no value for \(key)")
                    }
                }
                if Self.sessionKeys.contains(key) {
                    // The frame (and docs/analytics.md since insights-a) sessionises events
                    // without a session_id per person; the reference script still per identity,
                    // so a person on two devices at once has one session here and two there
                    // (3505 vs 3508 in September). Passes silently once the fixtures agree.
                    withKnownIssue("reference sessionises per identity, the frame per person", isIntermittent: true) { check() }
                } else {
                    check()
                }
            }
        }
    }
}
