import Commerce
import Hummingbird
import Operations
import Persistence

/// `POST /api/v1/payments/callback`: the gateway's HMAC-signed notification, processed once per reference.
enum PaymentRoutes {
    static func register(_ api: APIRouter, shop: ShopInfo, webhookSecret: String) {
        let payments = api.yunying.payments
        api.addPublic(.post, "/api/v1/payments/callback",
                      doc: RouteDoc(summary: "Payment gateway callback, signed with X-Yunying-Signature: sha256=<hex HMAC of the body>",
                                    tag: "Payments", request: "PaymentCallback", response: "CallbackResult")) { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: JSONCoding.maxBodyBytes)
            guard PaymentService.verify(body: Array(body.readableBytesView), signature: request.headers[.signature], secret: webhookSecret) else {
                throw APIError(status: .unauthorized, code: "invalid_signature", message: "The X-Yunying-Signature header does not match the body.")
            }
            let outcome = try await payments.callback(shop, JSONCoding.decode(PaymentCallback.self, from: body))
            return try JSONCoding.encode(CallbackResultView(outcome)).response
        }
    }
}

struct CallbackResultView: Encodable, Sendable {
    let result: String
    let paymentId: String?
    let reason: String?

    enum CodingKeys: String, CodingKey {
        case result, reason
        case paymentId = "payment_id"
    }

    init(_ outcome: PaymentOutcome?) {
        switch outcome {
        case .applied(let payment): (result, paymentId, reason) = ("applied", IDPrefix.payment.format(payment.id), nil)
        case .duplicate(let payment): (result, paymentId, reason) = ("duplicate", IDPrefix.payment.format(payment.id), nil)
        case .refused(let payment, let why): (result, paymentId, reason) = ("refused_for_refund", IDPrefix.payment.format(payment.id), why)
        case nil: (result, paymentId, reason) = ("ignored", nil, nil)
        }
    }
}
