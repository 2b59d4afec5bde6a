import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Operations
import Testing
@testable import WebServer

/// `POST /api/v1/payments/callback`: signed, applied once per reference, refused money kept for refund.
@Suite struct PaymentRouteTests {
    /// A-1 at 1999 with 10 in stock, a pending order for 2 (total 3998), and the webhook secret.
    static func setUp() async throws -> (shop: TestShop, order: String, secret: String) {
        let (shop, order) = try await OrderLifecycleRouteTests.pendingOrder(quantity: 2)
        return (shop, order, try await shop.webhookSecret())
    }

    static func body(_ order: String, reference: String = "gw-1", amount: String = "3998", status: String = "succeeded") -> String {
        #"{"reference":"\#(reference)","order_id":"\#(order)","amount":\#(amount),"status":"\#(status)"}"#
    }

    static func payments(_ client: any TestClientProtocol, _ shop: TestShop, _ order: String) async throws -> [[String: Any]] {
        try await client.call(.get, "/api/v1/orders/\(order)/payments", as: shop.admin).json["payments"] as? [[String: Any]] ?? []
    }

    @Test func aSignedCallbackPaysTheOrder() async throws {
        let (shop, order, secret) = try await Self.setUp()
        try await shop.test { client async throws in
            let answer = try await client.callback(Self.body(order), secret: secret)
            #expect(answer.status == .ok, "\(answer.json)")
            #expect(answer.json["result"] as? String == "applied")
            let paymentID = try #require(answer.json["payment_id"] as? String)
            #expect(paymentID.hasPrefix("pay_"))
            #expect(try await client.call(.get, "/api/v1/orders/\(order)", as: shop.admin).json["status"] as? String == "paid")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 2, available: 8))
            let payments = try await Self.payments(client, shop, order)
            #expect(payments.count == 1)
            #expect(payments.first?["id"] as? String == paymentID)
            #expect(payments.first?["source"] as? String == "callback")
            #expect(payments.first?["status"] as? String == "succeeded")
            #expect(payments.first?[path: "amount.amount"] as? Int == 3998)
        }
    }

    @Test func aMoneyObjectAmountIsAccepted() async throws {
        let (shop, order, secret) = try await Self.setUp()
        try await shop.test { client async throws in
            let answer = try await client.callback(Self.body(order, amount: #"{"amount":3998,"currency":"CNY"}"#), secret: secret)
            #expect(answer.json["result"] as? String == "applied")
        }
    }

    @Test func aDuplicatedCallbackIsAppliedOnce() async throws {
        let (shop, order, secret) = try await Self.setUp()
        try await shop.test { client async throws in
            let first = try await client.callback(Self.body(order), secret: secret)
            let second = try await client.callback(Self.body(order), secret: secret)
            #expect(first.json["result"] as? String == "applied")
            #expect(second.status == .ok)
            #expect(second.json["result"] as? String == "duplicate")
            #expect(second.json["payment_id"] as? String == first.json["payment_id"] as? String)
            #expect(try await Self.payments(client, shop, order).count == 1)
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 2, available: 8))
        }
    }

    @Test func anotherPaymentForAPaidOrderIsKeptForRefund() async throws {
        let (shop, order, secret) = try await Self.setUp()
        try await shop.test { client async throws in
            _ = try await client.callback(Self.body(order, reference: "gw-1"), secret: secret)
            let second = try await client.callback(Self.body(order, reference: "gw-2"), secret: secret)
            #expect(second.status == .ok)
            #expect(second.json["result"] as? String == "refused_for_refund")
            #expect(second.json["reason"] as? String == "order_already_paid")
            let payments = try await Self.payments(client, shop, order)
            #expect(payments.map { $0["status"] as? String } == ["succeeded", "refund_pending"])
            #expect(payments.last?["id"] as? String == second.json["payment_id"] as? String)
            #expect(try await client.call(.get, "/api/v1/orders/\(order)", as: shop.admin).json["status"] as? String == "paid")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 2, available: 8))
            // Repeating the refused callback is a duplicate, not a third payment.
            let again = try await client.callback(Self.body(order, reference: "gw-2"), secret: secret)
            #expect(again.json["result"] as? String == "duplicate")
            #expect(try await Self.payments(client, shop, order).count == 2)
        }
    }

    @Test func aCallbackForACancelledOrderIsRefusedAndRecorded() async throws {
        let (shop, order, secret) = try await Self.setUp()
        try await shop.test { client async throws in
            #expect(try await client.call(.post, "/api/v1/orders/\(order)/cancel", as: shop.admin).status == .ok)
            let answer = try await client.callback(Self.body(order), secret: secret)
            #expect(answer.status == .ok)
            #expect(answer.json["result"] as? String == "refused_for_refund")
            #expect(answer.json["reason"] as? String == "order_cancelled")
            let payments = try await Self.payments(client, shop, order)
            #expect(payments.count == 1)
            #expect(payments.first?["status"] as? String == "refund_pending")
            #expect(payments.first?[path: "amount.amount"] as? Int == 3998)
            #expect(try await client.call(.get, "/api/v1/orders/\(order)", as: shop.admin).json["status"] as? String == "cancelled")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 0, available: 10))
        }
    }

    @Test func aLateCallbackAfterAnAPIPaymentCannotPayTwice() async throws {
        let (shop, order, secret) = try await Self.setUp()
        try await shop.test { client async throws in
            try await client.payOrder(shop.admin, order, amount: 3998)
            let late = try await client.callback(Self.body(order), secret: secret)
            #expect(late.json["result"] as? String == "refused_for_refund")
            #expect(late.json["reason"] as? String == "order_already_paid")
            let payments = try await Self.payments(client, shop, order)
            #expect(payments.map { $0["source"] as? String } == ["api", "callback"])
            #expect(payments.filter { $0["status"] as? String == "succeeded" }.count == 1)
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 2, available: 8))
            // …and the API cannot pay after a callback did.
            let other = try await shop.yunying.orders.place(shop.shop, .init(lines: [.init(sku: "A-1", quantity: 1)]))
            _ = try await client.callback(Self.body("ord_\(other.id)", reference: "gw-9", amount: "1999"), secret: secret)
            let api = try await client.call(.post, "/api/v1/orders/ord_\(other.id)/pay", as: shop.admin, json: #"{"amount":1999}"#)
            #expect(api.status == .conflict)
            #expect(api.json.errorCode == "invalid_transition")
        }
    }

    @Test func aWrongAmountIsKeptForRefundAndTheOrderStaysUnpaid() async throws {
        let (shop, order, secret) = try await Self.setUp()
        try await shop.test { client async throws in
            let answer = try await client.callback(Self.body(order, amount: "100"), secret: secret)
            #expect(answer.json["result"] as? String == "refused_for_refund")
            #expect(answer.json["reason"] as? String == "amount_mismatch")
            #expect(try await client.call(.get, "/api/v1/orders/\(order)", as: shop.admin).json["status"] as? String == "pending_payment")
            #expect(try await client.stock("A-1", as: shop.admin).held == 2)
            try await client.payOrder(shop.admin, order, amount: 3998)
            #expect(try await Self.payments(client, shop, order).map { $0["status"] as? String } == ["refund_pending", "succeeded"])
        }
    }

    @Test func aFailedPaymentIsIgnored() async throws {
        let (shop, order, secret) = try await Self.setUp()
        try await shop.test { client async throws in
            let answer = try await client.callback(Self.body(order, status: "failed"), secret: secret)
            #expect(answer.status == .ok)
            #expect(answer.json["result"] as? String == "ignored")
            #expect(answer.json["payment_id"] == nil)
            #expect(try await Self.payments(client, shop, order).isEmpty)
            #expect(try await client.call(.get, "/api/v1/orders/\(order)", as: shop.admin).json["status"] as? String == "pending_payment")
        }
    }

    @Test func badSignaturesAreRefusedAndNothingIsRecorded() async throws {
        let (shop, order, secret) = try await Self.setUp()
        let body = Self.body(order)
        let good = PaymentService.signature(body: Array(body.utf8), secret: secret)
        let otherBody = PaymentService.signature(body: Array(Self.body(order, reference: "gw-2").utf8), secret: secret)
        let otherSecret = PaymentService.signature(body: Array(body.utf8), secret: secret + "x")
        let flipped = String(good.dropLast()) + (good.hasSuffix("0") ? "1" : "0")
        try await shop.test { client async throws in
            for signature in ["", "sha256=", String(good.dropFirst(7)), "sha1=" + good.dropFirst(7), good.uppercased(), flipped, good + "00", otherBody, otherSecret] {
                let answer = try await client.callback(body, secret: secret, signature: signature)
                #expect(answer.status == .unauthorized, "\(signature)")
                #expect(answer.json.errorCode == "invalid_signature")
            }
            let unsigned = try await client.call(.post, "/api/v1/payments/callback", as: nil, json: body)
            #expect(unsigned.status == .unauthorized)
            #expect(unsigned.json.errorCode == "invalid_signature")
            // An API key is no substitute for a signature.
            #expect(try await client.call(.post, "/api/v1/payments/callback", as: shop.admin, json: body).status == .unauthorized)
            #expect(try await Self.payments(client, shop, order).isEmpty)
            #expect(try await client.call(.get, "/api/v1/orders/\(order)", as: shop.admin).json["status"] as? String == "pending_payment")
            // The good signature still works afterwards.
            #expect(try await client.callback(body, secret: secret, signature: good).json["result"] as? String == "applied")
        }
    }

    @Test(arguments: [
        (#"{"reference":"r","order_id":"ord_999","amount":1,"status":"succeeded"}"#, 422, "unknown_order", "order_id"),
        (#"{"reference":"r","order_id":"x","amount":1,"status":"succeeded"}"#, 422, "unknown_order", "order_id"),
        (#"{"reference":"r","order_id":"ORDER","amount":3998,"status":"maybe"}"#, 422, "invalid_value", "status"),
        (#"{"reference":"","order_id":"ORDER","amount":3998,"status":"succeeded"}"#, 422, "invalid_value", "reference"),
        (#"{"reference":"r","order_id":"ORDER","amount":{"amount":3998,"currency":"USD"},"status":"succeeded"}"#, 422, "currency_mismatch", "amount.currency"),
        (#"{"reference":"r","order_id":"ORDER","amount":-1,"status":"succeeded"}"#, 422, "invalid_amount", "amount.amount"),
        (#"{"order_id":"ORDER","amount":3998,"status":"succeeded"}"#, 422, "required", "reference"),
        (#"{"reference":"r","order_id":"ORDER","amount":"3998","status":"succeeded"}"#, 400, "invalid_type", "amount"),
        (#"{"reference":"r","order_id":"ORDER","amount":39.98,"status":"succeeded"}"#, 400, "invalid_type", "amount"),
        (#"{"reference":"r""#, 400, "invalid_json", nil),
        (#""#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadCallbacksWithoutWriting(_ template: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let (shop, order, secret) = try await Self.setUp()
        let body = template.replacingOccurrences(of: "ORDER", with: order)
        try await shop.test { client async throws in
            let answer = try await client.callback(body, secret: secret)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            #expect(try await Self.payments(client, shop, order).isEmpty)
            #expect(try await client.call(.get, "/api/v1/orders/\(order)", as: shop.admin).json["status"] as? String == "pending_payment")
        }
    }
}
