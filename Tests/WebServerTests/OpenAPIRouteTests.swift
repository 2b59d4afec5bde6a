import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Testing
import StoreTesting
@testable import WebServer

/// The OpenAPI document must describe every route the router serves, and the roles it enforces.
@Suite struct OpenAPIRouteTests {
    /// `/orders/:id` or `/orders/{id}` → `/orders/{id}`.
    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }

    static func document(_ shop: TestShop) async throws -> [String: Any] {
        try await shop.test { client async throws in
            let answer = try await client.call(.get, "/api/v1/openapi.json", as: nil)
            #expect(answer.status == .ok)
            return try JSONSerialization.data(withJSONObject: answer.json)
        }.self.json()
    }

    /// Routes of `routes` missing from the document's `paths`, as "get /path".
    static func undocumented(_ routes: [Router<AppRequestContext>.RouteDescription], paths: [String: Any]) -> [String] {
        routes.compactMap { route in
            let path = openAPIPath(route.path.description)
            let method = route.method.rawValue.lowercased()
            return (paths[path] as? [String: Any])?[method] == nil ? "\(method) \(path)" : nil
        }
    }

    @Test(arguments: StoreKind.allCases) func everyRegisteredRouteIsDocumentedWithItsMethod(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let router = try await ServerApplication.buildRouter(shop.yunying, shop: shop.shop)
        let routes = router.routes.filter { isAPIRoute($0.path.description) }
        #expect(routes.count >= 30, "expected the full API, got \(routes.count) routes")
        let document = try await Self.document(shop)
        let paths = try #require(document["paths"] as? [String: Any])
        #expect(Self.undocumented(routes, paths: paths) == [])
        // …and nothing is documented that is not served.
        let served = Set(routes.map { "\($0.method.rawValue.lowercased()) \(Self.openAPIPath($0.path.description))" })
        for (path, value) in paths {
            for method in (value as? [String: Any] ?? [:]).keys {
                #expect(served.contains("\(method) \(path)"), "documented \(method) \(path) is not served")
            }
        }
    }

    /// The check above catches a route registered without documentation.
    @Test(arguments: StoreKind.allCases) func aRouteAddedWithoutDocumentationIsCaught(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let router = try await ServerApplication.buildRouter(shop.yunying, shop: shop.shop)
        router.get("/api/v1/secret/:id") { _, _ in "hidden" }
        router.delete("/api/v1/orders/:id") { _, _ in "hidden" }
        let paths = try #require(try await Self.document(shop)["paths"] as? [String: Any])
        let apiRoutes = router.routes.filter { isAPIRoute($0.path.description) }
        #expect(Set(Self.undocumented(apiRoutes, paths: paths)) == ["get /api/v1/secret/{id}", "delete /api/v1/orders/{id}"])
    }

    @Test(arguments: StoreKind.allCases) func documentIsOpenAPI31WithSchemasAndSecurity(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let document = try await Self.document(shop)
        #expect(document["openapi"] as? String == "3.1.0")
        #expect(document[path: "info.title"] as? String == "Yunying API")
        let schemas = try #require(document[path: "components.schemas"] as? [String: Any])
        for name in ["Money", "Error", "Order", "CreateOrder", "Product", "Stock", "PaymentCallback", "CallbackResult"] {
            #expect(schemas[name] != nil, "schema \(name) missing")
        }
        #expect(document[path: "components.schemas.Money.required"] as? [String] == ["amount", "currency"])
        // Every $ref points at a defined schema.
        let text = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        let refs = text.components(separatedBy: "#\\/components\\/schemas\\/").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!refs.isEmpty)
        for ref in refs { #expect(schemas[String(ref)] != nil, "dangling $ref \(ref)") }

        let create = try #require(document[path: "paths./api/v1/orders.post"] as? [String: Any])
        #expect((create["responses"] as? [String: Any])?["201"] != nil)
        #expect(create["x-roles"] as? [String] == ["admin", "operator", "service"])
        let parameters = create["parameters"] as? [[String: Any]] ?? []
        #expect(parameters.contains { $0["name"] as? String == "Idempotency-Key" && $0["in"] as? String == "header" })
        let getOrder = try #require(document[path: "paths./api/v1/orders/{id}.get"] as? [String: Any])
        let getParameters = getOrder["parameters"] as? [[String: Any]] ?? []
        #expect(getParameters.contains { $0["name"] as? String == "id" && $0["in"] as? String == "path" })
        #expect((getOrder["x-roles"] as? [String])?.count == Role.allCases.count - 1)
        // Public routes declare no security.
        let health = try #require(document[path: "paths./healthz.get"] as? [String: Any])
        #expect((health["security"] as? [Any])?.isEmpty == true)
        let callback = try #require(document[path: "paths./api/v1/payments/callback.post"] as? [String: Any])
        #expect((callback["security"] as? [Any])?.isEmpty == true)
    }

    /// For every authenticated route and every role: 403 exactly when the document's `x-roles` leaves the role out.
    @Test(arguments: StoreKind.allCases) func documentedRolesMatchEnforcedRoles(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "R-1", price: 100, stock: 5)
        let document = try await Self.document(shop)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        // "get /api/v1/orders/{id}" → the roles the document declares.
        var declared: [String: [String]] = [:]
        for (path, operations) in paths {
            for (method, operation) in operations {
                if let roles = (operation as? [String: Any])?["x-roles"] as? [String] { declared["\(method) \(path)"] = roles }
            }
        }
        let router = try await ServerApplication.buildRouter(shop.yunying, shop: shop.shop)
        let routes = router.routes.map { (method: $0.method, path: Self.openAPIPath($0.path.description)) }
        let keys = shop.keys
        let checked = try await shop.test { [declared] client in
            var checked = 0
            for route in routes {
                guard let roles = declared["\(route.method.rawValue.lowercased()) \(route.path)"] else { continue }
                // Ids that do not exist, so allowed requests change nothing.
                let uri = route.path.replacingOccurrences(of: "{id}", with: "none_999").replacingOccurrences(of: "{code}", with: "NO-SUCH-SKU")
                for role in Role.allCases {
                    let answer = try await client.call(route.method, uri, as: keys[role])
                    if roles.contains(role.rawValue) {
                        #expect(answer.status != .forbidden && answer.status != .unauthorized, "\(role) \(route.method) \(uri): \(answer.status)")
                    } else {
                        #expect(answer.status == .forbidden, "\(role) \(route.method) \(uri) should be forbidden, got \(answer.status)")
                        #expect(answer.json.errorCode == "forbidden")
                    }
                    checked += 1
                }
            }
            return checked
        }
        #expect(checked >= 26 * Role.allCases.count)
        #expect(try await shop.orderCount() == 0)
        #expect(try await shop.productCount() == 1)
    }
}
