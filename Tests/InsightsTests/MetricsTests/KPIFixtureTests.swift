import Foundation
import Testing
@testable import Insights

/// The KPIs of the reference script's cases (Fixtures/analytics/kpis.json).
@Suite struct KPIFixtureTests {
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
                switch report[key] {
                case .count(let v): #expect(Double(v) == want, "\(key) \(from)…\(to)")
                case .money(let v): #expect(Double(v) == want, "\(key) \(from)…\(to)")
                case .rate(let v): #expect(abs(v - (want ?? .nan)) <= 1e-9, "\(key) \(from)…\(to): \(v) vs \(want ?? .nan)")
                case nil: Issue.record("no value for \(key)")
                }
            }
        }
    }
}
