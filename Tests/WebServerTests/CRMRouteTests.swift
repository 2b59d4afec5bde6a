import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Operations
import Persistence
import Testing
import StoreTesting
@testable import WebServer

/// Segments, campaigns with a holdout, the outbox, profiles and personal data, end to end.
@Suite struct CRMRouteTests {
    /// 40 customers; the first 30 paid an order of ¥100 × (index % 3 + 1), every fourth has no phone.
    static func populate(_ shop: TestShop, _ client: any TestClientProtocol) async throws -> [String] {
        try await shop.product(code: "C-1", price: 10_000, stock: 500)
        var customers: [String] = []
        for index in 0..<40 {
            let phone = index % 4 == 3 ? nil : "1380000\(String(format: "%04d", index))"
            let customer = try await shop.yunying.customers.create(shop.shop, .init(name: "Customer \(index)", phone: phone, email: "c\(index)@example.com"))
            customers.append("cus_\(customer.id)")
            guard index < 30 else { continue }
            let order = try await client.placeOrder(shop.admin, sku: "C-1", quantity: index % 3 + 1, customer: customers[index])
            try await client.payOrder(shop.admin, order, amount: 10_000 * (index % 3 + 1))
        }
        return customers
    }

    @Test(arguments: StoreKind.allCases) func segmentsEvaluateAndRefuseBadRules(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let customers = try await Self.populate(shop, client)
            let created = try await client.call(.post, "/api/v1/segments", as: shop.admin, json: #"""
                {"name": "Big spenders", "rules": {"all": [{"field": "spend", "op": ">=", "value": 20000}, {"field": "orders", "op": ">=", "value": 1}]}}
                """#)
            #expect(created.status == .created, "\(created.json)")
            #expect(created.json["size"] as? Int == 20 && created.json["customers_total"] as? Int == 40)
            let id = try #require(created.json["id"] as? String)
            let csv = try await client.raw(.get, "/api/v1/segments/\(id)/customers?format=csv", as: shop.key(.analyst))
            let rows = csv.text.split(separator: "\n").dropFirst().map(String.init)
            #expect(rows.count == 20 && Set(rows) == Set(customers.prefix(30).enumerated().filter { $0.offset % 3 != 0 }.map(\.element)))
            let prospects = try await client.call(.post, "/api/v1/segments/preview", as: shop.key(.analyst), json: #"{"rules": {"field": "lifecycle", "op": "=", "value": "prospect"}}"#)
            #expect(prospects.json["size"] as? Int == 10)
            // Tier and points come from membership: ¥300 orders reached no tier above V0; ¥100 earns 100 points.
            let members = try await client.call(.post, "/api/v1/segments/preview", as: shop.key(.analyst), json: #"{"rules": {"all": [{"field": "tier", "op": "=", "value": 0}, {"field": "points", "op": ">=", "value": 200}]}}"#)
            #expect(members.json["size"] as? Int == 20, "\(members.json)")
            let bad = try await client.call(.post, "/api/v1/segments", as: shop.admin, json: #"{"name": "X", "rules": {"all": [{"field": "spend", "op": "~", "value": 1}]}}"#)
            #expect(bad.status == .unprocessableContent && bad.json.errorCode == "invalid_operator" && bad.json.errorField == "rules.all[0].op", "\(bad.json)")
            let unknown = try await client.call(.post, "/api/v1/segments/preview", as: shop.admin, json: #"{"rules": {"field": "zodiac", "op": "=", "value": 1}}"#)
            #expect(unknown.json.errorCode == "unknown_field" && unknown.json.errorField == "rules.field")
            #expect(try await client.call(.post, "/api/v1/segments", as: shop.admin, json: #"{"name": "Big spenders", "rules": {"field": "orders", "op": ">", "value": 0}}"#).status == .conflict)
            let renamed = try await client.call(.patch, "/api/v1/segments/\(id)", as: shop.admin, json: #"{"name": "Top"}"#)
            #expect(renamed.json["name"] as? String == "Top" && renamed.json["size"] as? Int == 20)
            let profile = try await client.call(.get, "/api/v1/customers/\(customers[2])/profile", as: shop.key(.viewer))
            #expect(profile.json["orders"] as? Int == 1 && (profile.json["spend"] as? [String: Any])?["amount"] as? Int == 30_000)
            #expect((profile.json["segments"] as? [[String: Any]])?.first?["name"] as? String == "Top")
            #expect(profile.json["lifecycle"] as? String == "new" && (profile.json["rfm"] as? [String: Any])?["segment"] != nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func campaignsHoldOutQueueRespectOptOutsAndCapsAndReport(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let customers = try await Self.populate(shop, client)
            let segment = try await client.call(.post, "/api/v1/segments", as: shop.admin, json: #"{"name": "Everyone", "rules": {"field": "orders", "op": ">=", "value": 0}}"#)
            let segmentID = try #require(segment.json["id"] as? String)
            #expect(try await client.call(.put, "/api/v1/customers/\(customers[0])/opt-outs", as: shop.admin, json: #"{"channels": ["sms"]}"#).status == .ok)
            #expect(try await client.call(.put, "/api/v1/customers/\(customers[0])/opt-outs", as: shop.admin, json: #"{"channels": ["fax"]}"#).json.errorField == "channels[0]")
            #expect(try await client.call(.put, "/api/v1/crm/settings", as: shop.admin, json: #"{"weekly_message_cap": 1}"#).status == .ok)
            let bad = try await client.call(.put, "/api/v1/crm/settings", as: shop.admin, json: #"{"lifecycle": {"active_days": 100, "churn_days": 50}}"#)
            #expect(bad.status == .unprocessableContent && bad.json.errorField == "lifecycle.churn_days")

            let launch = #"{"name": "Come back", "segment_id": "\#(segmentID)", "holdout_percent": 20, "action": {"type": "message", "channel": "sms", "template": "Hi {{name}}, 10% off this week"}}"#
            let first = try await client.call(.post, "/api/v1/campaigns", as: shop.admin, json: launch)
            #expect(first.status == .created, "\(first.json)")
            let outcomes = try #require(first.json["outcomes"] as? [String: Int])
            let held = outcomes["held_out"] ?? 0
            #expect(held > 0 && held < 20 && outcomes.values.reduce(0, +) == 40 + (outcomes["message_pending"] ?? 0))
            #expect((outcomes["queued"] ?? 0) + (outcomes["skipped_opt_out"] ?? 0) + held == 40)
            // The same campaign name holds out the same customers.
            let campaignID = try #require(first.json["id"] as? String)
            let delivered = try await shop.yunying.delivery.deliver()
            #expect(delivered.sent + delivered.failed == outcomes["queued"] ?? -1 && delivered.failed > 0)
            let messages = try await client.call(.get, "/api/v1/campaigns/\(campaignID)/messages", as: shop.key(.analyst))
            let bodies = (messages.json["data"] as? [[String: Any]] ?? [])
            #expect(bodies.allSatisfy { ($0["body"] as? String)?.hasPrefix("Hi Customer ") == true })
            #expect(bodies.filter { $0["status"] as? String == "failed" }.allSatisfy { $0["error"] as? String == "no_address" })
            // Within the week the cap of one message refuses a second.
            let second = try await client.call(.post, "/api/v1/campaigns", as: shop.admin, json: launch.replacingOccurrences(of: "Come back", with: "Again"))
            let again = try #require(second.json["outcomes"] as? [String: Int])
            #expect((again["queued"] ?? 0) <= (again["skipped_cap"] == nil ? 40 : 40 - again["skipped_cap"]!) && (again["skipped_cap"] ?? 0) > 0)

            // A coupon campaign; then results.
            let coupon = try await shop.yunying.coupons.create(shop.shop, json: Array(#"{"name":"5 off","discount":{"type":"fixed","amount":500}}"#.utf8))
            let couponLaunch = try await client.call(.post, "/api/v1/campaigns", as: shop.admin, json: #"{"name": "Coupon", "segment_id": "\#(segmentID)", "action": {"type": "coupon", "coupon_id": "cpn_\#(coupon.id)"}}"#)
            #expect(((couponLaunch.json["outcomes"] as? [String: Int])?["coupon_issued"] ?? 0) > 30, "\(couponLaunch.json)")
            let results = try await client.call(.get, "/api/v1/campaigns/\(campaignID)/results", as: shop.key(.analyst))
            #expect(results.status == .ok)
            let metrics = results.json["metrics"] as? [[String: Any]] ?? []
            #expect(metrics.map { $0["metric"] as? String } == ["conversion", "revenue_per_customer"])
            #expect(((metrics.first?["holdout"] as? [String: Any])?["customers"] as? Int) == held)
            let invalid = try await client.call(.post, "/api/v1/campaigns", as: shop.admin, json: #"{"name": "X", "segment_id": "\#(segmentID)", "holdout_percent": 80, "action": {"type": "coupon", "coupon_id": "cpn_\#(coupon.id)"}}"#)
            #expect(invalid.status == .unprocessableContent && invalid.json.errorField == "holdout_percent")
            let noCoupon = try await client.call(.post, "/api/v1/campaigns", as: shop.admin, json: #"{"name": "X", "segment_id": "\#(segmentID)", "action": {"type": "coupon", "coupon_id": "cpn_999"}}"#)
            #expect(noCoupon.json.errorCode == "unknown_coupon" && noCoupon.json.errorField == "action.coupon_id")
        }
    }

    @Test(arguments: StoreKind.allCases) func personalDataIsExportedAndErased(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let customers = try await Self.populate(shop, client)
            let who = customers[1]
            let event = #"{"id":"\#(UUID().uuidString)","type":"page_view","anonymous_id":"visitor-1","customer_id":"\#(who)"}"#
            #expect(try await client.call(.post, "/api/v1/events", as: shop.key(.ingest), json: event).status == .ok)
            let anonymous = #"{"id":"\#(UUID().uuidString)","type":"product_view","anonymous_id":"visitor-1","sku":"C-1"}"#
            #expect(try await client.call(.post, "/api/v1/events", as: shop.key(.ingest), json: anonymous).status == .ok)
            #expect(try await client.call(.get, "/api/v1/customers/\(who)/export", as: shop.key(.operator)).status == .forbidden)
            let export = try await client.call(.get, "/api/v1/customers/\(who)/export", as: shop.admin)
            #expect((export.json["customer"] as? [String: Any])?["email"] as? String == "c1@example.com")
            // Their page view, the visitor's product view, and the order's placed and paid events.
            #expect((export.json["orders"] as? [Any])?.count == 1 && (export.json["events"] as? [Any])?.count == 4, "\(export.json["events"] ?? "")")
            let before = try await client.call(.get, "/api/v1/reports/kpis", as: shop.admin).json["uv"] as? Int ?? -1
            #expect(export.json["membership"] is [String: Any])
            let erased = try await client.call(.delete, "/api/v1/customers/\(who)", as: shop.admin)
            #expect(erased.status == .ok && erased.json["name"] as? String == "erased" && erased.json["email"] == nil)
            let after = try await client.call(.get, "/api/v1/customers/\(who)/export", as: shop.admin)
            #expect((after.json["events"] as? [Any])?.isEmpty == true && (after.json["orders"] as? [Any])?.count == 1)
            #expect((after.json["customer"] as? [String: Any])?["phone"] is NSNull)
            let kpis = try await client.call(.get, "/api/v1/reports/kpis", as: shop.admin)
            #expect(kpis.json["uv"] as? Int == before - 1)
        }
    }
}
