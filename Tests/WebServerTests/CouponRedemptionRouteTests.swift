import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// Using coupons in orders (`coupon_code`): validity, thresholds, scope, one use per claim, release on cancel.
@Suite struct CouponRedemptionRouteTests {
    /// A refused coupon: 422 with the code on `coupon_code` (or another field), and no order, claim or issue written.
    static func expectRefused(
        _ client: any TestClientProtocol, _ shop: TestShop, _ body: String, code: String, field: String? = "coupon_code",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let ordersBefore = try await shop.orderCount()
        let coupons = try await client.list("/api/v1/coupons?limit=100", as: shop.admin).items.map { $0["issued"] as? Int }
        for uri in ["/api/v1/carts/price", "/api/v1/orders"] {
            let answer = try await client.call(.post, uri, as: shop.admin, json: body)
            #expect(answer.status == .unprocessableContent, "\(uri) \(body): \(answer.json)", sourceLocation: sourceLocation)
            #expect(answer.json.errorCode == code, "\(uri) \(body): \(answer.json)", sourceLocation: sourceLocation)
            #expect(answer.json.errorField == field, "\(uri) \(body): \(answer.json)", sourceLocation: sourceLocation)
        }
        #expect(try await shop.orderCount() == ordersBefore, sourceLocation: sourceLocation)
        let after = try await client.list("/api/v1/coupons?limit=100", as: shop.admin).items.map { $0["issued"] as? Int }
        #expect(after == coupons, "a refused order issued a coupon", sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreKind.allCases) func redemptionRulesAndReleaseOnCancel(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let customer = try await shop.customer()
        try await shop.test { client async throws in
            let ten = try #require(try await client.created("/api/v1/coupons", CouponRouteTests.ten, as: shop.admin)["id"] as? String)
            _ = try await client.created(
                "/api/v1/coupons", #"{"name":"Cups","discount":{"type":"fixed","amount":500},"scope":{"skus":["CUP"]},"code":"CUPS"}"#, as: shop.admin)
            try await Self.expectRefused(client, shop, orderJSON([("CUP", 1)], customer: customer, coupon: "TEN"), code: "threshold_not_met")
            try await Self.expectRefused(client, shop, orderJSON([("TEA", 1)], customer: customer, coupon: "CUPS"), code: "not_applicable")
            try await Self.expectRefused(client, shop, orderJSON([("TEA", 1)], customer: customer, coupon: "NOPE"), code: "coupon_not_found")
            #expect(try await client.claims(customer, as: shop.admin).isEmpty)
            let guest = try await client.order(orderJSON([("TEA", 1)], coupon: "TEN"), as: shop.admin)
            #expect(guest.status == .unprocessableContent)
            #expect(guest.json.errorCode == "customer_required")
            #expect(guest.json.errorField == "customer_id")

            // The shared code is claimed on the way and redeemed by the order.
            let first = try await client.order(orderJSON([("TEA", 1)], customer: customer, coupon: "TEN"), as: shop.admin)
            #expect(first.status == .created, "\(first.json)")
            let orderID = try #require(first.json["id"] as? String)
            #expect(first.json.int("discount.amount") == 1000)
            #expect(first.json.int("total.amount") == 9000)
            #expect(first.json.string("lines.0.applied.0.promotion_id") == ten)
            #expect(first.json.string("lines.0.applied.0.source") == "coupon")
            #expect(first.json.int("lines.0.applied.0.amount.amount") == 1000)
            var claims = try await client.claims(customer, as: shop.admin)
            #expect(claims.count == 1)
            #expect(claims.first?["status"] as? String == "redeemed")
            #expect(claims.first?["order_id"] as? String == orderID)
            #expect(try await client.call(.get, "/api/v1/coupons/\(ten)", as: shop.admin).json["issued"] as? Int == 1)
            try await Self.expectRefused(client, shop, orderJSON([("TEA", 1)], customer: customer, coupon: "TEN"), code: "already_used")

            // Cancelling the order gives the claim back; it is used again by the next order.
            #expect(try await client.call(.post, "/api/v1/orders/\(orderID)/cancel", as: shop.admin).status == .ok)
            claims = try await client.claims(customer, as: shop.admin)
            #expect(claims.count == 1)
            #expect(claims.first?["status"] as? String == "claimed")
            #expect(claims.first?["order_id"] == nil || claims.first?["order_id"] is NSNull)
            let again = try await client.order(orderJSON([("TEA", 2)], customer: customer, coupon: "TEN"), as: shop.admin)
            #expect(again.status == .created, "\(again.json)")
            #expect(again.json.int("discount.amount") == 1000)
            claims = try await client.claims(customer, as: shop.admin)
            #expect(claims.map { $0["status"] as? String } == ["redeemed"])
            #expect(claims.first?["order_id"] as? String == again.json["id"] as? String)
            #expect(try await client.call(.get, "/api/v1/coupons/\(ten)", as: shop.admin).json["issued"] as? Int == 1)
        }
    }

    /// Two claims of a shared code serve two orders; the third order finds both used.
    @Test(arguments: StoreKind.allCases) func eachClaimServesOneOrder(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let customer = try await shop.customer()
        try await shop.test { client async throws in
            _ = try await client.created(
                "/api/v1/coupons", #"{"name":"Twice","discount":{"type":"fixed","amount":300},"per_customer_limit":2,"code":"TWICE"}"#, as: shop.admin)
            for _ in 0..<2 { _ = try await client.created("/api/v1/coupons/claims", #"{"customer_id":"\#(customer)","code":"TWICE"}"#, as: shop.admin) }
            for _ in 0..<2 {
                let order = try await client.order(orderJSON([("CUP", 1)], customer: customer, coupon: "TWICE"), as: shop.admin)
                #expect(order.status == .created, "\(order.json)")
                #expect(order.json.int("discount.amount") == 300)
            }
            try await Self.expectRefused(client, shop, orderJSON([("CUP", 1)], customer: customer, coupon: "TWICE"), code: "already_used")
            #expect(try await client.claims(customer, as: shop.admin).map { $0["status"] as? String } == ["redeemed", "redeemed"])
        }
    }

    @Test(arguments: StoreKind.allCases) func aCouponIsNotUsedBeforeItStarts(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let customer = try await shop.customer()
        try await shop.test { client async throws in
            _ = try await client.created(
                "/api/v1/coupons", #"{"name":"June","discount":{"type":"fixed","amount":500},"starts_at":"2026-06-01","code":"JUNE"}"#, as: shop.admin)
            let claim = try await client.created("/api/v1/coupons/claims", #"{"customer_id":"\#(customer)","code":"JUNE"}"#, as: shop.admin)
            #expect(claim["valid_from"] as? String == "2026-06-01T00:00:00.000Z")
            try await Self.expectRefused(client, shop, orderJSON([("TEA", 1)], customer: customer, coupon: "JUNE"), code: "coupon_not_started")
            let guestQuote = try await client.call(.post, "/api/v1/carts/price", as: shop.admin, json: orderJSON([("TEA", 1)], coupon: "JUNE"))
            #expect(guestQuote.json.errorCode == "coupon_not_started")
            // valid_days count from the start, not from an early claim.
            _ = try await client.created(
                "/api/v1/coupons", #"{"name":"Early","discount":{"type":"fixed","amount":700},"starts_at":"2026-06-10","valid_days":3,"code":"EARLY"}"#,
                as: shop.admin)
            let early = try await client.created("/api/v1/coupons/claims", #"{"customer_id":"\#(customer)","code":"EARLY"}"#, as: shop.admin)
            #expect(early["valid_from"] as? String == "2026-06-10T00:00:00.000Z")
            #expect(early["valid_until"] as? String == "2026-06-13T00:00:00.000Z")
            shop.time.set(Instant(iso8601: "2026-06-01T00:00:00Z")!)
            let order = try await client.order(orderJSON([("TEA", 1)], customer: customer, coupon: "JUNE"), as: shop.admin)
            #expect(order.status == .created, "\(order.json)")
            #expect(order.json.int("discount.amount") == 500)
            try await Self.expectRefused(client, shop, orderJSON([("TEA", 1)], customer: customer, coupon: "EARLY"), code: "coupon_not_started")
            shop.time.set(Instant(iso8601: "2026-06-12T00:00:00Z")!)
            #expect(try await client.order(orderJSON([("TEA", 1)], customer: customer, coupon: "EARLY"), as: shop.admin).json.int("discount.amount") == 700)
        }
    }

    /// `valid_days` counts from the claim; `ends_at` ends every claim and refuses new ones.
    @Test(arguments: StoreKind.allCases) func aCouponExpires(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let (a, b) = (try await shop.customer("A"), try await shop.customer("B"))
        try await shop.test { client async throws in
            _ = try await client.created(
                "/api/v1/coupons", #"{"name":"Week","discount":{"type":"fixed","amount":500},"valid_days":7,"code":"WEEK"}"#, as: shop.admin)
            _ = try await client.created(
                "/api/v1/coupons", #"{"name":"May","discount":{"type":"fixed","amount":400},"ends_at":"2026-06-01","code":"MAY"}"#, as: shop.admin)
            let week = try await client.created("/api/v1/coupons/claims", #"{"customer_id":"\#(a)","code":"WEEK"}"#, as: shop.admin)
            #expect(week["valid_until"] as? String == "2026-06-04T20:26:40.000Z")
            let may = try await client.created("/api/v1/coupons/claims", #"{"customer_id":"\#(a)","code":"MAY"}"#, as: shop.admin)
            #expect(may["valid_until"] as? String == "2026-06-01T00:00:00.000Z")

            shop.time.advance(seconds: 6 * 86_400)
            let quote = try await client.call(.post, "/api/v1/carts/price", as: shop.admin, json: orderJSON([("TEA", 1)], customer: a, coupon: "WEEK"))
            #expect(quote.status == .ok, "\(quote.json)")
            #expect(quote.json.int("discount.amount") == 500)
            try await Self.expectRefused(client, shop, orderJSON([("TEA", 1)], customer: a, coupon: "MAY"), code: "coupon_expired")
            try await Self.expectRefused(client, shop, orderJSON([("TEA", 1)], customer: b, coupon: "MAY"), code: "coupon_expired")
            let late = try await client.call(.post, "/api/v1/coupons/claims", as: shop.admin, json: #"{"customer_id":"\#(b)","code":"MAY"}"#)
            #expect(late.status == .unprocessableContent)
            #expect(late.json.errorCode == "coupon_expired")
            #expect(late.json.errorField == nil)  // the coupon itself, not a field of the body, has expired

            shop.time.advance(seconds: 86_400)
            try await Self.expectRefused(client, shop, orderJSON([("TEA", 1)], customer: a, coupon: "WEEK"), code: "coupon_expired")
            #expect(try await client.claims(a, as: shop.admin).map { $0["status"] as? String } == ["claimed", "claimed"])
            #expect(try await client.claims(b, as: shop.admin).isEmpty)
        }
    }
}
