import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Testing
import StoreTesting
@testable import WebServer

/// `/events` and `/events/batch`: validation per event, idempotency, the ingest role, CORS.
@Suite struct EventRouteTests {
    static func event(_ id: String = UUID().uuidString, _ fields: String = #""type":"page_view","anonymous_id":"a1""#) -> String {
        #"{"id":"\#(id)",\#(fields)}"#
    }

    static func storedEvents(_ shop: TestShop) async throws -> [FrameEventRow] {
        try await shop.yunying.store.frameEvents(shop.shop.id, after: .start, limit: 1000)
    }

    @Test(arguments: StoreKind.allCases) func aBatchKeepsValidEventsAndReportsEachBadOneByIndex(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1")
        let repeated = UUID().uuidString
        let events = [
            Self.event(repeated, #""type":"product_view","customer_id":"cus_7","sku":"A-1","timestamp":"2026-05-01T08:00:00Z""#),
            Self.event("not-a-uuid"),
            Self.event(UUID().uuidString, #""type":"page_view""#),
            Self.event(UUID().uuidString, #""type":"add_to_cart","anonymous_id":"a1","sku":"NO-SUCH""#),
            Self.event(UUID().uuidString, #""type":"page_view","anonymous_id":"a1","device":"fridge""#),
            Self.event(UUID().uuidString, #""type":"page_view","anonymous_id":"a1","timestamp":"yesterday""#),
            Self.event(UUID().uuidString, #""type":"page_view","anonymous_id":"a1","value":19.9"#),
            Self.event(UUID().uuidString, #""type":"Page View","anonymous_id":"a1""#),
            Self.event(repeated, #""type":"product_view","customer_id":"cus_7","sku":"A-1""#),
            Self.event(UUID().uuidString, #""type":"wishlist_add","anonymous_id":"a1","properties":{"list":"gifts","n":2}"#),
        ]
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/events/batch", as: shop.key(.ingest), json: #"{"events":[\#(events.joined(separator: ","))]}"#)
            #expect(answer.status == .ok)
            #expect(answer.json["accepted"] as? Int == 2)
            #expect(answer.json["duplicates"] as? Int == 1)
            let rejected = answer.json["rejected"] as? [[String: Any]] ?? []
            #expect(rejected.map { $0["index"] as? Int } == [1, 2, 3, 4, 5, 6, 7])
            #expect(rejected.map { $0["code"] as? String } == [
                "invalid_event_id", "missing_identity", "unknown_sku", "invalid_device", "invalid_timestamp", "invalid_field", "invalid_type",
            ])
            #expect(rejected.allSatisfy { ($0["message"] as? String)?.isEmpty == false })
            // The same batch again: everything valid is now a duplicate, nothing new is stored.
            let again = try await client.call(.post, "/api/v1/events/batch", as: shop.key(.ingest), json: #"{"events":[\#(events.joined(separator: ","))]}"#)
            #expect(again.json["accepted"] as? Int == 0)
            #expect(again.json["duplicates"] as? Int == 3)
        }
        let stored = try await Self.storedEvents(shop)
        #expect(stored.count == 2)
        #expect(stored[0].customerID == 7 && stored[0].skuID != nil && stored[0].timestamp == Instant(iso8601: "2026-05-01T08:00:00Z")!.millisecondsSinceEpoch)
        #expect(stored[1].type == "wishlist_add" && stored[1].timestamp == shop.time.now().millisecondsSinceEpoch)
    }

    @Test(arguments: StoreKind.allCases) func oneEventIsAcceptedOrRefusedWithItsField(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let good = try await client.call(.post, "/api/v1/events", as: shop.key(.ingest), json: Self.event())
            #expect(good.status == .ok && good.json["accepted"] as? Int == 1)
            let bad = try await client.call(.post, "/api/v1/events", as: shop.key(.ingest),
                                            json: Self.event(UUID().uuidString, #""type":"page_view","customer_id":"bob""#))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.json.errorCode == "invalid_customer_id")
            #expect(bad.json.errorField == "customer_id")
            let future = try await client.call(.post, "/api/v1/events", as: shop.key(.ingest),
                                               json: Self.event(UUID().uuidString, #""type":"page_view","anonymous_id":"a","timestamp":"2099-01-01T00:00:00Z""#))
            #expect(future.json.errorCode == "timestamp_in_future")
            let notObject = try await client.call(.post, "/api/v1/events/batch", as: shop.key(.ingest), json: #"{"events":{}}"#)
            #expect(notObject.status.code / 100 == 4)
        }
        #expect(try await Self.storedEvents(shop).count == 1)
    }

    @Test(arguments: StoreKind.allCases) func moreThanTenThousandEventsAreRefusedWhole(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let one = Self.event("6F9619FF-8B86-D011-B42D-00C04FC964FF")
        let body = #"{"events":[\#(Array(repeating: one, count: 10_001).joined(separator: ","))]}"#
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/events/batch", as: shop.key(.ingest), json: body)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.json.errorCode == "batch_too_large")
        }
        #expect(try await Self.storedEvents(shop).isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func theIngestKeySendsEventsAndNothingElse(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            #expect(try await client.call(.post, "/api/v1/events", as: shop.key(.ingest), json: Self.event()).status == .ok)
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/orders"), (.get, "/api/v1/products"), (.get, "/api/v1/customers"),
                                  (.get, "/api/v1/analytics/channel-rules")] {
                let answer = try await client.call(method, uri, as: shop.key(.ingest))
                #expect(answer.status == .forbidden, "\(uri)")
            }
            #expect(try await client.call(.post, "/api/v1/events", as: shop.key(.viewer), json: Self.event()).status == .forbidden)
        }
    }

    @Test(arguments: StoreKind.allCases) func browsersMayCallTheTrackingEndpoints(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            for path in ["/api/v1/events", "/api/v1/events/batch"] {
                var headers = HTTPFields()
                headers[.origin] = "https://shop.example"
                headers[.accessControlRequestMethod] = "POST"
                let preflight = try await client.raw(.options, path, as: nil, headers: headers)
                #expect(preflight.status == .noContent)
                #expect(preflight.headers[.accessControlAllowOrigin] == "*")
                #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
                #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)
            }
            let posted = try await client.raw(.post, "/api/v1/events", as: shop.key(.ingest), body: Array(Self.event().utf8))
            #expect(posted.headers[.accessControlAllowOrigin] == "*")
            let refused = try await client.raw(.post, "/api/v1/events", as: nil, body: Array(Self.event().utf8))
            #expect(refused.status == .unauthorized && refused.headers[.accessControlAllowOrigin] == "*")
            let other = try await client.raw(.options, "/api/v1/orders", as: nil)
            #expect(other.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func ordersEmitTheirEventsAndClientCopiesAreDuplicates(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", price: 1000, stock: 5)
        let customer = try await shop.yunying.customers.create(shop.shop, .init(name: "Li Lei"))
        try await shop.test { client async throws in
            let placed = try await client.call(.post, "/api/v1/orders", as: shop.admin,
                                               json: #"{"customer_id":"cus_\#(customer.id)","lines":[{"sku":"A-1","quantity":2}]}"#)
            let orderID = try #require(placed.json["id"] as? String)
            try await client.payOrder(shop.admin, orderID, amount: 2000)
            let copy = Self.event(UUID().uuidString, #""type":"order_placed","customer_id":"cus_\#(customer.id)","order_id":"\#(orderID)""#)
            let answer = try await client.call(.post, "/api/v1/events", as: shop.key(.ingest), json: copy)
            #expect(answer.json["accepted"] as? Int == 0 && answer.json["duplicates"] as? Int == 1)
        }
        let stored = try await Self.storedEvents(shop)
        #expect(stored.map(\.type) == ["order_placed", "order_paid"])
        #expect(stored.allSatisfy { $0.customerID == customer.id })
    }

    @Test(arguments: StoreKind.allCases) func theChannelComesFromUTMAndReferrerByTheShopsRules(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let touches = [
            #""utm_source":"baidu","utm_medium":"cpc""#, #""referrer":"https://m.baidu.com/s?wd=x""#,
            #""utm_source":"douyin","utm_medium":"video""#, #""referrer":"https://shop.example/cart","url":"https://shop.example/p/1""#,
            #""utm_source":"newsletter","utm_medium":"email""#, #""referrer":"https://blog.example/post""#, "",
        ]
        try await shop.test { client async throws in
            let events = touches.map { Self.event(UUID().uuidString, #""type":"page_view","anonymous_id":"a1""# + ($0.isEmpty ? "" : "," + $0)) }
            let answer = try await client.call(.post, "/api/v1/events/batch", as: shop.admin, json: #"{"events":[\#(events.joined(separator: ","))]}"#)
            #expect(answer.json["accepted"] as? Int == touches.count)
            let rules = try await client.call(.put, "/api/v1/analytics/channel-rules", as: shop.admin,
                                              json: #"{"named_sources":[{"name":"newsletter","channel":"email_sms"}]}"#)
            #expect(rules.status == .ok)
            let wrong = try await client.call(.put, "/api/v1/analytics/channel-rules", as: shop.admin,
                                              json: #"{"named_sources":[{"name":"x","channel":"telepathy"}]}"#)
            #expect(wrong.status == .unprocessableContent && wrong.json.errorCode == "invalid_channel")
            let read = try await client.call(.get, "/api/v1/analytics/channel-rules", as: shop.key(.analyst))
            #expect((read.json["named_sources"] as? [[String: Any]])?.count == 1)
        }
        #expect(try await Self.storedEvents(shop).map(\.channel) == [
            "paid_search", "organic_search", "short_video", "direct", "email_sms", "referral", "direct",
        ])
    }
}
