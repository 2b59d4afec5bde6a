import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// `POST/GET /coupons`, `GET /coupons/{id}`, claims, `GET /customers/{id}/coupons`.
@Suite struct CouponRouteTests {
    static let ten = #"{"name":"10 off","discount":{"type":"fixed","amount":1000},"threshold":10000,"combines_with":["product","order"],"code":"TEN"}"#

    @Test(arguments: StoreKind.allCases) func createsACouponAndReadsItBack(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let created = try await client.created("/api/v1/coupons", Self.ten, as: shop.key(.operator))
            let id = try #require(created["id"] as? String)
            #expect(id.hasPrefix("cpn_"))
            #expect(created["name"] as? String == "10 off")
            #expect(created.string("discount.type") == "fixed")
            #expect(created.int("discount.amount") == 1000)
            #expect(created["threshold"] as? Int == 10000)
            #expect(created["combines_with"] as? [String] == ["product", "order"])
            #expect(created["stacks_with_coupons"] as? Bool == false)
            #expect(created[path: "scope.all"] as? Bool == true)
            #expect(created["code"] as? String == "TEN")
            #expect(created["code_mode"] as? String == "shared")
            #expect(created["per_customer_limit"] as? Int == 1)
            #expect(created["total_limit"] is NSNull)
            #expect(created["valid_days"] is NSNull)
            #expect(created["issued"] as? Int == 0)
            #expect(created["created_at"] as? String == "2026-05-28T20:26:40.000Z")
            let fetched = try await client.call(.get, "/api/v1/coupons/\(id)", as: shop.key(.viewer))
            #expect(fetched.status == .ok)
            #expect(NSDictionary(dictionary: fetched.json) == NSDictionary(dictionary: created))
            #expect(try await client.list("/api/v1/coupons", as: shop.key(.viewer)).items.map { $0["id"] as? String } == [id])
            #expect(try await client.call(.get, "/api/v1/coupons/cpn_999", as: shop.admin).status == .notFound)

            let percent = try await client.created(
                "/api/v1/coupons", #"{"name":"Tea 15%","discount":{"type":"percent","percent_off":15,"cap":3000},"scope":{"skus":["TEA"]}}"#,
                as: shop.admin)
            #expect(percent[path: "scope.skus"] as? [String] == ["TEA"])
            #expect(percent.int("discount.percent_off") == 15)
            #expect(percent.int("discount.cap") == 3000)
            #expect((percent["code"] as? String)?.isEmpty == false)
            let duplicate = try await client.call(.post, "/api/v1/coupons", as: shop.admin, json: Self.ten)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.json.errorCode == "duplicate")
            #expect(duplicate.json.errorField == "code")
            #expect(try await client.list("/api/v1/coupons", as: shop.admin).items.count == 2)
            let viewer = try await client.call(.post, "/api/v1/coupons", as: shop.key(.viewer), json: Self.ten)
            #expect(viewer.status == .forbidden)
        }
    }

    @Test(arguments: [
        (#"{"name":"C","discount":{"type":"fixed","amount":0}}"#, "invalid_amount", "discount.amount"),
        (#"{"name":"C","discount":{"type":"percent","percent_off":0}}"#, "invalid_percent", "discount.percent_off"),
        (#"{"name":"C","discount":{"type":"percent","percent_off":100}}"#, "invalid_percent", "discount.percent_off"),
        (#"{"name":"C","discount":{"type":"bogus","amount":100}}"#, "invalid_value", "discount.type"),
        (#"{"name":"C"}"#, "required", "discount"),
        (#"{"discount":{"type":"fixed","amount":100}}"#, "required", "name"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"threshold":-1}"#, "invalid_amount", "threshold"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"scope":{"skus":["NOPE"]}}"#, "unknown_sku", "scope.skus[0]"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"scope":{"categories":["cat_5"]}}"#, "unknown_category", "scope.categories[0]"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"combines_with":["everything"]}"#, "invalid_value", "combines_with[0]"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"starts_at":"2026-07-01","ends_at":"2026-07-01"}"#, "invalid_window", "ends_at"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"starts_at":"soon"}"#, "invalid_time", "starts_at"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"valid_days":0}"#, "invalid_value", "valid_days"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"total_limit":0}"#, "invalid_value", "total_limit"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"per_customer_limit":0}"#, "invalid_value", "per_customer_limit"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"per_customer_limit":true}"#, "invalid_type", "per_customer_limit"),
        (#"{"name":"C","discount":{"type":"fixed","amount":"100"}}"#, "invalid_type", "discount.amount"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"code":"A B"}"#, "invalid_sku_code", "code"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"code":"X","unique_codes":3}"#, "invalid_value", "code"),
        (#"{"name":"C","discount":{"type":"fixed","amount":100},"unique_codes":100001}"#, "invalid_value", "unique_codes"),
    ])
    func rejectsBadCouponsWithoutWriting(_ body: String, _ code: String, _ field: String) async throws {
        let shop = try await TestShop.teaShop()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/coupons", as: shop.admin, json: body)
            // A value of the wrong JSON type is malformed (400), as on every route; the rest is 422.
            #expect(answer.status == (code == "invalid_type" ? .badRequest : .unprocessableContent), "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code, "\(body): \(answer.json)")
            #expect(answer.json.errorField == field, "\(body): \(answer.json)")
            #expect(try await client.list("/api/v1/coupons", as: shop.admin).items.isEmpty)
        }
    }

    /// Per-customer and total limits, by id and by code; a refused claim issues nothing.
    @Test(arguments: StoreKind.allCases) func claimsRespectTheLimits(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let (a, b, c) = (try await shop.customer("A"), try await shop.customer("B"), try await shop.customer("C"))
        try await shop.test { client async throws in
            let coupon = try await client.created(
                "/api/v1/coupons", #"{"name":"Two each","discount":{"type":"fixed","amount":500},"per_customer_limit":2,"total_limit":3,"code":"TWO"}"#,
                as: shop.admin)
            let id = try #require(coupon["id"] as? String)
            let first = try await client.created("/api/v1/coupons/\(id)/claims", #"{"customer_id":"\#(a)"}"#, as: shop.key(.service))
            #expect((first["id"] as? String)?.hasPrefix("clm_") == true)
            #expect(first["coupon_id"] as? String == id)
            #expect(first["customer_id"] as? String == a)
            #expect(first["code"] as? String == "TWO")
            #expect(first["status"] as? String == "claimed")
            #expect(first["valid_from"] as? String == "2026-05-28T20:26:40.000Z")
            // Without validity the claim never ends: the last instant ISO-8601 can write.
            #expect(first["valid_until"] as? String == "9999-12-31T23:59:59.999Z")
            #expect(first["order_id"] == nil || first["order_id"] is NSNull)
            _ = try await client.created("/api/v1/coupons/claims", #"{"customer_id":"\#(a)","code":"TWO"}"#, as: shop.admin)
            let third = try await client.call(.post, "/api/v1/coupons/\(id)/claims", as: shop.admin, json: #"{"customer_id":"\#(a)"}"#)
            #expect(third.status == .conflict)
            #expect(third.json.errorCode == "limit_reached")
            _ = try await client.created("/api/v1/coupons/claims", #"{"customer_id":"\#(b)","code":"TWO"}"#, as: shop.admin)
            let overTotal = try await client.call(.post, "/api/v1/coupons/claims", as: shop.admin, json: #"{"customer_id":"\#(c)","code":"TWO"}"#)
            #expect(overTotal.status == .conflict)
            #expect(overTotal.json.errorCode == "limit_reached")
            #expect(try await client.call(.get, "/api/v1/coupons/\(id)", as: shop.admin).json["issued"] as? Int == 3)
            #expect(try await client.claims(a, as: shop.key(.viewer)).map { $0["status"] as? String } == ["claimed", "claimed"])
            #expect(try await client.claims(b, as: shop.admin).count == 1)
            #expect(try await client.claims(c, as: shop.admin).isEmpty)

            for (uri, body, status, code, field) in [
                ("/api/v1/coupons/claims", #"{"customer_id":"\#(c)","code":"NOPE"}"#, HTTPResponse.Status.unprocessableContent, "coupon_not_found", "code"),
                ("/api/v1/coupons/claims", #"{"customer_id":"\#(c)"}"#, .unprocessableContent, "required", "code"),
                ("/api/v1/coupons/claims", #"{"code":"TWO"}"#, .unprocessableContent, "required", "customer_id"),
                ("/api/v1/coupons/\(id)/claims", #"{"customer_id":"cus_999"}"#, .unprocessableContent, "unknown_customer", "customer_id"),
                ("/api/v1/coupons/cpn_999/claims", #"{"customer_id":"\#(c)"}"#, .notFound, "not_found", nil),
            ] as [(String, String, HTTPResponse.Status, String, String?)] {
                let answer = try await client.call(.post, uri, as: shop.admin, json: body)
                #expect(answer.status == status, "\(body): \(answer.json)")
                #expect(answer.json.errorCode == code, "\(body): \(answer.json)")
                #expect(answer.json.errorField == field, "\(body): \(answer.json)")
            }
            #expect(try await client.call(.get, "/api/v1/customers/cus_999/coupons", as: shop.admin).status == .notFound)
        }
    }

    /// Unique codes: one per claim, each claimable once; a unique code is claimed before it is used.
    @Test(arguments: StoreKind.allCases) func uniqueCodesAreClaimedOnce(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        var customers: [String] = []
        for name in ["A", "B", "C", "D"] { customers.append(try await shop.customer(name)) }
        let who = customers
        try await shop.test { client async throws in
            let coupon = try await client.created(
                "/api/v1/coupons", #"{"name":"Cards","discount":{"type":"fixed","amount":500},"unique_codes":3}"#, as: shop.admin)
            let id = try #require(coupon["id"] as? String)
            #expect(coupon["code_mode"] as? String == "unique")
            #expect(coupon["code"] is NSNull)
            #expect(coupon["total_limit"] as? Int == 3)
            let first = try await client.created("/api/v1/coupons/\(id)/claims", #"{"customer_id":"\#(who[0])"}"#, as: shop.admin)
            let code = try #require(first["code"] as? String)
            #expect(code.hasPrefix("U"))
            // Another customer cannot claim the same code, and nothing is issued by trying.
            let taken = try await client.call(.post, "/api/v1/coupons/claims", as: shop.admin, json: #"{"customer_id":"\#(who[1])","code":"\#(code)"}"#)
            #expect(taken.status == .conflict)
            #expect(taken.json.errorCode == "already_used")
            #expect(try await client.call(.get, "/api/v1/coupons/\(id)", as: shop.admin).json["issued"] as? Int == 1)
            // Nor use it in an order: quote and order agree.
            let quote = try await client.call(.post, "/api/v1/carts/price", as: shop.admin, json: orderJSON([("TEA", 1)], customer: who[1], coupon: code))
            let order = try await client.order(orderJSON([("TEA", 1)], customer: who[1], coupon: code), as: shop.admin)
            #expect(quote.status == .unprocessableContent)
            #expect(order.status == quote.status, "\(order.json)")
            #expect(order.json.errorCode == quote.json.errorCode)
            #expect(order.json.errorCode == "not_applicable")
            // Its owner can.
            let owned = try await client.order(orderJSON([("TEA", 1)], customer: who[0], coupon: code), as: shop.admin)
            #expect(owned.status == .created, "\(owned.json)")
            #expect(owned.json.int("discount.amount") == 500)
            var codes: Set<String> = [code]
            for customer in who[1...2] {
                let claim = try await client.created("/api/v1/coupons/\(id)/claims", #"{"customer_id":"\#(customer)"}"#, as: shop.admin)
                codes.insert(try #require(claim["code"] as? String))
            }
            #expect(codes.count == 3)
            let none = try await client.call(.post, "/api/v1/coupons/\(id)/claims", as: shop.admin, json: #"{"customer_id":"\#(who[3])"}"#)
            #expect(none.status == .conflict)
            #expect(none.json.errorCode == "limit_reached")
        }
    }
}
