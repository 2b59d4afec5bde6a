import Foundation
import Testing
@testable import Insights

/// The retention matrices of the reference script's cases
/// (Fixtures/analytics/retention_cases.json and retention.csv).
@Suite struct RetentionFixtureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let cohort: String
        let period: CalendarPeriod
        let bounded: Bool
        let returnEvent: String?
        let from: String
        let to: String
        let timeZone: String
        var testDescription: String { name }
    }

    struct Row: Equatable {
        var size: Int
        var retained: Int
        var rate: Double
    }

    static let frame: EventFrame = {
        var log = try! AnalyticsFixtures.eventLog()
        return log.frame()
    }()

    static let caseList: [Case] = {
        guard let all = (try? AnalyticsFixtures.json("retention_cases")) as? [[String: Any]] else { return [] }
        return all.map { c in
            Case(name: c["case"] as! String, cohort: c["cohort"] as! String,
                 period: CalendarPeriod(rawValue: c["period"] as! String)!, bounded: c["bounded"] as! Bool,
                 returnEvent: c["return_event"] as? String, from: c["from"] as! String, to: c["to"] as! String,
                 timeZone: c["time_zone"] as! String)
        }
    }()

    /// retention.csv: case → "cohort label/N" → row.
    static let expectedRows: [String: [String: Row]] = {
        var out: [String: [String: Row]] = [:]
        for r in (try? AnalyticsFixtures.csv("retention")) ?? [] {
            out[r["case"]!, default: [:]]["\(r["cohort"]!)/\(r["period"]!)"] =
                Row(size: Int(r["size"]!)!, retained: Int(r["retained"]!)!, rate: Double(r["rate"]!)!)
        }
        return out
    }()

    /// First paid time per person: the earliest paid order of any customer id of the person
    /// (orders.csv mapped with `EventFrame.person(ofCustomer:)`; customers without events have no person).
    static func firstPaidCohort(_ frame: EventFrame) throws -> RetentionCohort {
        var byPerson: [Int32: Int64] = [:]
        for r in try AnalyticsFixtures.csv("orders") {
            guard let paid = Int64(r["paid_at_ms"] ?? ""), let customer = AnalyticsFixtures.id(r["customer_id"]),
                  let p = frame.person(ofCustomer: customer) else { continue }
            byPerson[p] = min(byPerson[p] ?? .max, paid)
        }
        return .firstPaid(byPerson: byPerson, personCount: frame.personCount)
    }

    @Test func thereAreCases() {
        #expect(Self.caseList.count == 24)
        #expect(Self.expectedRows.count == Self.caseList.count)
    }

    @Test(arguments: caseList)
    func retentionMatchesReference(_ c: Case) throws {
        let frame = Self.frame
        let calendar = ShopCalendar(timeZone: try #require(TimeZone(identifier: c.timeZone)))
        let range = try #require(ReportPeriod(from: c.from, to: c.to, calendar: calendar))
        let cohort: RetentionCohort = c.cohort == "first_event" ? .firstEvent : try Self.firstPaidCohort(frame)
        let returnType = try c.returnEvent.map { name in
            try #require(frame.typeCode(name) ?? StandardEvent(name: name)?.code)
        }
        let matrix = RetentionQuery(
            calendar: calendar, period: c.period, from: range.from, to: range.to, cohort: cohort,
            returnType: returnType, mode: c.bounded ? .bounded : .unbounded
        ).run(on: frame)

        // The reference lists cohorts with people; the matrix lists every period of the range.
        var got: [String: Row] = [:]
        for row in matrix.cohorts where row.size > 0 {
            for (n, retained) in row.retained.enumerated() {
                got["\(row.label)/\(n)"] = Row(size: row.size, retained: retained, rate: row.rates[n])
            }
        }
        let want = try #require(Self.expectedRows[c.name])
        #expect(Set(got.keys) == Set(want.keys), "cohort/period cells")
        var mismatches: [String] = []
        for (key, w) in want.sorted(by: { $0.key < $1.key }) {
            guard let g = got[key] else { continue }
            if g.size != w.size || g.retained != w.retained || abs(g.rate - w.rate) > 1e-9 {
                mismatches.append("\(key): size \(g.size)/\(w.size) retained \(g.retained)/\(w.retained)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) cells differ: \(mismatches.prefix(8).joined(separator: "; "))")
        for row in matrix.cohorts where row.size > 0 {
            #expect(row.retained[0] == row.size, "period 0 is the cohort size (\(row.label))")
        }
    }
}
