import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// `GET /promotions/{id}/review`: paid orders that used the promotion against the equal period before it.
@Suite struct PromotionReviewRouteTests {
    static func at(_ text: String) -> Instant { Instant(iso8601: text)! }

    /// Timeline (the promotions run 2026-06-01 … 2026-06-11, so the period before is 2026-05-22 … 2026-06-01):
    /// - 2026-05-10: D pays an order (outside both periods, but D is no longer new).
    /// - 2026-05-28: A pays TEA; B pays TEA + CUP; a guest pays TEA; C orders TEA and cancels.
    /// - 2026-06-02: A pays TEA×2 (满减), D pays TEA×3 (满减), E pays TEA×2 + CUP (满减 and CUP 10 %),
    ///   F pays TEA (no promotion), G orders TEA×2 (满减) and never pays.
    @Test(arguments: StoreKind.allCases) func reviewComparesThePromotionWithThePeriodBefore(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let names = ["A", "B", "C", "D", "E", "F", "G"]
        var customers: [String: String] = [:]
        for name in names { customers[name] = try await shop.customer(name) }
        let who = customers
        try await shop.test { client async throws in
            let threshold = try await client.promotion(promotionJSON(
                "threshold_reduction", #""scope":{"all":true},"tiers":[{"threshold":20000,"reduction":2000}]"#, name: "满200减20",
                starts: "2026-06-01", ends: "2026-06-11"), as: shop.admin)
            let cups = try await client.promotion(promotionJSON(
                "percent_off", #""scope":{"skus":["CUP"]},"percent_off":10"#, name: "Cups", starts: "2026-06-01", ends: "2026-06-11"), as: shop.admin)
            func buy(_ name: String?, _ lines: [(String, Int)], pay: Bool = true) async throws -> [String: Any] {
                let answer = try await client.order(orderJSON(lines, customer: name.map { who[$0]! }), as: shop.admin)
                #expect(answer.status == .created, "\(answer.json)")
                let id = try #require(answer.json["id"] as? String)
                if pay { try await client.payOrder(shop.admin, id, amount: try #require(answer.json.int("total.amount"))) }
                return answer.json
            }
            shop.time.set(Self.at("2026-05-10T10:00:00Z"))
            _ = try await buy("D", [("TEA", 1)])
            shop.time.set(Self.at("2026-05-28T10:00:00Z"))
            _ = try await buy("A", [("TEA", 1)])
            _ = try await buy("B", [("TEA", 1), ("CUP", 1)])
            _ = try await buy(nil, [("TEA", 1)])
            let cancelled = try await buy("C", [("TEA", 1)], pay: false)
            #expect(try await client.call(.post, "/api/v1/orders/\(cancelled["id"]!)/cancel", as: shop.admin).status == .ok)
            shop.time.set(Self.at("2026-06-02T10:00:00Z"))
            #expect(try await buy("A", [("TEA", 2)]).int("discount.amount") == 2000)
            #expect(try await buy("D", [("TEA", 3)]).int("discount.amount") == 2000)
            #expect(try await buy("E", [("TEA", 2), ("CUP", 1)]).int("discount.amount") == 2500)
            #expect(try await buy("F", [("TEA", 1)]).int("discount.amount") == 0)
            #expect(try await buy("G", [("TEA", 2)], pay: false).int("discount.amount") == 2000)

            // Half-way through, the period so far is compared with as long a period before.
            shop.time.set(Self.at("2026-06-03T00:00:00Z"))
            let partial = try await client.call(.get, "/api/v1/promotions/\(threshold)/review", as: shop.key(.analyst))
            #expect(partial.status == .ok, "\(partial.json)")
            #expect(partial.json["to"] as? String == "2026-06-03T00:00:00.000Z")
            #expect(partial.json.int("during.orders") == 3)
            #expect(partial.json.int("before.orders") == 0)

            shop.time.set(Self.at("2026-06-20T00:00:00Z"))
            let review = try await client.call(.get, "/api/v1/promotions/\(threshold)/review", as: shop.key(.viewer))
            #expect(review.status == .ok, "\(review.json)")
            #expect(review.json["promotion_id"] as? String == threshold)
            #expect(review.json["name"] as? String == "满200减20")
            #expect(review.json["from"] as? String == "2026-06-01T00:00:00.000Z")
            #expect(review.json["to"] as? String == "2026-06-11T00:00:00.000Z")
            Self.expect(review.json, "during", orders: 3, gmv: 75000, discount: 6500, units: 8, customers: 3, newCustomers: 1)
            #expect(abs((review.json[path: "during.average_discount_rate"] as? Double ?? 0) - 0.0867) < 1e-9)
            #expect(review.json.string("during.gmv.currency") == "CNY")
            Self.expect(review.json, "before", orders: 3, gmv: 35000, discount: 0, units: 4, customers: 2, newCustomers: 2)

            // A SKU-scoped promotion compares with the orders of its SKUs before.
            let cupReview = try await client.call(.get, "/api/v1/promotions/\(cups)/review", as: shop.admin)
            Self.expect(cupReview.json, "during", orders: 1, gmv: 25000, discount: 2500, units: 3, customers: 1, newCustomers: 1)
            Self.expect(cupReview.json, "before", orders: 1, gmv: 15000, discount: 0, units: 2, customers: 1, newCustomers: 1)

            #expect(try await client.call(.get, "/api/v1/promotions/promo_999/review", as: shop.admin).status == .notFound)
        }
    }

    /// A promotion that has not started reviews an empty period.
    @Test(arguments: StoreKind.allCases) func anUpcomingPromotionHasAnEmptyReview(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let id = try await client.promotion(promotionJSON(
                "percent_off", #""scope":{"all":true},"percent_off":10"#, starts: "2026-07-01", ends: "2026-08-01"), as: shop.admin)
            _ = try await client.order(orderJSON([("TEA", 1)]), as: shop.admin)
            let review = try await client.call(.get, "/api/v1/promotions/\(id)/review", as: shop.admin)
            #expect(review.status == .ok)
            #expect(review.json["from"] as? String == "2026-07-01T00:00:00.000Z")
            #expect(review.json["to"] as? String == "2026-07-01T00:00:00.000Z")
            Self.expect(review.json, "during", orders: 0, gmv: 0, discount: 0, units: 0, customers: 0, newCustomers: 0)
            Self.expect(review.json, "before", orders: 0, gmv: 0, discount: 0, units: 0, customers: 0, newCustomers: 0)
        }
    }

    static func expect(
        _ json: [String: Any], _ period: String, orders: Int, gmv: Int, discount: Int, units: Int, customers: Int, newCustomers: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let figures = [
            json.int("\(period).orders"), json.int("\(period).gmv.amount"), json.int("\(period).discount.amount"),
            json.int("\(period).units"), json.int("\(period).customers"), json.int("\(period).new_customers"),
        ]
        #expect(figures == [orders, gmv, discount, units, customers, newCustomers], "\(period): \(json)", sourceLocation: sourceLocation)
    }
}
