import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Testing
import StoreTesting
@testable import WebServer

/// Membership end to end: paid orders earn growth and points, tiers rise and fall, activities
/// and corrections, refunds take back, points expire oldest first.
@Suite struct MembershipRouteTests {
    @Test(arguments: StoreKind.allCases) func ordersEarnRefundsTakeBackAndPointsExpire(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", price: 30_000, stock: 20)
        try await shop.test { client async throws in
            let customer = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Wang Wu")).id)"
            func membership() async throws -> [String: Any] {
                try await client.call(.get, "/api/v1/customers/\(customer)/membership", as: shop.key(.viewer)).json
            }
            func balance() async throws -> Int? { (try await membership()["points"] as? [String: Any])?["balance"] as? Int }
            let fresh = try await membership()
            #expect((fresh["tier"] as? [String: Any])?["name"] as? String == "V0" && fresh["growth"] as? Int == 0)
            #expect((fresh["next_tier"] as? [String: Any])?["growth_needed"] as? Int == 500)

            // Two orders of ¥300: 300 growth and 300 points each at V0.
            let first = try await client.placeOrder(shop.admin, sku: "A-1", customer: customer)
            try await client.payOrder(shop.admin, first, amount: 30_000)
            #expect(try await balance() == 300)
            let second = try await client.placeOrder(shop.admin, sku: "A-1", customer: customer)
            try await client.payOrder(shop.admin, second, amount: 30_000)
            var state = try await membership()
            #expect(state["growth"] as? Int == 600 && (state["tier"] as? [String: Any])?["name"] as? String == "V1")
            #expect(try await balance() == 600)
            // The third order earns at V1 (110 %).
            let third = try await client.placeOrder(shop.admin, sku: "A-1", customer: customer)
            try await client.payOrder(shop.admin, third, amount: 30_000)
            #expect(try await balance() == 600 + 330)

            // Activities and corrections.
            let signIn = try await client.call(.post, "/api/v1/customers/\(customer)/points", as: shop.admin, json: #"{"activity":"sign_in"}"#)
            #expect(signIn.status == .created && (signIn.json["points"] as? [String: Any])?["balance"] as? Int == 935)
            let unknown = try await client.call(.post, "/api/v1/customers/\(customer)/points", as: shop.admin, json: #"{"activity":"dance"}"#)
            #expect(unknown.status == .unprocessableContent && unknown.json.errorCode == "unknown_activity")
            let tooMuch = try await client.call(.post, "/api/v1/customers/\(customer)/points", as: shop.admin, json: #"{"amount":-936}"#)
            #expect(tooMuch.status == .unprocessableContent && tooMuch.json.errorCode == "insufficient_points")
            #expect(try await client.call(.post, "/api/v1/customers/\(customer)/points", as: shop.key(.viewer), json: #"{"amount":5}"#).status == .forbidden)
            #expect(try await balance() == 935)

            // Cancelling the paid third order takes back its 330 points (from its own lot) and 300 growth.
            let cancelled = try await client.call(.post, "/api/v1/orders/\(third)/cancel", as: shop.admin, json: #"{"reason":"customer_request"}"#)
            #expect(cancelled.status == .ok, "\(cancelled.json)")
            state = try await membership()
            #expect(state["growth"] as? Int == 600 && (state["points"] as? [String: Any])?["balance"] as? Int == 605)
            let kinds = (state["ledger"] as? [[String: Any]] ?? []).map { $0["kind"] as? String ?? "" }
            #expect(kinds == ["earn_reversal", "activity", "earn", "earn", "earn"])
            // Dropping below a threshold moves the tier down, with history.
            let fourth = try await client.call(.post, "/api/v1/orders/\(second)/cancel", as: shop.admin, json: #"{"reason":"customer_request"}"#)
            #expect(fourth.status == .ok)
            state = try await membership()
            #expect((state["tier"] as? [String: Any])?["name"] as? String == "V0")
            let history = (state["tier_history"] as? [[String: Any]] ?? []).map { "\($0["from"] ?? "")→\($0["to"] ?? ""):\($0["reason"] ?? "")" }
            #expect(history == ["0→1:order_paid", "1→0:order_refunded"])

            // A year and a day later the first order's points and the sign-in's have expired.
            #expect(try await balance() == 305)
            shop.time.advance(seconds: 366 * 86_400)
            #expect(try await balance() == 0)
            let expired = (try await membership()["ledger"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "expire" }
            #expect(expired.map { $0["amount"] as? Int } == [-5, -300])  // newest first
        }
    }

    @Test(arguments: StoreKind.allCases) func theProgramIsValidatedAndRecomputesTiers(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", price: 30_000, stock: 5)
        try await shop.test { client async throws in
            let customer = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Zhao Liu")).id)"
            let order = try await client.placeOrder(shop.admin, sku: "A-1", customer: customer)
            try await client.payOrder(shop.admin, order, amount: 30_000)
            let program = try await client.call(.get, "/api/v1/membership/program", as: shop.key(.viewer))
            #expect((program.json["tiers"] as? [Any])?.count == 6 && program.json["point_value"] as? Int == 1)
            let bad = try await client.call(.put, "/api/v1/membership/program", as: shop.admin, json: #"""
                {"tiers":[{"level":0,"name":"Basic","growth_threshold":0,"points_multiplier_percent":100,"free_shipping":false},
                          {"level":1,"name":"Gold","growth_threshold":0,"points_multiplier_percent":150,"free_shipping":true}],
                 "growth_per_unit":1,"points_per_unit":1,"point_value":1,"redeem_cap_percent":50,"points_expiry_days":365,"activities":{}}
                """#)
            #expect(bad.status == .unprocessableContent && bad.json.errorCode == "invalid_tiers" && bad.json.errorField == "tiers[1].growth_threshold")
            let missing = try await client.call(.put, "/api/v1/membership/program", as: shop.admin, json: #"{"point_value":1}"#)
            #expect(missing.status == .unprocessableContent && missing.json.errorCode == "required" && missing.json.errorField == "tiers", "\(missing.json)")
            let empty = try await client.call(.put, "/api/v1/membership/program", as: shop.admin, json: #"{"tiers":[]}"#)
            #expect(empty.json.errorCode == "invalid_tiers" && empty.json.errorField == "tiers")
            let wrongType = try await client.call(.put, "/api/v1/membership/program", as: shop.admin, json: #"{"tiers":"gold"}"#)
            #expect(wrongType.status == .badRequest && wrongType.json.errorField == "tiers")
            let good = try await client.call(.put, "/api/v1/membership/program", as: shop.admin, json: #"""
                {"tiers":[{"level":0,"name":"Basic","growth_threshold":0,"points_multiplier_percent":100,"free_shipping":false},
                          {"level":1,"name":"Gold","growth_threshold":300,"points_multiplier_percent":150,"free_shipping":true}],
                 "growth_per_unit":1,"points_per_unit":2,"point_value":1,"redeem_cap_percent":30,"points_expiry_days":30,"activities":{"review":10}}
                """#)
            #expect(good.status == .ok, "\(good.json)")
            let state = try await client.call(.get, "/api/v1/customers/\(customer)/membership", as: shop.admin).json
            #expect((state["tier"] as? [String: Any])?["name"] as? String == "Gold")
            #expect((state["tier_history"] as? [[String: Any]])?.last?["reason"] as? String == "program_changed")
            #expect(try await client.call(.get, "/api/v1/customers/cus_999/membership", as: shop.admin).status == .notFound)
        }
    }
}
