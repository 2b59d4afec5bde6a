import Foundation
import Testing

/// `yunying report` on a database a running server filled through the API: the JSON and CSV
/// shapes outside checks rely on (docs/analytics.md).
@Suite struct ReportCommandTests {
    @Test func reportsReadWhatTheServerStored() async throws {
        try await SystemHarness.withServerSession { harness, session in
            let key = try await harness.prepareDatabase()
            let server = try await harness.startServer(session: session)
            let client = APIClient(session: session, key: key)
            client.target(server, generation: 1)
            // Two visitors yesterday (UTC noon, so the same local day in any zone near UTC+8):
            // v1 goes page → product → cart → checkout, v2 only sees a page.
            let day = Date().addingTimeInterval(-86_400)
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
            formatter.formatOptions = [.withFullDate]
            let date = formatter.string(from: day)
            func at(_ minute: Int) -> String { "\(date)T04:\(String(format: "%02d", minute)):00Z" }
            let events = [
                ("v1", "page_view", 0), ("v1", "product_view", 1), ("v1", "add_to_cart", 2), ("v1", "checkout_start", 3), ("v2", "page_view", 4),
            ].map { #"{"id":"\#(UUID().uuidString)","type":"\#($0.1)","anonymous_id":"\#($0.0)","timestamp":"\#(at($0.2))"}"# }
            let posted = try await client.send("POST", "/api/v1/events/batch", json: #"{"events":[\#(events.joined(separator: ","))]}"#)
            #expect(posted.status == 200 && posted.text.contains(#""accepted":5"#), "\(posted.text)")

            let range = ["--from", date, "--to", date, "--db", harness.database]
            let kpis = try await harness.run(["report", "kpis", "--format", "json"] + range)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(kpis.utf8)) as? [String: Any])
            #expect(Set(object.keys) == [
                "pv", "uv", "sessions", "add_to_cart_rate", "conversion_rate", "orders", "paying_customers", "gmv", "paid_revenue",
                "refunds", "aov_per_customer", "aov_per_order", "uv_value", "repurchase_rate", "returning_customer_rate", "dau", "wau", "mau",
            ])
            #expect(object["pv"] as? Int == 2 && object["uv"] as? Int == 2 && object["add_to_cart_rate"] as? Double == 0.5)
            #expect((object["gmv"] as? [String: Any])?["currency"] as? String == "CNY")

            let funnel = try await harness.run(
                ["report", "funnel", "--steps", "page_view,product_view,add_to_cart,checkout_start", "--window", "7d", "--format", "json"] + range)
            let steps = try #require((try JSONSerialization.jsonObject(with: Data(funnel.utf8)) as? [String: Any])?["steps"] as? [[String: Any]])
            #expect(steps.map { $0["count"] as? Int } == [2, 1, 1, 1])
            #expect(steps.map { $0["name"] as? String } == ["page_view", "product_view", "add_to_cart", "checkout_start"])
            #expect(steps[1]["conversion_from_start"] as? Double == 0.5 && steps[1]["conversion_from_previous"] as? Double == 0.5)

            let retention = try await harness.run(["report", "retention", "--cohort", "first_event", "--period", "week", "--format", "csv"] + range)
            let lines = retention.split(separator: "\n")
            #expect(lines.first == "cohort,period,size,retained,rate")
            #expect(lines.count == 2 && lines[1].hasSuffix(",0,2,2,1"), "\(retention)")

            let rfm = try await harness.run(["report", "rfm", "--as-of", date, "--format", "csv", "--db", harness.database])
            #expect(rfm.split(separator: "\n").first == "customer_id,recency_days,frequency,monetary,r,f,m,segment")

            let table = try await harness.run(["report", "kpis"] + range)
            #expect(table.contains("add_to_cart_rate") && table.contains("0.5"))
            await #expect(throws: (any Error).self) { _ = try await harness.run(["report", "funnel", "--steps", "page_view"] + range) }
        }
    }
}
