import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// `/healthz`, `/metrics`, unknown routes.
@Suite struct SystemRouteTests {
    @Test(arguments: StoreKind.allCases) func healthNeedsNoKeyAndSaysOK(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let answer = try await client.call(.get, "/healthz", as: nil)
            #expect(answer.status == .ok)
            #expect(answer.json as? [String: String] == ["status": "ok"])
            let raw = try await client.raw(.get, "/healthz", as: nil)
            #expect(raw.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test(arguments: StoreKind.allCases) func metricsCountCreatedOrders(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "M-1", price: 500, stock: 3)
        try await shop.test { client async throws in
            _ = try await client.placeOrder(shop.admin, sku: "M-1")
            let metrics = try await client.raw(.get, "/metrics", as: nil)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            let line = metrics.text.split(separator: "\n").first { $0.hasPrefix("yunying_orders_created_total ") }
            let value = try #require(line.flatMap { Double($0.split(separator: " ").last ?? "") }, "no sample in:\n\(metrics.text)")
            // Other suites may create orders in this process too; at least this one counted.
            #expect(value >= 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func unknownRouteIsA404InTheErrorShape(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let answer = try await client.call(.get, "/api/v1/nothing-here", as: shop.admin)
            #expect(answer.status == .notFound)
            #expect(answer.json.errorCode == "not_found")
        }
    }
}
