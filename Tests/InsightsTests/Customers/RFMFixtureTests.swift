import Foundation
import Testing
@testable import Insights

/// RFM rows and quintile edges against `scripts/crm-reference` (pandas / numpy.quantile).
@Suite struct RFMFixtureTests {
    @Test func rowsMatchPandasExactly() throws {
        let expected = Dictionary(grouping: try CRMFixtures.csv("rfm"), by: { $0["case"]! })
        let cases = try CRMFixtures.json("rfm_cases")
        #expect(cases.count >= 7)
        for c in cases {
            let name = c["case"] as! String
            let query = RFMQuery(
                asOf: (c["as_of_ms"] as! NSNumber).int64Value, windowDays: c["window_days"] as! Int,
                calendar: try CRMFixtures.calendar(c["time_zone"] as! String))
            let rows = query.run(try CRMFixtures.orders(c["dataset"] as! String))
            let want = (expected[name] ?? []).map { r in
                RFMRow(
                    customerID: Int64(r["customer_id"]!)!, recencyDays: Int(r["recency_days"]!)!,
                    frequency: Int(r["frequency"]!)!, monetary: Int64(r["monetary"]!)!,
                    r: Int(r["r"]!)!, f: Int(r["f"]!)!, m: Int(r["m"]!)!,
                    segment: RFMSegment(rawValue: r["segment"]!)!)
            }
            #expect(rows.count == want.count, "\(name): row count")
            for (got, exp) in zip(rows, want) where got != exp {
                Issue.record("\(name): got \(got), expected \(exp)")
            }
        }
    }

    /// Quantiles decoded with JSONDecoder (JSONSerialization rounds some doubles on Linux).
    struct Case: Decodable { var `case`: String; var quantiles: [String: [Double]] }

    @Test func quintileEdgesMatchNumpy() throws {
        let decoded = try JSONDecoder().decode([Case].self, from: Data(contentsOf: CRMFixtures.url("rfm_cases", "json")))
        let quantiles = Dictionary(uniqueKeysWithValues: decoded.map { ($0.case, $0.quantiles) })
        for c in try CRMFixtures.json("rfm_cases") {
            let name = c["case"] as! String
            guard let q = quantiles[name], !q.isEmpty else { continue }
            let query = RFMQuery(
                asOf: (c["as_of_ms"] as! NSNumber).int64Value, windowDays: c["window_days"] as! Int,
                calendar: try CRMFixtures.calendar(c["time_zone"] as! String))
            let orders = try CRMFixtures.orders(c["dataset"] as! String)
            let v = query.values(orders, customerKey: orders.customer)
            let edges: [(String, [Double])] = [
                ("negated_recency", Quintiles(v.recency.map { -$0 }).edges),
                ("frequency", Quintiles(v.frequency).edges),
                ("monetary", Quintiles(v.monetary).edges),
            ]
            for (key, got) in edges {
                let want = try #require(q[key])
                for (a, b) in zip(got, want) {
                    #expect(abs(a - b) <= 1e-9, "\(name) \(key): \(got) vs \(want)")
                    #expect(a == b, "\(name) \(key): not bit-identical \(got) vs \(want)")
                }
            }
        }
    }

    @Test func repurchaseRateMatchesPandas() throws {
        for c in try CRMFixtures.json("repurchase") {
            let calendar = try CRMFixtures.calendar(c["time_zone"] as! String)
            let from = (c["from_ms"] as! NSNumber).int64Value, to = (c["to_ms"] as! NSNumber).int64Value
            let fromDay = try #require(Self.day(c["from"] as! String)), toDay = try #require(Self.day(c["to"] as! String))
            #expect(calendar.start(ofDay: fromDay) == from)
            #expect(calendar.start(ofDay: toDay + 1) == to)
            let orders = try CRMFixtures.orders(c["dataset"] as! String)
            let activity = OrderActivity(orders: orders, customerKey: orders.customer, from: from, to: to)
            #expect(activity.payingCustomers == c["paying_customers"] as! Int)
            #expect(activity.repeatCustomers == c["repeat_customers"] as! Int)
            let rate = MoneyMath.rate(activity.repeatCustomers, activity.payingCustomers)
            #expect(abs(rate - (c["rate"] as! Double)) <= 1e-9)
        }
    }

    /// Local day index of "YYYY-MM-DD".
    static func day(_ s: String) -> Int32? {
        let parts = s.split(separator: "-").compactMap { Int64($0) }
        return parts.count == 3 ? ShopCalendar.daysFromCivil(parts[0], parts[1], parts[2]) : nil
    }
}
