import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WebServer

/// `POST /carts/price`: a quote through the same pricing as orders, writing nothing; budgets and uses.
@Suite struct CartPriceRouteTests {
    /// TEA, CUP and a customer.
    static func pricedShop() async throws -> (shop: TestShop, customer: String) {
        let shop = try await TestShop.teaShop()
        let customer = try await shop.customer()
        return (shop, customer)
    }

    /// The per-line figures of a quote or an order that must agree.
    static func lines(_ json: [String: Any]) -> [String] {
        ((json["lines"] as? [[String: Any]]) ?? []).map { line in
            let applied = ((line["applied"] as? [[String: Any]]) ?? []).map {
                "\($0["promotion_id"] ?? "-")/\($0["name"] ?? "-")/\($0.int("amount.amount") ?? -1)"
            }
            return "\(line["sku"] ?? "-") ×\(line["quantity"] ?? "-") @\(line.int("unit_price.amount") ?? -1) −\(line.int("discount.amount") ?? -1) "
                + "=\(line.int("total.amount") ?? -1) [\(applied.joined(separator: ", "))]"
        }
    }

    static func totals(_ json: [String: Any]) -> [Int?] {
        ["subtotal", "discount", "shipping", "total"].map { json.int("\($0).amount") }
    }

    /// Tea 10 % (product), 满200减20 (order) and the TEN coupon: TEA×2 + CUP×1 = 250.00 − 20 − 20 − 10 = 200.00.
    @Test func quotesTheOrderExactlyAndWritesNothing() async throws {
        let (shop, customer) = try await Self.pricedShop()
        try await shop.test { client async throws in
            let tea = try await client.promotion(promotionJSON("percent_off", #""scope":{"skus":["TEA"]},"percent_off":10"#, name: "Tea 10%"), as: shop.admin)
            let threshold = try await client.promotion(PromotionRouteTests.thresholdBody, as: shop.admin)
            let ten = try #require(try await client.created("/api/v1/coupons", CouponRouteTests.ten, as: shop.admin)["id"] as? String)
            let body = orderJSON([("TEA", 2), ("CUP", 1)], customer: customer, coupon: "TEN")

            let quote = try await client.call(.post, "/api/v1/carts/price", as: shop.key(.viewer), json: body)
            #expect(quote.status == .ok, "\(quote.json)")
            #expect(Self.totals(quote.json) == [25000, 5000, 0, 20000])
            #expect(quote.json.string("total.currency") == "CNY")
            let lines = try #require(quote.json["lines"] as? [[String: Any]])
            #expect(lines.count == 2)
            for line in lines {
                for key in ["sku", "quantity", "unit_price", "discount", "total", "applied"] { #expect(line[key] != nil, "line has no \(key)") }
                let applied = try #require(line["applied"] as? [[String: Any]])
                for entry in applied {
                    for key in ["promotion_id", "name", "amount"] { #expect(entry[key] != nil, "applied has no \(key)") }
                }
                #expect(applied.reduce(0) { $0 + ($1.int("amount.amount") ?? 0) } == line.int("discount.amount"))
            }
            #expect(lines.reduce(0) { $0 + ($1.int("discount.amount") ?? 0) } == 5000)
            #expect(lines.reduce(0) { $0 + ($1.int("total.amount") ?? 0) } == 20000)
            let teaLine = try #require(lines.first)
            #expect(teaLine["sku"] as? String == "TEA")
            #expect(teaLine.int("unit_price.amount") == 10000)
            let sources = Set(((teaLine["applied"] as? [[String: Any]]) ?? []).compactMap { $0["promotion_id"] as? String })
            #expect(sources == [tea, threshold, ten])
            #expect(Set(((lines[1]["applied"] as? [[String: Any]]) ?? []).compactMap { $0["promotion_id"] as? String }) == [threshold, ten])
            #expect((quote.json["promotions"] as? [[String: Any]])?.count == 2)
            #expect((quote.json["coupons"] as? [[String: Any]])?.first?["id"] as? String == ten)

            // Nothing written: no claim, no use, no order.
            #expect(try await client.claims(customer, as: shop.admin).isEmpty)
            #expect(try await client.promotionObject(threshold, as: shop.admin).int("used.uses") == 0)
            #expect(try await shop.orderCount() == 0)

            let order = try await client.order(body, as: shop.key(.service))
            #expect(order.status == .created, "\(order.json)")
            #expect(Self.totals(order.json) == Self.totals(quote.json))
            #expect(Self.lines(order.json) == Self.lines(quote.json))
            let fetched = try await client.call(.get, "/api/v1/orders/\(order.json["id"]!)", as: shop.admin)
            #expect(Self.lines(fetched.json) == Self.lines(order.json))
            #expect(try await client.promotionObject(tea, as: shop.admin).int("used.budget.amount") == 2000)
            #expect(try await client.promotionObject(threshold, as: shop.admin).int("used.budget.amount") == 2000)
            #expect(try await client.promotionObject(threshold, as: shop.admin).int("used.uses") == 1)
        }
    }

    @Test(arguments: [
        (#"{"lines":[]}"#, HTTPResponse.Status.unprocessableContent, "required", "lines"),
        (#"{"lines":[{"sku":"NOPE","quantity":1}]}"#, .unprocessableContent, "unknown_sku", "lines[0].sku"),
        (#"{"lines":[{"sku":"TEA","quantity":0}]}"#, .unprocessableContent, "invalid_quantity", "lines[0].quantity"),
        (#"{"lines":[{"sku":"TEA","quantity":1}],"customer_id":"cus_999"}"#, .unprocessableContent, "unknown_customer", "customer_id"),
        (#"{"lines":[{"sku":"TEA","quantity":1}],"coupon_code":"NOPE"}"#, .unprocessableContent, "coupon_not_found", "coupon_code"),
        (#"{"lines":[{"sku":"TEA"}]}"#, .unprocessableContent, "required", "lines[0].quantity"),
        (#"{"lines":"TEA"}"#, .badRequest, "invalid_type", "lines"),
    ] as [(String, HTTPResponse.Status, String, String?)])
    func refusesBadCarts(_ body: String, _ status: HTTPResponse.Status, _ code: String, _ field: String?) async throws {
        let (shop, _) = try await Self.pricedShop()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/carts/price", as: shop.admin, json: body)
            #expect(answer.status == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code, "\(body): \(answer.json)")
            #expect(answer.json.errorField == field, "\(body): \(answer.json)")
        }
    }

    /// A promotion's budget caps what the next order gets; max_uses stops it; a cancel gives both back exactly.
    @Test func budgetsAndUsesAreQuotedTakenAndGivenBack() async throws {
        let (shop, _) = try await Self.pricedShop()
        try await shop.test { client async throws in
            let id = try await client.promotion(promotionJSON(
                "threshold_reduction", #""scope":{"all":true},"tiers":[{"threshold":20000,"reduction":2000}],"budget":3000,"max_uses":3"#),
                as: shop.admin)
            let body = orderJSON([("TEA", 2)])
            var ids: [String] = []
            for expected in [2000, 1000, 0] {
                let quote = try await client.call(.post, "/api/v1/carts/price", as: shop.admin, json: body)
                #expect(quote.json.int("discount.amount") == expected)
                let order = try await client.order(body, as: shop.admin)
                #expect(order.json.int("discount.amount") == expected, "\(order.json)")
                #expect(Self.lines(order.json) == Self.lines(quote.json))
                ids.append(try #require(order.json["id"] as? String))
            }
            var promotion = try await client.promotionObject(id, as: shop.admin)
            #expect(promotion.int("used.budget.amount") == 3000)
            #expect(promotion.int("used.uses") == 2)
            #expect(try await client.call(.post, "/api/v1/orders/\(ids[0])/cancel", as: shop.admin).status == .ok)
            promotion = try await client.promotionObject(id, as: shop.admin)
            #expect(promotion.int("used.budget.amount") == 1000)
            #expect(promotion.int("used.uses") == 1)
            // Cancelling an order that used nothing changes nothing.
            #expect(try await client.call(.post, "/api/v1/orders/\(ids[2])/cancel", as: shop.admin).status == .ok)
            #expect(try await client.promotionObject(id, as: shop.admin).int("used.uses") == 1)
            // The budget given back is used again, up to max_uses.
            for expected in [2000, 0] {
                #expect(try await client.order(body, as: shop.admin).json.int("discount.amount") == expected)
            }
            promotion = try await client.promotionObject(id, as: shop.admin)
            #expect(promotion.int("used.budget.amount") == 3000)
            #expect(promotion.int("used.uses") == 2)

            let uses = try await client.promotion(promotionJSON(
                "percent_off", #""scope":{"skus":["CUP"]},"percent_off":10,"max_uses":1"#), as: shop.admin)
            #expect(try await client.order(orderJSON([("CUP", 1)]), as: shop.admin).json.int("discount.amount") == 500)
            #expect(try await client.order(orderJSON([("CUP", 1)]), as: shop.admin).json.int("discount.amount") == 0)
            #expect(try await client.promotionObject(uses, as: shop.admin).int("used.uses") == 1)
        }
    }
}
