import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// `GET /flash-sales`, `POST /flash-sales/{id}/orders`, and flash prices in ordinary orders.
@Suite struct FlashSaleRouteTests {
    /// CUP at 10.00 instead of 50.00: 2 units, 1 per customer, live all year.
    static let cupFlash = promotionJSON("flash_sale", #""sku":"CUP","price":1000,"stock":2,"per_customer_limit":1"#, name: "秒杀 CUP")

    static func flashOrder(_ client: any TestClientProtocol, _ shop: TestShop, _ id: String, _ body: String) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await client.call(.post, "/api/v1/flash-sales/\(id)/orders", as: shop.key(.service), json: body)
    }

    @Test(arguments: StoreKind.allCases) func listsLiveAndUpcomingFlashSales(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let upcoming = try await client.promotion(promotionJSON(
                "flash_sale", #""sku":"TEA","price":5000,"stock":10,"per_customer_limit":2"#, starts: "2026-07-01", ends: "2026-07-02"), as: shop.admin)
            let live = try await client.promotion(Self.cupFlash, as: shop.admin)
            _ = try await client.promotion(promotionJSON(
                "flash_sale", #""sku":"TEA","price":5000,"stock":10,"per_customer_limit":2"#, starts: "2026-02-01", ends: "2026-03-01"), as: shop.admin)
            _ = try await client.promotion(promotionJSON(
                "flash_sale", #""sku":"TEA","price":5000,"stock":10,"per_customer_limit":2,"status":"disabled""#, starts: "2026-08-01", ends: "2026-08-02"),
                as: shop.admin)
            _ = try await client.promotion(promotionJSON("percent_off", #""scope":{"all":true},"percent_off":5"#), as: shop.admin)
            let sales = try await client.list("/api/v1/flash-sales", as: shop.key(.viewer)).items
            #expect(sales.map { $0["id"] as? String } == [live, upcoming])
            #expect(sales.first?["sku"] as? String == "CUP")
            #expect(sales.first?["price"] as? Int == 1000)
            #expect(sales.first?["stock"] as? Int == 2)
            #expect(sales.first?["per_customer_limit"] as? Int == 1)
            #expect(sales.first?["flash_remaining"] as? Int == 2)
            #expect(sales.first?["sold_out"] as? Bool == false)
        }
    }

    /// Limits, sold out, visible sold-out state, release on cancel, and the 10-minute hold.
    @Test(arguments: StoreKind.allCases) func flashOrdersKeepToStockAndLimits(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        var who: [String] = []
        for name in ["A", "B", "C", "D"] { who.append(try await shop.customer(name)) }
        let (a, b, c, d) = (who[0], who[1], who[2], who[3])
        try await shop.test { client async throws in
            let id = try await client.promotion(Self.cupFlash, as: shop.admin)
            let first = try await Self.flashOrder(client, shop, id, #"{"customer_id":"\#(a)","quantity":1}"#)
            #expect(first.status == .created, "\(first.json)")
            let firstID = try #require(first.json["id"] as? String)
            #expect(first.json["status"] as? String == "pending_payment")
            #expect(first.json["customer_id"] as? String == a)
            #expect(first.json.string("lines.0.sku") == "CUP")
            #expect(first.json.int("lines.0.unit_price.amount") == 5000)
            #expect(first.json.int("lines.0.discount.amount") == 4000)
            #expect(first.json.int("lines.0.total.amount") == 1000)
            #expect(first.json.string("lines.0.applied.0.promotion_id") == id)
            #expect(first.json.int("lines.0.applied.0.amount.amount") == 4000)
            #expect(first.json.int("total.amount") == 1000)
            #expect(first.json["created_at"] as? String == "2026-05-28T20:26:40.000Z")
            #expect(first.json["hold_expires_at"] as? String == "2026-05-28T20:36:40.000Z")
            #expect(try await client.stock("CUP", as: shop.admin) == StockCounters(onHand: 100, held: 1, allocated: 0, available: 99))

            func refused(_ body: String, _ status: HTTPResponse.Status, _ code: String, promotion: String? = nil) async throws {
                let orders = try await shop.orderCount()
                let answer = try await Self.flashOrder(client, shop, promotion ?? id, body)
                #expect(answer.status == status, "\(body): \(answer.json)")
                #expect(answer.json.errorCode == code, "\(body): \(answer.json)")
                #expect(try await shop.orderCount() == orders)
            }
            try await refused(#"{"customer_id":"\#(a)","quantity":1}"#, .conflict, "limit_reached")
            // Two wanted, one left: refused, and the unit left is still sold to the next customer at once.
            try await refused(#"{"customer_id":"\#(b)","quantity":2}"#, .conflict, "sold_out")
            let second = try await Self.flashOrder(client, shop, id, #"{"customer_id":"\#(c)"}"#)
            #expect(second.status == .created, "\(second.json)")
            try await refused(#"{"customer_id":"\#(d)","quantity":1}"#, .conflict, "sold_out")
            try await refused(#"{"customer_id":"\#(b)","quantity":1}"#, .conflict, "sold_out")
            #expect(try await client.stock("CUP", as: shop.admin).held == 2)

            var sale = try #require(try await client.list("/api/v1/flash-sales", as: shop.admin).items.first)
            #expect(sale["sold_out"] as? Bool == true)
            #expect(sale["flash_remaining"] as? Int == 0)
            #expect(try await client.promotionObject(id, as: shop.admin).int("used.flash_sold") == 2)

            // Cancelling gives back the unit and the customer's limit.
            #expect(try await client.call(.post, "/api/v1/orders/\(firstID)/cancel", as: shop.admin).status == .ok)
            let promotion = try await client.promotionObject(id, as: shop.admin)
            #expect(promotion.int("used.flash_sold") == 1)
            #expect(promotion["flash_remaining"] as? Int == 1)
            #expect(promotion["sold_out"] as? Bool == false)
            sale = try #require(try await client.list("/api/v1/flash-sales", as: shop.admin).items.first)
            #expect(sale["sold_out"] as? Bool == false)
            shop.time.advance(seconds: 2)  // a sold-out answer is remembered for a second
            let again = try await Self.flashOrder(client, shop, id, #"{"customer_id":"\#(a)","quantity":1}"#)
            #expect(again.status == .created, "\(again.json)")
            #expect(again.json["hold_expires_at"] as? String == "2026-05-28T20:36:42.000Z")
            #expect(try await client.promotionObject(id, as: shop.admin).int("used.flash_sold") == 2)
        }
    }

    @Test(arguments: StoreKind.allCases) func refusesFlashOrdersThatCannotRun(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let customer = try await shop.customer()
        try await shop.test { client async throws in
            let upcoming = try await client.promotion(promotionJSON(
                "flash_sale", #""sku":"TEA","price":5000,"stock":10,"per_customer_limit":2"#, starts: "2026-07-01", ends: "2026-07-02"), as: shop.admin)
            let ended = try await client.promotion(promotionJSON(
                "flash_sale", #""sku":"TEA","price":5000,"stock":10,"per_customer_limit":2"#, starts: "2026-02-01", ends: "2026-03-01"), as: shop.admin)
            let disabled = try await client.promotion(promotionJSON(
                "flash_sale", #""sku":"CUP","price":1000,"stock":10,"per_customer_limit":2,"status":"disabled""#), as: shop.admin)
            let percent = try await client.promotion(promotionJSON("percent_off", #""scope":{"all":true},"percent_off":5"#), as: shop.admin)
            let live = try await client.promotion(promotionJSON("flash_sale", #""sku":"CUP","price":1000,"stock":10,"per_customer_limit":2"#,
                                                                starts: "2026-05-01", ends: "2026-06-01"), as: shop.admin)
            let body = #"{"customer_id":"\#(customer)","quantity":1}"#
            for (promotion, json, status, code, field) in [
                (upcoming, body, HTTPResponse.Status.conflict, "not_live", nil), (ended, body, .conflict, "not_live", nil),
                (disabled, body, .conflict, "not_live", nil), (percent, body, .notFound, "not_found", nil),
                ("promo_999", body, .notFound, "not_found", nil), ("ord_1", body, .notFound, "not_found", nil),
                (live, #"{"customer_id":"cus_999","quantity":1}"#, .unprocessableContent, "unknown_customer", "customer_id"),
                (live, #"{"customer_id":"\#(customer)","quantity":0}"#, .unprocessableContent, "invalid_quantity", "quantity"),
                (live, #"{"customer_id":"\#(customer)","quantity":3}"#, .conflict, "limit_reached", nil),
                (live, #"{"quantity":1}"#, .unprocessableContent, "required", "customer_id"),
            ] as [(String, String, HTTPResponse.Status, String, String?)] {
                let answer = try await Self.flashOrder(client, shop, promotion, json)
                #expect(answer.status == status, "\(promotion) \(json): \(answer.json)")
                #expect(answer.json.errorCode == code, "\(promotion) \(json): \(answer.json)")
                #expect(answer.json.errorField == field, "\(promotion) \(json): \(answer.json)")
            }
            #expect(try await shop.orderCount() == 0)
            #expect(try await client.stock("CUP", as: shop.admin).held == 0)
            let viewer = try await client.call(.post, "/api/v1/flash-sales/\(live)/orders", as: shop.key(.viewer), json: body)
            #expect(viewer.status == .forbidden)
            // When the window closes, a live sale stops selling.
            shop.time.set(Instant(iso8601: "2026-06-01T00:00:00Z")!)
            #expect(try await Self.flashOrder(client, shop, live, body).json.errorCode == "not_live")
        }
    }

    /// An ordinary order gets the flash price for the units its customer may still buy, and the
    /// shorter flash hold; when the hold expires the flash units come back.
    @Test(arguments: StoreKind.allCases) func ordinaryOrdersUseTheFlashAllowanceAndItsHold(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let customer = try await shop.customer()
        try await shop.test { client async throws in
            let id = try await client.promotion(promotionJSON(
                "flash_sale", #""sku":"CUP","price":1000,"stock":5,"per_customer_limit":1,"hold_minutes":5"#), as: shop.admin)
            let guest = try await client.order(orderJSON([("CUP", 1)]), as: shop.admin)
            #expect(guest.json.int("total.amount") == 5000)
            #expect(guest.json["hold_expires_at"] as? String == "2026-05-28T20:56:40.000Z")
            let order = try await client.order(orderJSON([("CUP", 3), ("TEA", 1)], customer: customer), as: shop.admin)
            #expect(order.status == .created, "\(order.json)")
            #expect(order.json.int("lines.0.total.amount") == 11000)
            #expect(order.json.int("lines.0.discount.amount") == 4000)
            #expect(order.json.int("total.amount") == 21000)
            #expect(order.json["hold_expires_at"] as? String == "2026-05-28T20:31:40.000Z")
            #expect(try await client.promotionObject(id, as: shop.admin).int("used.flash_sold") == 1)
            let next = try await client.order(orderJSON([("CUP", 1)], customer: customer), as: shop.admin)
            #expect(next.json.int("total.amount") == 5000)
            #expect(try await client.promotionObject(id, as: shop.admin).int("used.flash_sold") == 1)

            shop.time.advance(seconds: 5 * 60)
            #expect(try await shop.yunying.orders.expireHolds() == 1)
            let expired = try await client.call(.get, "/api/v1/orders/\(order.json["id"]!)", as: shop.admin)
            #expect(expired.json["status"] as? String == "cancelled")
            #expect(expired.json["cancel_reason"] as? String == "payment_timeout")
            let promotion = try await client.promotionObject(id, as: shop.admin)
            #expect(promotion.int("used.flash_sold") == 0)
            #expect(promotion.int("used.uses") == 0)
            #expect(try await Self.flashOrder(client, shop, id, #"{"customer_id":"\#(customer)"}"#).status == .created)
        }
    }
}
