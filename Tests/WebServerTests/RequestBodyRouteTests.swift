import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Operations
import Persistence
import Testing
@testable import WebServer

/// Bodies of every POST and PATCH route: size limit (16 MiB for event batches, else 1 MiB) and malformed JSON, with nothing written.
@Suite struct RequestBodyRouteTests {
    /// A shop with stock, one order in each state, a promotion, a live flash sale, two coupons and a
    /// customer, and a valid body for every route that takes one.
    struct Fixture {
        let shop: TestShop
        let secret: String
        /// A customer (`cus_…`) who claims coupons and orders from the flash sale.
        let customer: String
        /// "post /api/v1/orders/{id}/pay" → (uri, valid JSON object body without the closing brace).
        let requests: [String: (uri: String, body: String)]
    }

    static func fixture() async throws -> Fixture {
        let shop = try await TestShop.make()
        let product = try await shop.product(code: "A-1", price: 1000, stock: 20)
        let orders = shop.yunying.orders, payments = shop.yunying.payments
        func place() async throws -> String {
            "ord_\(try await orders.place(shop.shop, .init(lines: [.init(sku: "A-1", quantity: 1)])).id)"
        }
        func pay(_ id: String) async throws { _ = try await payments.pay(shop.shop, orderID: id, .init(amount: .init(amount: 1000, currency: nil))) }
        let toPay = try await place(), toCancel = try await place(), toCallback = try await place()
        let toShip = try await place()
        try await pay(toShip)
        let toDeliver = try await place()
        try await pay(toDeliver)
        _ = try await orders.ship(shop.shop, id: toDeliver, .init(carrier: "SF", trackingNumber: "1"))
        let toComplete = try await place()
        try await pay(toComplete)
        _ = try await orders.ship(shop.shop, id: toComplete, .init(carrier: "SF", trackingNumber: "2"))
        _ = try await orders.deliver(shop.shop, id: toComplete)
        // Promotions and coupons come after the orders above, so those keep their prices (paid at 1000).
        try await shop.product(code: "F-1", price: 2000, stock: 5)
        let customer = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Zhang San")).id)"
        let promotions = shop.yunying.promotions, coupons = shop.yunying.coupons
        let promotion = try await promotions.create(shop.shop, json: Array(#"""
            {"name":"满200减20","type":"threshold_reduction","starts_at":"2026-01-01","ends_at":"2027-01-01",
             "scope":{"all":true},"tiers":[{"threshold":20000,"reduction":2000}]}
            """#.utf8))
        let flash = try await promotions.create(shop.shop, json: Array(#"""
            {"name":"秒杀","type":"flash_sale","starts_at":"2026-01-01","ends_at":"2027-01-01","sku":"F-1","price":1000,"stock":2,
             "per_customer_limit":1}
            """#.utf8))
        let byID = try await coupons.create(shop.shop, json: Array(#"{"name":"By id","discount":{"type":"fixed","amount":100}}"#.utf8))
        _ = try await coupons.create(shop.shop, json: Array(#"{"name":"By code","discount":{"type":"fixed","amount":100},"code":"BYCODE"}"#.utf8))
        let experiment = #"{"name":"E","variants":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}],"primary_metric":"conversion""#
        for key in ["draft-exp", "to-start", "to-stop"] {
            _ = try await shop.yunying.experiments.create(shop.shop, json: Array((experiment + #","key":"\#(key)"}"#).utf8))
        }
        _ = try await shop.yunying.experiments.start(shop.shop, key: "to-stop")
        let segment = try await shop.yunying.segments.create(shop.shop, json: Array(#"{"name":"All","rules":{"field":"orders","op":">=","value":0}}"#.utf8))
        let requests: [String: (uri: String, body: String)] = [
            "post /api/v1/categories": ("/api/v1/categories", #"{"name":"Big""#),
            "post /api/v1/products": ("/api/v1/products", #"{"title":"Big","skus":[{"code":"BIG-1","price":1}]"#),
            "patch /api/v1/products/{id}": ("/api/v1/products/prod_\(product.id)", #"{"title":"Big""#),
            "patch /api/v1/skus/{code}": ("/api/v1/skus/A-1", #"{"price":1}"#.dropLast() + ""),
            "post /api/v1/warehouses": ("/api/v1/warehouses", #"{"code":"big","name":"Big""#),
            "post /api/v1/inventory/adjustments": ("/api/v1/inventory/adjustments", #"{"sku":"A-1","delta":1,"reason":"receipt""#),
            "post /api/v1/customers": ("/api/v1/customers", #"{"name":"Big""#),
            "post /api/v1/orders": ("/api/v1/orders", #"{"lines":[{"sku":"A-1","quantity":1}]"#),
            "post /api/v1/orders/{id}/pay": ("/api/v1/orders/\(toPay)/pay", #"{"amount":1000"#),
            "post /api/v1/orders/{id}/cancel": ("/api/v1/orders/\(toCancel)/cancel", #"{"reason":"none""#),
            "post /api/v1/orders/{id}/ship": ("/api/v1/orders/\(toShip)/ship", #"{"carrier":"SF","tracking_number":"9""#),
            "post /api/v1/orders/{id}/deliver": ("/api/v1/orders/\(toDeliver)/deliver", #"{"note":"ok""#),
            "post /api/v1/orders/{id}/complete": ("/api/v1/orders/\(toComplete)/complete", #"{"note":"ok""#),
            "post /api/v1/payments/callback": (
                "/api/v1/payments/callback", #"{"reference":"big","order_id":"\#(toCallback)","amount":1000,"status":"succeeded""#),
            "post /api/v1/promotions": (
                "/api/v1/promotions",
                #"{"name":"Big","type":"percent_off","starts_at":"2026-01-01","ends_at":"2027-01-01","scope":{"skus":["A-1"]},"percent_off":10"#),
            "patch /api/v1/promotions/{id}": ("/api/v1/promotions/promo_\(promotion.id)", #"{"name":"Big""#),
            "post /api/v1/flash-sales/{id}/orders": ("/api/v1/flash-sales/promo_\(flash.id)/orders", #"{"customer_id":"\#(customer)","quantity":1"#),
            "post /api/v1/coupons": ("/api/v1/coupons", #"{"name":"Big","discount":{"type":"fixed","amount":500},"threshold":5000"#),
            "post /api/v1/coupons/{id}/claims": ("/api/v1/coupons/cpn_\(byID.id)/claims", #"{"customer_id":"\#(customer)""#),
            "post /api/v1/coupons/claims": ("/api/v1/coupons/claims", #"{"customer_id":"\#(customer)","code":"BYCODE""#),
            "post /api/v1/carts/price": ("/api/v1/carts/price", #"{"lines":[{"sku":"A-1","quantity":1}],"customer_id":"\#(customer)""#),
            "post /api/v1/events": ("/api/v1/events", #"{"id":"\#(UUID().uuidString)","type":"page_view","anonymous_id":"a1""#),
            "post /api/v1/ad-spend": ("/api/v1/ad-spend", #"{"rows":[{"date":"2026-05-01","channel":"kol","campaign":"c","spend":100}]"#),
            "post /api/v1/customers/{id}/points": ("/api/v1/customers/\(customer)/points", #"{"activity":"sign_in""#),
            "post /api/v1/segments": ("/api/v1/segments", #"{"name":"Big","rules":{"field":"orders","op":">","value":0}"#),
            "post /api/v1/segments/preview": ("/api/v1/segments/preview", #"{"rules":{"field":"orders","op":">","value":0}"#),
            "patch /api/v1/segments/{id}": ("/api/v1/segments/seg_\(segment.id)", #"{"name":"Everyone""#),
            "post /api/v1/campaigns": (
                "/api/v1/campaigns", #"{"name":"Big","segment_id":"seg_\#(segment.id)","action":{"type":"coupon","coupon_id":"cpn_\#(byID.id)"}"#),
            "post /api/v1/experiments": ("/api/v1/experiments", experiment + #","key":"big""#),
            "patch /api/v1/experiments/{key}": ("/api/v1/experiments/draft-exp", #"{"name":"Big""#),
            "post /api/v1/experiments/{key}/start": ("/api/v1/experiments/to-start/start", #"{"note":"ok""#),
            "post /api/v1/experiments/{key}/stop": ("/api/v1/experiments/to-stop/stop", #"{"note":"ok""#),
            "post /api/v1/events/batch": ("/api/v1/events/batch", #"{"events":[{"id":"\#(UUID().uuidString)","type":"page_view","anonymous_id":"a1"}]"#),
        ]
        return Fixture(shop: shop, secret: try await shop.webhookSecret(), customer: customer, requests: requests)
    }

    /// Everything a client can read, as text, to compare before and after.
    static func snapshot(_ client: any TestClientProtocol, _ fixture: Fixture) async throws -> [String] {
        let shop = fixture.shop
        var texts: [String] = []
        for uri in ["/api/v1/orders", "/api/v1/products", "/api/v1/categories", "/api/v1/customers", "/api/v1/warehouses",
                    "/api/v1/inventory/movements?limit=100", "/api/v1/skus/A-1/stock", "/api/v1/skus/F-1/stock",
                    "/api/v1/promotions?limit=100", "/api/v1/flash-sales", "/api/v1/coupons?limit=100",
                    "/api/v1/customers/\(fixture.customer)/coupons", "/api/v1/experiments?limit=100", "/api/v1/customers/\(fixture.customer)/membership",
                    "/api/v1/segments?limit=100", "/api/v1/campaigns?limit=100"] {
            texts.append(try await client.raw(.get, uri, as: shop.admin).text)
        }
        for order in 1...6 { texts.append(try await client.raw(.get, "/api/v1/orders/ord_\(order)/payments", as: shop.admin).text) }
        return texts
    }

    static func send(_ client: any TestClientProtocol, _ fixture: Fixture, method: HTTPRequest.Method, uri: String, body: String) async throws -> RawAnswer {
        var headers = HTTPFields()
        let key: String? = uri.hasSuffix("/callback") ? nil : fixture.shop.admin
        if key == nil { headers[.signature] = PaymentService.signature(body: Array(body.utf8), secret: fixture.secret) }
        return try await client.raw(method, uri, as: key, body: Array(body.utf8), headers: headers)
    }

    static func bodyRoutes(_ shop: TestShop) async throws -> [(method: HTTPRequest.Method, name: String)] {
        try await ServerApplication.buildRouter(shop.yunying, shop: shop.shop).routes
            .filter { ($0.method == .post || $0.method == .patch) && isAPIRoute($0.path.description) }
            .map { ($0.method, "\($0.method.rawValue.lowercased()) \(OpenAPIRouteTests.openAPIPath($0.path.description))") }
    }

    @Test func bodiesOverOneMebibyteAreRefusedOnEveryRoute() async throws {
        let fixture = try await Self.fixture()
        let routes = try await Self.bodyRoutes(fixture.shop)
        #expect(routes.count == fixture.requests.count)
        try await fixture.shop.test { client async throws in
            let before = try await Self.snapshot(client, fixture)
            for route in routes {
                let request = try #require(fixture.requests[route.name], "no sample body for \(route.name): add one")
                let limit = route.name == "post /api/v1/events/batch" ? EventRoutes.maxBatchBytes : JSONCoding.maxBodyBytes
                let padding = String(repeating: "x", count: limit)
                let answer = try await Self.send(client, fixture, method: route.method, uri: request.uri, body: request.body + #","pad":"\#(padding)"}"#)
                #expect(answer.status == .contentTooLarge, "\(route.name): \(answer.status) \(answer.text.prefix(200))")
                #expect(answer.text.data(using: .utf8)?.json().errorCode == "payload_too_large", "\(route.name)")
            }
            #expect(try await Self.snapshot(client, fixture) == before)
            // The same requests with a small pad are valid: the size alone refused them.
            for route in routes {
                let request = try #require(fixture.requests[route.name])
                let answer = try await Self.send(client, fixture, method: route.method, uri: request.uri, body: request.body + #","pad":"xx"}"#)
                #expect((200..<300).contains(answer.status.code), "\(route.name): \(answer.status) \(answer.text.prefix(200))")
            }
            #expect(try await Self.snapshot(client, fixture) != before)
        }
    }

    @Test func aBodyOfExactlyOneMebibyteIsRead() async throws {
        let fixture = try await Self.fixture()
        try await fixture.shop.test { client async throws in
            let start = #"{"name":"Edge","pad":""#
            let body = start + String(repeating: "x", count: JSONCoding.maxBodyBytes - start.utf8.count - 2) + #""}"#
            #expect(body.utf8.count == JSONCoding.maxBodyBytes)
            let answer = try await client.call(.post, "/api/v1/customers", as: fixture.shop.admin, json: body)
            #expect(answer.status == .created)
            let over = try await client.call(.post, "/api/v1/customers", as: fixture.shop.admin, json: body + " ")
            #expect(over.status == .contentTooLarge)
            // The fixture's customer and Edge.
            #expect(try await client.list("/api/v1/customers", as: fixture.shop.admin).items.count == 2)
        }
    }

    /// Routes that read a JSON body answer 400 invalid_json to anything that is not JSON.
    @Test(arguments: ["{", "not json", #"{"a":}"#, "\u{FF}\u{FE}"])
    func malformedJSONIsRefusedOnEveryRouteWithABody(_ text: String) async throws {
        let fixture = try await Self.fixture()
        let document = try await OpenAPIRouteTests.document(fixture.shop)
        let withBody = try await Self.bodyRoutes(fixture.shop).filter { route in
            let parts = route.name.split(separator: " ", maxSplits: 1).map(String.init)
            return ((document["paths"] as? [String: Any])?[parts[1]] as? [String: Any])?[path: "\(parts[0]).requestBody"] != nil
        }
        #expect(withBody.count == 28)
        try await fixture.shop.test { client async throws in
            let before = try await Self.snapshot(client, fixture)
            for route in withBody {
                let request = try #require(fixture.requests[route.name])
                let answer = try await Self.send(client, fixture, method: route.method, uri: request.uri, body: text)
                let json = answer.text.data(using: .utf8)?.json() ?? [:]
                #expect(answer.status == .badRequest, "\(route.name): \(answer.status)")
                #expect(json.errorCode == "invalid_json", "\(route.name): \(answer.text)")
                #expect(json.errorField == nil)
            }
            #expect(try await Self.snapshot(client, fixture) == before)
        }
    }
}
