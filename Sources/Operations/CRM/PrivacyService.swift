import Commerce
import Foundation
import Persistence

/// Personal data (个人信息): what is held about one customer, opt-outs from marketing channels,
/// and erasure that keeps orders for accounting without personal data.
public struct PrivacyService: Sendable {
    let store: any Store
    let time: any TimeSource
    let caches: AnalyticsCaches

    public func setOptOuts(_ shop: ShopInfo, customer id: String, channels names: [String]) async throws -> Set<MessageChannel> {
        let customerID = try MembershipService.customerID(id)
        let channels = try Set(names.enumerated().map { index, name in
            guard let channel = MessageChannel(rawValue: name) else {
                throw OperationsError.invalid(code: "invalid_value", field: "channels[\(index)]", message: "Channels are sms, email and wechat.")
            }
            return channel
        })
        try await store.setOptOuts(shop.id, customerID: customerID, channels: channels, now: time.now())
        return channels
    }

    /// Everything held about the customer as one JSON document.
    public func export(_ shop: ShopInfo, customer id: String) async throws -> [String: Any] {
        let customerID = try MembershipService.customerID(id)
        guard let customer = try await store.customer(shop.id, id: customerID) else { throw OperationsError.notFound(entity: "customer", id: id) }
        let now = time.now()
        let membership = try await store.membership(shop.id, customerID: customerID, now: now)
        let program = try await store.membershipProgram(shop.id)
        let export = try await store.customerExport(shop.id, customerID: customerID)
        return [
            "exported_at": now.iso8601,
            "customer": [
                "id": id, "name": customer.name, "phone": Self.nullable(customer.phone), "email": Self.nullable(customer.email),
                "acquisition_channel": Self.nullable(customer.acquisitionChannel), "created_at": customer.createdAt.iso8601,
            ] as [String: Any],
            "opt_outs": try await store.optOuts(shop.id, customerID: customerID).map(\.rawValue).sorted(),
            "membership": membership.map { MembershipView.object($0, program, currency: shop.currency) as Any } ?? NSNull(),
            "orders": export.orders.map(Self.order),
            "coupon_claims": export.claims.map { ["coupon_id": IDPrefix.coupon.format($0.couponID), "code": $0.code, "status": $0.status.rawValue] },
            "events": export.events.map { event -> [String: Any] in
                ["type": event.type, "at": Instant(millisecondsSinceEpoch: event.timestamp).iso8601, "anonymous_id": Self.nullable(event.anonymousID),
                 "session_id": Self.nullable(event.sessionID), "channel": event.channel, "device": event.device]
            },
            "messages": export.messages.map { ["channel": $0.channel.rawValue, "body": $0.body, "status": $0.status] },
        ]
    }

    static func nullable(_ text: String?) -> Any { text.map { $0 as Any } ?? NSNull() }

    static func order(_ order: Order) -> [String: Any] {
        let address = order.shippingAddress.map { a -> [String: Any] in
            ["name": nullable(a.name), "phone": nullable(a.phone), "province": nullable(a.province), "city": nullable(a.city),
             "district": nullable(a.district), "line1": nullable(a.line1), "line2": nullable(a.line2), "postal_code": nullable(a.postalCode)]
        }
        return [
            "id": IDPrefix.order.format(order.id), "status": order.status.rawValue,
            "total": ["amount": order.total.amount, "currency": order.total.currency.code],
            "lines": order.lines.map { ["sku": $0.skuCode, "title": $0.title, "quantity": $0.quantity, "total": $0.total.amount] as [String: Any] },
            "created_at": order.createdAt.iso8601, "shipping_address": address ?? NSNull(),
        ]
    }

    /// Erases the customer's personal data (see `CRMStore.eraseCustomer`); analytics forget
    /// their events at once.
    public func erase(_ shop: ShopInfo, customer id: String) async throws {
        let customerID = try MembershipService.customerID(id)
        try await store.eraseCustomer(shop.id, customerID: customerID, now: time.now())
        await caches.forget(shop.id)
    }
}
