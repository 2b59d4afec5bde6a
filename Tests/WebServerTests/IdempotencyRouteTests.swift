import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Testing
@testable import WebServer

/// `Idempotency-Key` on creating POSTs.
@Suite struct IdempotencyRouteTests {
    static func key(_ value: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.idempotencyKey] = value
        return headers
    }

    static let orderBody = #"{"lines":[{"sku":"A-1","quantity":2}]}"#

    static func shop() async throws -> TestShop {
        let shop = try await TestShop.make()
        try await shop.product(code: "A-1", price: 1999, stock: 5)
        return shop
    }

    @Test func theSameKeyAndBodyReplaysTheFirstResponse() async throws {
        let shop = try await Self.shop()
        try await shop.test { client async throws in
            let first = try await client.raw(.post, "/api/v1/orders", as: shop.admin, body: Array(Self.orderBody.utf8), headers: Self.key("order-1"))
            shop.time.advance(seconds: 5)
            let second = try await client.raw(.post, "/api/v1/orders", as: shop.admin, body: Array(Self.orderBody.utf8), headers: Self.key("order-1"))
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(second.text == first.text)
            #expect(second.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try await shop.orderCount() == 1)
            #expect(try await client.stock("A-1", as: shop.admin).held == 2)
            // Another key with the same body is another order.
            let third = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: Self.orderBody, headers: Self.key("order-2"))
            #expect(third.status == .created)
            #expect(third.json["id"] as? String != first.text.data(using: .utf8)?.json()["id"] as? String)
            let ids = try await client.list("/api/v1/orders", as: shop.admin).items.compactMap { $0["id"] as? String }
            #expect(ids.count == 2)
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 5, held: 4, allocated: 0, available: 1))
        }
    }

    @Test func theSameKeyWithAnotherBodyIsRefused() async throws {
        let shop = try await Self.shop()
        try await shop.test { client async throws in
            let first = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: Self.orderBody, headers: Self.key("k"))
            #expect(first.status == .created)
            let other = try await client.call(
                .post, "/api/v1/orders", as: shop.admin, json: #"{"lines":[{"sku":"A-1","quantity":1}]}"#, headers: Self.key("k"))
            #expect(other.status == .unprocessableContent)
            #expect(other.json.errorCode == "idempotency_key_reused")
            // Same body to another route with the key is another request too.
            let elsewhere = try await client.call(.post, "/api/v1/customers", as: shop.admin, json: Self.orderBody, headers: Self.key("k"))
            #expect(elsewhere.json.errorCode == "idempotency_key_reused")
            #expect(try await shop.orderCount() == 1)
            #expect(try await client.stock("A-1", as: shop.admin).held == 2)
            #expect(try await client.list("/api/v1/customers", as: shop.admin).items.isEmpty)
        }
    }

    @Test func aRejectedRequestIsReplayedAsRejected() async throws {
        let shop = try await Self.shop()
        try await shop.test { client async throws in
            let body = #"{"lines":[{"sku":"A-1","quantity":7}]}"#
            let first = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: body, headers: Self.key("big"))
            #expect(first.status == .conflict)
            #expect(first.json.errorCode == "insufficient_stock")
            _ = try await shop.yunying.inventory.adjust(shop.shop, .init(sku: "A-1", delta: 5, reason: "receipt"))
            let replay = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: body, headers: Self.key("big"))
            #expect(replay.status == .conflict)
            #expect(replay.json.errorCode == "insufficient_stock")
            #expect(replay.json.errorField == "lines[0].quantity")
            #expect(try await shop.orderCount() == 0)
            let fresh = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: body, headers: Self.key("big-2"))
            #expect(fresh.status == .created)
        }
    }

    @Test func payingWithTheSameKeyReplaysInsteadOfRefusing() async throws {
        let shop = try await Self.shop()
        try await shop.test { client async throws in
            let id = try await client.placeOrder(shop.admin, sku: "A-1", quantity: 1)
            let first = try await client.raw(.post, "/api/v1/orders/\(id)/pay", as: shop.admin, body: Array(#"{"amount":1999}"#.utf8), headers: Self.key("pay-1"))
            let again = try await client.raw(.post, "/api/v1/orders/\(id)/pay", as: shop.admin, body: Array(#"{"amount":1999}"#.utf8), headers: Self.key("pay-1"))
            #expect(first.status == .ok)
            #expect(again.status == .ok)
            #expect(again.text == first.text)
            let payments = try await client.call(.get, "/api/v1/orders/\(id)/payments", as: shop.admin)
            #expect((payments.json["payments"] as? [Any])?.count == 1)
            // Without the key, paying again is a conflict.
            #expect(try await client.call(.post, "/api/v1/orders/\(id)/pay", as: shop.admin, json: #"{"amount":1999}"#).status == .conflict)
        }
    }

    @Test func aForbiddenRequestDoesNotUseUpTheKey() async throws {
        let shop = try await Self.shop()
        try await shop.test { client async throws in
            let viewer = try await client.call(.post, "/api/v1/orders", as: shop.key(.viewer), json: Self.orderBody, headers: Self.key("shared"))
            #expect(viewer.status == .forbidden)
            let admin = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: Self.orderBody, headers: Self.key("shared"))
            #expect(admin.status == .created)
        }
    }

    @Test(arguments: [String(repeating: "k", count: 256), ""])
    func invalidKeysAreRefusedBeforeAnythingIsWritten(_ value: String) async throws {
        let shop = try await Self.shop()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: Self.orderBody, headers: Self.key(value))
            #expect(answer.status == .badRequest)
            #expect(answer.json.errorCode == "invalid_idempotency_key")
            #expect(try await client.stock("A-1", as: shop.admin).held == 0)
        }
        #expect(try await shop.orderCount() == 0)
    }

    @Test func aKeyOf255CharactersIsAccepted() async throws {
        let shop = try await Self.shop()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: Self.orderBody, headers: Self.key(String(repeating: "k", count: 255)))
            #expect(answer.status == .created)
        }
    }

    @Test func readsIgnoreTheKey() async throws {
        let shop = try await Self.shop()
        try await shop.test { client async throws in
            let before = try await client.call(.get, "/api/v1/orders", as: shop.admin, headers: Self.key("read"))
            #expect((before.json["data"] as? [Any])?.isEmpty == true)
            _ = try await client.placeOrder(shop.admin, sku: "A-1")
            let after = try await client.call(.get, "/api/v1/orders", as: shop.admin, headers: Self.key("read"))
            #expect((after.json["data"] as? [Any])?.count == 1)
            // …and a read does not claim the key for a later POST.
            #expect(try await client.call(.post, "/api/v1/orders", as: shop.admin, json: Self.orderBody, headers: Self.key("read")).status == .created)
        }
    }
}
