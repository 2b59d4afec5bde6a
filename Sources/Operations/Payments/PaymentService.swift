import Commerce
import Crypto
import Foundation
import Persistence

/// A payment gateway's notification, as `POST /api/v1/payments/callback` receives it.
public struct PaymentCallback: Sendable, Decodable {
    private enum CodingKeys: String, CodingKey {
        case reference, amount, status
        case orderId = "order_id"
    }

    /// The gateway's unique id of this payment; repeated callbacks carry the same one.
    public var reference: String
    public var orderId: String
    public var amount: MoneyInput
    /// `succeeded` or `failed`.
    public var status: String

    public init(reference: String, orderId: String, amount: MoneyInput, status: String) {
        self.reference = reference
        self.orderId = orderId
        self.amount = amount
        self.status = status
    }
}

/// Payments through the simulated gateway: direct API payments and signed callbacks.
/// An order is paid by exactly one payment; money that cannot be applied is kept for refund.
public struct PaymentService: Sendable {
    let store: any Store
    let time: any TimeSource

    public init(store: any Store, time: any TimeSource) {
        self.store = store
        self.time = time
    }

    /// Pays an order with exactly the amount due.
    public func pay(_ shop: ShopInfo, orderID id: String, _ input: PayOrder, reference: String = "api_\(UUID().uuidString)") async throws -> Order {
        guard let orderID = IDPrefix.order.parse(id), let order = try await store.order(shop.id, id: orderID) else {
            throw OperationsError.notFound(entity: "order", id: id)
        }
        let amount = try input.amount.money(field: "amount", currency: order.total.currency)
        _ = try OrderStateMachine.next(from: order.status, on: .pay)
        guard amount == order.total else {
            throw CommerceError.invalid("amount", "The amount due is \(order.total.amount) \(order.total.currency).", code: "amount_mismatch")
        }
        do {
            _ = try await store.receivePayment(
                shop.id,
                IncomingPayment(orderID: orderID, amount: amount, source: "api", reference: reference, receivedAt: time.now(), captured: false),
                decide: Self.decide(amount: amount))
        } catch StoreError.stateChanged(_, let current) {
            throw CommerceError(code: "invalid_transition", message: "Cannot pay an order that is \(current).", kind: .conflict)
        }
        OperationsMetrics.ordersPaid.increment()
        return try await store.order(shop.id, id: orderID) ?? order
    }

    /// Processes a gateway callback once per reference, whatever order and how often callbacks arrive.
    public func callback(_ shop: ShopInfo, _ input: PaymentCallback) async throws -> PaymentOutcome? {
        guard !input.reference.isEmpty, input.reference.count <= 128 else {
            throw CommerceError.invalid("reference", "1 to 128 characters.")
        }
        guard input.status == "succeeded" || input.status == "failed" else {
            throw CommerceError.invalid("status", "Use succeeded or failed.")
        }
        guard let orderID = IDPrefix.order.parse(input.orderId), try await store.order(shop.id, id: orderID) != nil else {
            throw OperationsError.unknownReference(code: "unknown_order", field: "order_id", message: "No order \(input.orderId).")
        }
        guard input.status == "succeeded" else { return nil }
        let amount = try input.amount.money(field: "amount", currency: shop.currency)
        let outcome = try await store.receivePayment(
            shop.id, IncomingPayment(orderID: orderID, amount: amount, source: "callback", reference: "gw_" + input.reference, receivedAt: time.now(),
                                      captured: true),
            decide: Self.decide(amount: amount))
        if case .applied = outcome { OperationsMetrics.ordersPaid.increment() }
        return outcome
    }

    public func payments(_ shop: ShopInfo, orderID: Int64) async throws -> [Payment] {
        try await store.payments(shop.id, orderID: orderID)
    }

    public func refunds(_ shop: ShopInfo, orderID: Int64) async throws -> [Refund] {
        try await store.refunds(shop.id, orderID: orderID)
    }

    /// The rule, applied inside the store's transaction: only an unpaid order and only the exact amount.
    /// The rule for money arriving for an order: applied when the order awaits payment of exactly
    /// that amount, else refused with the reason (the money is then kept for refund).
    public static func decide(amount: Money) -> @Sendable (Order) -> PaymentDecision {
        { order in
            guard (try? OrderStateMachine.next(from: order.status, on: .pay)) != nil else {
                return .refuse(reason: order.status == .cancelled ? "order_cancelled" : "order_already_paid")
            }
            guard amount == order.total else { return .refuse(reason: "amount_mismatch") }
            return .apply
        }
    }

    /// `sha256=<hex HMAC-SHA256 of the body>` with the shop's webhook secret.
    public static func signature(body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + Hex.encode(mac)
    }

    /// Checks a callback's signature header in constant time.
    public static func verify(body: [UInt8], signature header: String?, secret: String) -> Bool {
        guard let header, header.hasPrefix("sha256="), header.count == 71 else { return false }
        let expected = Array(signature(body: body, secret: secret).utf8)
        let given = Array(header.utf8)
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
