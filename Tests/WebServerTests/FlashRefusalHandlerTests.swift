import Foundation
import HTTPTypes
import MetricsTestKit
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
@testable import WebServer

/// `FlashRefusalHandler` on an embedded channel: which requests it answers itself, what it
/// answers, what it passes on untouched, and that answers keep the order of their requests.
@Suite struct FlashRefusalHandlerTests {
    /// A tea shop whose CUP flash sale (2 units) has just sold out, with the service key verified.
    static func soldOutShop() async throws -> (shop: TestShop, sale: String) {
        let shop = try await TestShop.teaShop()
        let customers = [try await shop.customer("A"), try await shop.customer("B"), try await shop.customer("C")]
        let sale = try await shop.test { client async throws in
            let sale = try await client.promotion(FlashSaleRouteTests.cupFlash, as: shop.admin)
            for (index, customer) in customers.enumerated() {
                let answer = try await FlashSaleRouteTests.flashOrder(client, shop, sale, #"{"customer_id":"\#(customer)"}"#)
                #expect(answer.status == (index < 2 ? .created : .conflict), "\(answer.json)")
            }
            // Keys of the viewer (which may not order) and of the admin are verified too.
            _ = try await client.call(.get, "/api/v1/flash-sales", as: shop.key(.viewer))
            _ = try await client.call(.get, "/api/v1/flash-sales", as: shop.admin)
            return sale
        }
        return (shop, sale)
    }

    static func request(_ path: String, key: String?, method: HTTPRequest.Method = .post, body: String = #"{"customer_id":"cus_1"}"#,
                        extra: HTTPFields = [:]) -> [HTTPRequestPart] {
        var fields = extra
        if let key { fields[.authorization] = "Bearer \(key)" }
        fields[.contentType] = "application/json"
        if fields[.transferEncoding] == nil { fields[.contentLength] = String(body.utf8.count) }
        let head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path, headerFields: fields)
        return [.head(head), .body(ByteBuffer(string: body)), .end(nil)]
    }

    static func send(_ parts: [HTTPRequestPart], to channel: EmbeddedChannel) throws {
        for part in parts { try channel.writeInbound(part) }
    }

    /// Parts passed on to the router.
    static func passedOn(_ channel: EmbeddedChannel) throws -> [HTTPRequestPart] {
        var parts: [HTTPRequestPart] = []
        while let part = try channel.readInbound(as: HTTPRequestPart.self) { parts.append(part) }
        return parts
    }

    /// Parts written back to the client.
    static func answered(_ channel: EmbeddedChannel) throws -> [HTTPResponsePart] {
        var parts: [HTTPResponsePart] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) { parts.append(part) }
        return parts
    }

    @Test func answersSoldOutOrdersItselfAndCountsThem() async throws {
        let (shop, sale) = try await Self.soldOutShop()
        let metrics = TestMetrics()
        let channel = EmbeddedChannel(handler: FlashRefusalHandler(FlashRefusal(shop.yunying, serverName: "yunying", metrics: metrics)))
        for path in ["/api/v1/flash-sales/\(sale)/orders", "/api/v1/flash-sales/\(sale)/orders?source=app"] {
            try Self.send(Self.request(path, key: shop.key(.service)), to: channel)
            #expect(try Self.passedOn(channel).isEmpty)
            let answer = try Self.answered(channel)
            #expect(answer.count == 3)
            guard case .head(let head) = answer.first, case .body(let body) = answer.dropFirst().first, case .end(nil) = answer.last else {
                Issue.record("expected head, body, end: \(answer)")
                continue
            }
            #expect(head.status == .conflict)
            #expect(head.headerFields[.contentType] == "application/json; charset=utf-8")
            #expect(head.headerFields[.contentLength] == String(body.readableBytes))
            #expect(head.headerFields[.server] == "yunying")
            #expect(head.headerFields[.date]?.hasSuffix(" GMT") == true)
            #expect(String(buffer: body) == #"{"error":{"code":"sold_out","message":"This flash sale is sold out."}}"#)
        }
        let dimensions = [("http.route", "/api/v1/flash-sales/{id}/orders"), ("http.request.method", "POST"), ("http.response.status_code", "409")]
        #expect(try metrics.expectCounter("hb.requests", dimensions).totalValue == 2)
        #expect(try metrics.expectTimer("http.server.request.duration", dimensions).values.count == 2)
        #expect(try metrics.expectCounter("yunying_flash_refusals_before_routing_total").totalValue == 2)
    }

    /// Anything the router might answer differently goes to the router, untouched.
    @Test func passesOnWhatItCannotAnswerFromMemory() async throws {
        let (shop, sale) = try await Self.soldOutShop()
        let other = try await TestShop.teaShop()
        let path = "/api/v1/flash-sales/\(sale)/orders"
        var idempotent = HTTPFields(), closing = HTTPFields(), expecting = HTTPFields(), chunked = HTTPFields()
        idempotent[.idempotencyKey] = "k1"
        closing[.connection] = "close"
        expecting[.expect] = "100-continue"
        chunked[.transferEncoding] = "chunked"
        let requests: [(String, [HTTPRequestPart])] = [
            ("no key", Self.request(path, key: nil)),
            ("a key never verified", Self.request(path, key: other.key(.service))),
            ("a role that may not order", Self.request(path, key: shop.key(.viewer))),
            ("a malformed key", Self.request(path, key: "nope")),
            ("GET", Self.request(path, key: shop.key(.service), method: .get)),
            ("another route", Self.request("/api/v1/orders", key: shop.key(.service))),
            ("another sale", Self.request("/api/v1/flash-sales/promo_999999/orders", key: shop.key(.service))),
            ("an id that is not one", Self.request("/api/v1/flash-sales/x/y/orders", key: shop.key(.service))),
            ("a trailing slash", Self.request(path + "/", key: shop.key(.service))),
            ("Idempotency-Key", Self.request(path, key: shop.key(.service), extra: idempotent)),
            ("Connection: close", Self.request(path, key: shop.key(.service), extra: closing)),
            ("Expect", Self.request(path, key: shop.key(.service), extra: expecting)),
            ("no declared length", Self.request(path, key: shop.key(.service), extra: chunked)),
            ("a body over the limit", Self.request(path, key: shop.key(.service), body: String(repeating: " ", count: JSONCoding.maxBodyBytes + 1))),
        ]
        for (what, parts) in requests {
            let channel = EmbeddedChannel(handler: FlashRefusalHandler(FlashRefusal(shop.yunying, serverName: "yunying", metrics: TestMetrics())))
            try Self.send(parts, to: channel)
            #expect(try Self.passedOn(channel) == parts, "\(what)")
            #expect(try Self.answered(channel).isEmpty, "\(what)")
        }
    }

    /// A refusal waits its turn: while an earlier request is with the router, later ones go there too.
    @Test func keepsAnswersInTheOrderOfRequests() async throws {
        let (shop, sale) = try await Self.soldOutShop()
        let channel = EmbeddedChannel(handler: FlashRefusalHandler(FlashRefusal(shop.yunying, serverName: "yunying", metrics: TestMetrics())))
        let flash = Self.request("/api/v1/flash-sales/\(sale)/orders", key: shop.key(.service))
        let routed = Self.request("/api/v1/orders", key: shop.key(.service))
        try Self.send(routed, to: channel)
        try Self.send(flash, to: channel)  // pipelined behind a routed request
        #expect(try Self.passedOn(channel) == routed + flash)
        #expect(try Self.answered(channel).isEmpty)
        let ok = HTTPResponse(status: .ok)
        for _ in 0..<2 {  // the router answers both, in order
            try channel.writeOutbound(HTTPResponsePart.head(ok))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
        }
        #expect(try Self.answered(channel).count == 4)
        try Self.send(flash, to: channel)  // nothing pending: answered here
        #expect(try Self.passedOn(channel).isEmpty)
        let answer = try Self.answered(channel)
        guard case .head(let head) = answer.first else {
            Issue.record("no answer")
            return
        }
        #expect(head.status == .conflict)
    }

    /// After a second the gate sends one caller to the router to re-check the database.
    @Test func letsTheRecheckThroughAfterASecond() async throws {
        let (shop, sale) = try await Self.soldOutShop()
        let channel = EmbeddedChannel(handler: FlashRefusalHandler(FlashRefusal(shop.yunying, serverName: "yunying", metrics: TestMetrics())))
        let flash = Self.request("/api/v1/flash-sales/\(sale)/orders", key: shop.key(.service))
        shop.time.advance(seconds: 1)
        try Self.send(flash, to: channel)
        #expect(try Self.passedOn(channel) == flash)
    }
}

@Suite struct FlashRefusalPathTests {
    @Test func readsTheSaleFromThePath() {
        #expect(FlashRefusal.promotionID(path: "/api/v1/flash-sales/promo_12/orders") == "promo_12")
        #expect(FlashRefusal.promotionID(path: "/api/v1/flash-sales/promo_12/orders?x=/y") == "promo_12")
        #expect(FlashRefusal.promotionID(path: "/api/v1/flash-sales/秒杀/orders") == "秒杀")
        for path in ["/api/v1/flash-sales//orders", "/api/v1/flash-sales/orders", "/api/v1/flash-sales/a/b/orders",
                     "/api/v1/flash-sales/a/orders/", "/api/v1/flash-sales/a/order", "/api/v1/flash-sale/a/orders",
                     "/api/v1/orders", "", "?/api/v1/flash-sales/a/orders"] {
            #expect(FlashRefusal.promotionID(path: path) == nil, "\(path)")
        }
    }
}
