import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Testing
import StoreTesting
@testable import WebServer

/// `/reports/{name}` and `/ad-spend` end to end: events and orders go in through the API, the
/// reports read them back.
@Suite struct ReportRouteTests {
    /// A day of traffic in the test shop (2026-05-29 in Asia/Shanghai; the clock is at 04:26 local):
    /// three visitors; `a1` logs in as the customer, orders twice and pays once; `a2` views a
    /// product from a paid search ad; `a3` only sees the home page.
    static func populate(_ shop: TestShop, _ client: any TestClientProtocol) async throws -> (customer: String, order: String) {
        try await shop.product(code: "A-1", price: 1000, stock: 10)
        let customer = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Li Lei")).id)"
        let base = shop.time.now().millisecondsSinceEpoch - 3_600_000
        func at(_ minutes: Int64) -> String { Instant(millisecondsSinceEpoch: base + minutes * 60_000).iso8601 }
        let events = [
            #""type":"page_view","anonymous_id":"a1","timestamp":"\#(at(0))","utm_source":"weibo","utm_medium":"social","utm_campaign":"weibo-may""#,
            #""type":"product_view","anonymous_id":"a1","sku":"A-1","timestamp":"\#(at(1))""#,
            #""type":"add_to_cart","anonymous_id":"a1","customer_id":"\#(customer)","sku":"A-1","timestamp":"\#(at(2))""#,
            #""type":"page_view","anonymous_id":"a2","timestamp":"\#(at(3))","utm_source":"baidu","utm_medium":"cpc""#,
            #""type":"product_view","anonymous_id":"a2","sku":"A-1","timestamp":"\#(at(4))""#,
            #""type":"page_view","anonymous_id":"a3","timestamp":"\#(at(5))""#,
        ].map { #"{"id":"\#(UUID().uuidString)",\#($0)}"# }
        let posted = try await client.call(.post, "/api/v1/events/batch", as: shop.key(.ingest), json: #"{"events":[\#(events.joined(separator: ","))]}"#)
        #expect(posted.json["accepted"] as? Int == 6)
        let order = try await client.placeOrder(shop.admin, sku: "A-1", quantity: 2, customer: customer)
        try await client.payOrder(shop.admin, order, amount: 2000)
        _ = try await client.placeOrder(shop.admin, sku: "A-1", quantity: 1, customer: customer)
        return (customer, order)
    }

    static let today = "2026-05-29"

    @Test(arguments: StoreKind.allCases) func kpisCountTheDay(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            _ = try await Self.populate(shop, client)
            let answer = try await client.call(.get, "/api/v1/reports/kpis?from=\(Self.today)&to=\(Self.today)", as: shop.key(.analyst))
            #expect(answer.status == .ok)
            let kpis = answer.json
            #expect(Set(kpis.keys) == [
                "pv", "uv", "sessions", "add_to_cart_rate", "conversion_rate", "orders", "paying_customers", "gmv", "paid_revenue",
                "refunds", "aov_per_customer", "aov_per_order", "uv_value", "repurchase_rate", "returning_customer_rate", "dau", "wau", "mau",
            ])
            #expect(kpis["pv"] as? Int == 3)
            #expect(kpis["uv"] as? Int == 3)
            #expect(kpis["orders"] as? Int == 2)
            #expect(kpis["paying_customers"] as? Int == 1)
            #expect((kpis["gmv"] as? [String: Any])?["amount"] as? Int == 3000)
            #expect((kpis["gmv"] as? [String: Any])?["currency"] as? String == "CNY")
            #expect((kpis["paid_revenue"] as? [String: Any])?["amount"] as? Int == 2000)
            #expect((kpis["uv_value"] as? [String: Any])?["amount"] as? Int == 667)
            #expect(kpis["conversion_rate"] as? Double == 1.0 / 3.0)
            // Sessions: a1's (joined by the order events), a2's and a3's; a1's has the add-to-cart.
            #expect(kpis["sessions"] as? Int == 3)
            #expect(kpis["add_to_cart_rate"] as? Double == 1.0 / 3.0)
            // The frame catches up with events stored after the last report.
            let late = #"{"id":"\#(UUID().uuidString)","type":"page_view","anonymous_id":"a4"}"#
            #expect(try await client.call(.post, "/api/v1/events", as: shop.key(.ingest), json: late).status == .ok)
            let again = try await client.call(.get, "/api/v1/reports/kpis?from=\(Self.today)&to=\(Self.today)", as: shop.key(.analyst))
            #expect(again.json["pv"] as? Int == 4 && again.json["uv"] as? Int == 4)
            let empty = try await client.call(.get, "/api/v1/reports/kpis?from=2026-05-20&to=2026-05-20", as: shop.key(.viewer))
            #expect(empty.json["uv"] as? Int == 0 && empty.json["conversion_rate"] as? Double == 0)
        }
    }

    @Test(arguments: StoreKind.allCases) func funnelRetentionAndBreakdownsReadTheSameEvents(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            _ = try await Self.populate(shop, client)
            let range = "from=\(Self.today)&to=\(Self.today)"
            let funnel = try await client.call(.get, "/api/v1/reports/funnel?\(range)&steps=page_view,product_view%5Bsku=A-1%5D,add_to_cart,order_paid", as: shop.admin)
            #expect(funnel.status == .ok)
            let steps = funnel.json["steps"] as? [[String: Any]] ?? []
            #expect(steps.map { $0["count"] as? Int } == [3, 2, 1, 1])
            #expect(steps.map { $0["name"] as? String } == ["page_view", "product_view[sku=A-1]", "add_to_cart", "order_paid"])
            #expect(steps[1]["conversion_from_previous"] as? Double == 2.0 / 3.0)
            let byChannel = try await client.call(.get, "/api/v1/reports/kpis?\(range)&by=channel", as: shop.admin)
            let rows = byChannel.json["rows"] as? [[String: Any]] ?? []
            let social = rows.first { $0["channel"] as? String == "social" }
            #expect(social?["paying_customers"] as? Int == 1 && social?["uv"] as? Int == 1)
            #expect(rows.first { $0["channel"] as? String == "paid_search" }?["uv"] as? Int == 1)
            let csv = try await client.raw(.get, "/api/v1/reports/retention?\(range)&period=day&format=csv", as: shop.admin)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.split(separator: "\n").first == "cohort,period,size,retained,rate")
            #expect(csv.text.contains("2026-05-29,0,3,3,1"))
            let paths = try await client.call(.get, "/api/v1/reports/paths?\(range)", as: shop.admin)
            let first = (paths.json["rows"] as? [[String: Any]])?.first
            #expect(first?["path"] as? [String] == ["page_view", "product_view", "add_to_cart", "order_placed", "order_paid"])
        }
    }

    @Test(arguments: StoreKind.allCases) func adSpendMeetsAttributedRevenue(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            _ = try await Self.populate(shop, client)
            let spend = try await client.call(.post, "/api/v1/ad-spend", as: shop.admin, json: """
                {"rows":[{"date":"\(Self.today)","channel":"social","campaign":"weibo-may","spend":500,"impressions":1000,"clicks":50},
                         {"date":"\(Self.today)","channel":"paid_search","campaign":"brand","spend":{"amount":300,"currency":"CNY"},"clicks":3}]}
                """)
            #expect(spend.status == .ok && spend.json["stored"] as? Int == 2)
            let report = try await client.call(.get, "/api/v1/reports/channels?from=\(Self.today)&to=\(Self.today)", as: shop.key(.analyst))
            let rows = report.json["rows"] as? [[String: Any]] ?? []
            let social = try #require(rows.first { $0["channel"] as? String == "social" })
            #expect((social["spend"] as? [String: Any])?["amount"] as? Int == 500)
            #expect(social["roas"] as? Double == 4.0)
            #expect((social["cac"] as? [String: Any])?["amount"] as? Int == 500)
            #expect((social["cpc"] as? [String: Any])?["amount"] as? Int == 10)
            #expect(social["ctr"] as? Double == 0.05)
            let campaigns = report.json["campaigns"] as? [[String: Any]] ?? []
            #expect(campaigns.map { $0["campaign"] as? String } == ["brand", "weibo-may"])
            let weibo = try #require(campaigns.first { $0["campaign"] as? String == "weibo-may" })
            #expect(weibo["orders"] as? Int == 1 && (weibo["revenue"] as? [String: Any])?["amount"] as? Int == 2000)
            #expect(weibo["roas"] as? Double == 4.0 && (weibo["cac"] as? [String: Any])?["amount"] as? Int == 500)
            let brand = try #require(campaigns.first { $0["campaign"] as? String == "brand" })
            #expect(brand["orders"] as? Int == 0 && brand["roas"] as? Double == 0)
            let bad = try await client.call(.post, "/api/v1/ad-spend", as: shop.admin, json: #"{"rows":[{"date":"2026-05-29","channel":"tv","campaign":"x","spend":1}]}"#)
            #expect(bad.status == .unprocessableContent && bad.json.errorField == "rows[0].channel")
        }
    }

    @Test(arguments: StoreKind.allCases) func categoriesGiveTheMediansAndTheMultipliersOfTheRoleRules(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            _ = try await Self.populate(shop, client)
            let answer = try await client.call(.get, "/api/v1/reports/categories?from=\(Self.today)&to=\(Self.today)", as: shop.key(.analyst))
            #expect(answer.status == .ok)
            #expect(answer.json[path: "thresholds.traffic_driver"] as? Double == 1.5)
            #expect(answer.json[path: "thresholds.high_margin"] as? Double == 1.2)
            #expect(answer.json[path: "thresholds.high_conversion"] as? Double == 1.2)
            #expect(answer.json[path: "thresholds.rising_star_traffic"] as? Double == 0.5)
            #expect(answer.json[path: "medians.margin"] != nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func gmvChangeSplitsTheDifferenceExactly(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            _ = try await Self.populate(shop, client)
            let answer = try await client.call(.get, "/api/v1/reports/gmv-change?from=\(Self.today)&to=\(Self.today)", as: shop.admin)
            #expect(answer.status == .ok)
            let contributions = answer.json["contributions"] as? [String: [String: Any]] ?? [:]
            let sum = contributions.values.compactMap { $0["amount"] as? Int }.reduce(0, +)
            #expect((answer.json["delta"] as? [String: Any])?["amount"] as? Int == 2000)
            #expect(sum == 2000 && contributions.count == 3)
            #expect((answer.json["sentence"] as? String)?.hasPrefix("GMV rose") == true)
        }
    }

    @Test(arguments: [
        ("kpis?from=yesterday", "from"), ("kpis?from=2026-05-28&to=2026-05-01", "from"), ("kpis?by=hour", "by"),
        ("funnel?steps=page_view", "steps"), ("funnel?steps=page_view,Not%20A%20Type", "steps"), ("funnel?steps=a,b&window=7y", "window"),
        ("funnel?steps=a,b&mode=loose", "mode"), ("funnel?steps=a,b%5Bsku=NOPE%5D", "steps"), ("retention?cohort=first_visit", "cohort"),
        ("retention?period=year", "period"), ("paths?top=0", "top"), ("channels?model=linear", "model"), ("kpis?format=xml", "format"),
    ])
    func badParametersNameTheirField(_ query: String, _ field: String) async throws {
        let shop = try await TestShop.make()
        try await shop.test { client async throws in
            let answer = try await client.call(.get, "/api/v1/reports/\(query)", as: shop.admin)
            #expect(answer.status == .unprocessableContent, "\(query): \(answer.status)")
            #expect(answer.json.errorCode == "invalid_value", "\(query)")
            #expect(answer.json.errorField == field, "\(query)")
        }
    }

    @Test(arguments: StoreKind.allCases) func reportsAreForReadersOfTheShop(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            #expect(try await client.call(.get, "/api/v1/reports/nope", as: shop.admin).status == .notFound)
            for role in [Role.admin, .operator, .analyst, .viewer] {
                #expect(try await client.call(.get, "/api/v1/reports/kpis", as: shop.key(role)).status == .ok, "\(role)")
            }
            for role in [Role.ingest, .service] {
                #expect(try await client.call(.get, "/api/v1/reports/kpis", as: shop.key(role)).status == .forbidden, "\(role)")
            }
        }
    }
}
