import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Testing
import StoreTesting
@testable import WebServer

/// API keys and roles.
@Suite struct AuthRouteTests {
    static let publicPaths: Set<String> = ["/healthz", "/metrics", "/api/v1/openapi.json", "/api/v1/payments/callback"]

    /// Every route that needs a key, with its path parameters filled in.
    static func authenticatedRoutes(_ shop: TestShop, id: String = "none_1", code: String = "NO-SKU") async throws -> [(method: HTTPRequest.Method, uri: String)] {
        let router = try await ServerApplication.buildRouter(shop.yunying, shop: shop.shop)
        return router.routes.compactMap { route in
            let path = OpenAPIRouteTests.openAPIPath(route.path.description)
            guard isAPIRoute(route.path.description), !publicPaths.contains(path) else { return nil }
            return (route.method, path.replacingOccurrences(of: "{id}", with: id).replacingOccurrences(of: "{code}", with: code))
        }
    }

    @Test(arguments: StoreKind.allCases) func everyAPIRouteNeedsAKey(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let routes = try await Self.authenticatedRoutes(shop)
        #expect(routes.count >= 26)
        try await shop.test { client async throws in
            for route in routes {
                let bare = try await client.call(route.method, route.uri, as: nil, json: "{}")
                #expect(bare.status == .unauthorized, "\(route.method) \(route.uri) without a key: \(bare.status)")
                #expect(bare.json.errorCode == "unauthenticated")
                let bad = try await client.call(route.method, route.uri, as: "yk_not_a_real_key", json: "{}")
                #expect(bad.status == .unauthorized, "\(route.method) \(route.uri) with a bad key: \(bad.status)")
                #expect(bad.json.errorCode == "unauthenticated")
            }
        }
    }

    @Test(arguments: ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "Bearer nokeyprefix", "bearer yk_x", "yk_abc"])
    func malformedAuthorizationHeadersAreRefused(_ header: String) async throws {
        let shop = try await TestShop.make()
        try await shop.test { client async throws in
            var headers = HTTPFields()
            headers[.authorization] = header
            let answer = try await client.call(.get, "/api/v1/orders", as: nil, headers: headers)
            #expect(answer.status == .unauthorized)
            #expect(answer.json.errorCode == "unauthenticated")
            #expect(answer.json.errorMessage?.isEmpty == false)
        }
    }

    @Test(arguments: StoreKind.allCases) func aValidKeyWithASuffixIsNotAccepted(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            #expect(try await client.call(.get, "/api/v1/orders", as: shop.admin).status == .ok)
            #expect(try await client.call(.get, "/api/v1/orders", as: shop.admin + "x").status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/orders", as: String(shop.admin.dropLast())).status == .unauthorized)
        }
    }

    @Test(arguments: StoreKind.allCases) func authenticationComesBeforeReadingTheBody(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/orders", as: nil, json: "{not json")
            #expect(answer.status == .unauthorized)
            let forbidden = try await client.call(.post, "/api/v1/orders", as: shop.key(.viewer), json: "{not json")
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test(arguments: StoreKind.allCases) func viewerCannotCreateAProduct(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            for role in [Role.viewer, .analyst, .service] {
                let answer = try await client.call(
                    .post, "/api/v1/products", as: shop.key(role), json: #"{"title":"Tea","skus":[{"code":"T-1","price":100}]}"#)
                #expect(answer.status == .forbidden, "\(role)")
                #expect(answer.json.errorCode == "forbidden")
                #expect(answer.json.errorMessage?.contains(role.rawValue) == true)
            }
            #expect(try await client.call(.get, "/api/v1/skus/T-1", as: shop.admin).status == .notFound)
        }
        #expect(try await shop.productCount() == 0)
    }

    @Test(arguments: StoreKind.allCases) func analystAndViewerCannotPlaceOrders(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", price: 100, stock: 4)
        try await shop.test { client async throws in
            for role in [Role.analyst, .viewer] {
                let answer = try await client.call(.post, "/api/v1/orders", as: shop.key(role), json: #"{"lines":[{"sku":"A-1","quantity":1}]}"#)
                #expect(answer.status == .forbidden, "\(role)")
                #expect(answer.json.errorCode == "forbidden")
            }
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 4, held: 0, allocated: 0, available: 4))
            // Customer service may place orders.
            _ = try await client.placeOrder(shop.key(.service), sku: "A-1")
        }
        #expect(try await shop.orderCount() == 1)
    }

    @Test(arguments: StoreKind.allCases) func onlyCatalogWritersAdjustStock(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", stock: 2)
        try await shop.test { client async throws in
            let body = #"{"sku":"A-1","delta":5,"reason":"receipt"}"#
            for role in [Role.viewer, .analyst, .service] {
                #expect(try await client.call(.post, "/api/v1/inventory/adjustments", as: shop.key(role), json: body).status == .forbidden)
            }
            #expect(try await client.stock("A-1", as: shop.admin).onHand == 2)
            #expect(try await client.call(.post, "/api/v1/inventory/adjustments", as: shop.key(.operator), json: body).status == .created)
            #expect(try await client.stock("A-1", as: shop.admin).onHand == 7)
        }
    }

    /// A viewer reads everything: every GET route answers 200 with real ids.
    @Test(arguments: StoreKind.allCases) func viewerMayReadEveryGetRoute(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let product = try await shop.product(code: "V-1", price: 300, stock: 5)
        let customer = try await shop.yunying.customers.create(shop.shop, .init(name: "Li Lei"))
        try await shop.product(code: "V-2", price: 900, stock: 5)
        let promotion = try await shop.yunying.promotions.create(shop.shop, json: Array(#"""
            {"name":"Flash","type":"flash_sale","starts_at":"2026-01-01","ends_at":"2027-01-01","sku":"V-2","price":500,"stock":2,
             "per_customer_limit":1}
            """#.utf8))
        let coupon = try await shop.yunying.coupons.create(shop.shop, json: Array(#"{"name":"5 off","discount":{"type":"fixed","amount":500}}"#.utf8))
        _ = try await shop.yunying.coupons.claim(shop.shop, couponID: "cpn_\(coupon.id)", code: nil, customerID: "cus_\(customer.id)")
        _ = try await shop.yunying.experiments.create(shop.shop, json: Array(#"""
            {"key":"e1","name":"E","variants":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}],"primary_metric":"conversion"}
            """#.utf8))
        _ = try await shop.yunying.experiments.start(shop.shop, key: "e1")
        let segment = try await shop.yunying.segments.create(shop.shop, json: Array(#"{"name":"All","rules":{"field":"orders","op":">=","value":0}}"#.utf8))
        let campaign = try await shop.yunying.campaigns.launch(shop.shop, json: Array(#"""
            {"name":"Hello","segment_id":"seg_\#(segment.id)","action":{"type":"message","channel":"email","template":"Hi {{name}}"}}
            """#.utf8))
        let routes = try await ServerApplication.buildRouter(shop.yunying, shop: shop.shop).routes
            .filter { $0.method == .get && isAPIRoute($0.path.description) }.map { OpenAPIRouteTests.openAPIPath($0.path.description) }
            // A customer's personal data export is for admins only (CRMRouteTests checks that).
            .filter { !$0.hasSuffix("/export") }
        #expect(routes.count >= 15)
        let productID = "prod_\(product.id)"
        let customerID = "cus_\(customer.id)"
        try await shop.test { client async throws in
            let orderID = try await client.placeOrder(shop.admin, sku: "V-1")
            for path in routes {
                let uri = path
                    .replacingOccurrences(of: "/products/{id}", with: "/products/\(productID)")
                    .replacingOccurrences(of: "/customers/{id}", with: "/customers/\(customerID)")
                    .replacingOccurrences(of: "/orders/{id}", with: "/orders/\(orderID)")
                    .replacingOccurrences(of: "/promotions/{id}", with: "/promotions/promo_\(promotion.id)")
                    .replacingOccurrences(of: "/coupons/{id}", with: "/coupons/cpn_\(coupon.id)")
                    .replacingOccurrences(of: "{code}", with: "V-1")
                    .replacingOccurrences(of: "/reports/{name}", with: "/reports/kpis")
                    .replacingOccurrences(of: "/experiments/{key}", with: "/experiments/e1")
                    .replacingOccurrences(of: "/segments/{id}", with: "/segments/seg_\(segment.id)")
                    .replacingOccurrences(of: "/campaigns/{id}", with: "/campaigns/cmp_\(campaign.id)")
                    + (path.hasSuffix("/calendar") ? "?from=2026-01-01&to=2026-12-31" : "")
                    + (path.hasSuffix("/assignment") ? "?unit=u1" : "")
                #expect(!uri.contains("{"), "no id to fill in \(path)")
                let answer = try await client.raw(.get, uri, as: shop.key(.viewer))
                #expect(answer.status == .ok, "viewer GET \(uri): \(answer.status) \(answer.text)")
                // Lists of the promotions, flash sales, coupons and claims made above are not empty.
                let bare = String(uri.split(separator: "?")[0])
                if ["/promotions", "/calendar", "/flash-sales", "/coupons"].contains(where: { bare.hasSuffix($0) }) {
                    let data = (answer.text.data(using: .utf8)?.json()["data"] as? [Any]) ?? []
                    #expect(!data.isEmpty, "viewer GET \(uri) lists nothing")
                }
            }
        }
    }
}
