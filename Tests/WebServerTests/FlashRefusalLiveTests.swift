import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import WebServer

/// The flash refusal as served, over sockets: byte for byte the router's answer, one metrics
/// series for both, and the connection keeps serving afterwards.
@Suite struct FlashRefusalLiveTests {
    @Test func answersLikeTheRouterAndKeepsTheConnection() async throws {
        let (shop, sale) = try await FlashRefusalHandlerTests.soldOutShop()
        let app = try await ServerApplication.buildApplication(
            shop.yunying, shop: shop.shop, config: ServerConfig(port: 0), logger: Logger(label: "flash-refusal-test"))
        let before = Self.refusedBeforeRouting()
        try await app.test(.live) { client in
            let path = "/api/v1/flash-sales/\(sale)/orders", body = Array(#"{"customer_id":"cus_1"}"#.utf8)
            let early = try await client.raw(.post, path, as: shop.key(.service), body: body)
            // An Idempotency-Key sends the same order through the router, which refuses it from memory too.
            let routed = try await client.raw(.post, path, as: shop.key(.service), body: body, headers: [.idempotencyKey: "same-order"])
            #expect(early.status == .conflict)
            #expect(Self.refusedBeforeRouting() == before + 1)  // the first by the connection handler, the second by the router
            #expect(routed.status == early.status)
            #expect(routed.text == early.text)
            for name in [HTTPField.Name.contentType, .contentLength, .server] {
                #expect(early.headers[name] == routed.headers[name], "\(name)")
            }
            #expect(early.headers[.date] != nil && routed.headers[.date] != nil)
            // The same connection serves on.
            #expect(try await client.call(.get, "/api/v1/flash-sales", as: shop.admin).status == .ok)
        }
        let series = Self.metricLines().filter { $0.hasPrefix("hb_requests{") && $0.contains("flash-sales/{id}/orders") && $0.contains("\"409\"") }
        #expect(series.count == 1, "\(series)")
    }

    static func metricLines() -> [Substring] {
        var exposition: [UInt8] = []
        ServerApplication.metricsRegistry.emit(into: &exposition)
        return String(decoding: exposition, as: UTF8.self).split(separator: "\n")
    }

    static func refusedBeforeRouting() -> Int {
        metricLines().first { $0.hasPrefix("yunying_flash_refusals_before_routing_total ") }
            .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }
}
