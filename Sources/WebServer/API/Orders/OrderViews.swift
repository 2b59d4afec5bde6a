import Commerce
import Operations
import Persistence

/// A line of an order or of a quote: what it costs, what it saves and why. An order line has a
/// title; a quote's line has its subtotal.
struct LineView: JSONWritable {
    let sku: String
    var title: String? = nil
    let quantity: Int64
    let unitPrice: Money
    var subtotal: Money? = nil
    let discount: Money
    let total: Money
    let applied: [AppliedView]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("applied", applied)
            json.field("discount", discount)
            json.field("quantity", quantity)
            json.field("sku", sku)
            json.field("subtotal", subtotal)
            json.field("title", title)
            json.field("total", total)
            json.field("unit_price", unitPrice)
        }
    }
}

struct ShipmentView: JSONWritable {
    let carrier: String
    let trackingNumber: String

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("carrier", carrier)
            json.field("tracking_number", trackingNumber)
        }
    }
}

/// An order as the API answers it (written by hand: placing orders is a hot path, see `JSONWriter`).
struct OrderView: JSONWritable {
    let id: String
    let status: OrderStatus
    let customerId: String?
    let lines: [LineView]
    let subtotal: Money
    let discount: Money
    let shipping: Money
    let total: Money
    let shippingAddress: Address?
    let shipment: ShipmentView?
    let cancelReason: CancelReason?
    let holdExpiresAt: String?
    let createdAt: String
    let updatedAt: String

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("cancel_reason", cancelReason?.rawValue)
            json.field("created_at", createdAt)
            json.field("customer_id", customerId)
            json.field("discount", discount)
            json.field("hold_expires_at", holdExpiresAt)
            json.field("id", id)
            json.field("lines", lines)
            json.field("shipment", shipment)
            json.field("shipping", shipping)
            json.field("shipping_address", shippingAddress)
            json.field("status", status.rawValue)
            json.field("subtotal", subtotal)
            json.field("total", total)
            json.field("updated_at", updatedAt)
        }
    }

    init(_ order: Order) {
        id = IDPrefix.order.format(order.id)
        status = order.status
        customerId = order.customerID.map(IDPrefix.customer.format)
        lines = order.lines.map {
            LineView(
                sku: $0.skuCode, title: $0.title, quantity: $0.quantity, unitPrice: $0.unitPrice, discount: $0.discount, total: $0.total,
                applied: $0.applied.map(AppliedView.init))
        }
        subtotal = order.subtotal
        discount = order.discount
        shipping = order.shipping
        total = order.total
        shippingAddress = order.shippingAddress
        shipment = order.shipment.map { ShipmentView(carrier: $0.carrier, trackingNumber: $0.trackingNumber) }
        cancelReason = order.cancelReason
        holdExpiresAt = order.holdExpiresAt.map(\.iso8601)
        createdAt = order.createdAt.iso8601
        updatedAt = order.updatedAt.iso8601
    }
}

struct PaymentView: Encodable, Sendable {
    let id: String
    let orderId: String
    let amount: Money
    let status: Payment.Status
    let source: String
    let createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, amount, status, source
        case orderId = "order_id", createdAt = "created_at"
    }

    init(_ payment: Payment) {
        id = IDPrefix.payment.format(payment.id)
        orderId = IDPrefix.order.format(payment.orderID)
        amount = payment.amount
        status = payment.status
        source = payment.source
        createdAt = payment.createdAt.iso8601
    }
}

struct RefundView: Encodable, Sendable {
    let id: String
    let amount: Money
    let reason: String
    let createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, amount, reason
        case createdAt = "created_at"
    }

    init(_ refund: Refund) {
        id = IDPrefix.refund.format(refund.id)
        amount = refund.amount
        reason = refund.reason
        createdAt = refund.createdAt.iso8601
    }
}
