import Commerce

/// Order, payment and refund rows.
enum OrderRows {
    /// The line discount columns `order(_:discounts:lines:)` reads, by position.
    static let discountColumns = "line_no, source, source_id, name, amount"

    /// An order from its row and its lines' rows (both `SELECT *`) and its line discounts
    /// (`discountColumns`, in line and position order); amounts are in the order's currency.
    static func order<R: RecordRow>(_ row: R, discounts: [R], lines: [R]) -> Order {
        let currency = Currency(row.text("currency")) ?? .cny
        var applied: [Int64: [AppliedDiscount]] = [:]
        for row in discounts {
            applied[row.int(0), default: []].append(AppliedDiscount(
                promotionID: row.int(2), name: row.text(3), amount: Money(row.int(4), currency),
                source: DiscountSource(rawValue: row.text(1)) ?? .promotion))
        }
        let lines = lines.map { line in
            OrderLine(
                skuID: line.int("sku_id"), skuCode: line.text("sku_code"), title: line.text("title"), quantity: line.int("quantity"),
                unitPrice: Money(line.int("unit_price"), currency), discount: Money(line.int("discount"), currency),
                total: Money(line.int("total"), currency), applied: applied[line.int("line_no")] ?? [])
        }
        let carrier = row.optionalText("carrier")
        let tracking = row.optionalText("tracking_number")
        return Order(
            id: row.int("id"), customerID: row.optionalInt("customer_id"),
            status: OrderStatus(rawValue: row.text("status")) ?? .cancelled, lines: lines,
            subtotal: Money(row.int("subtotal"), currency), discount: Money(row.int("discount"), currency),
            shipping: Money(row.int("shipping"), currency), total: Money(row.int("total"), currency),
            shippingAddress: JSONColumn.decode(Address.self, row.optionalText("shipping_address")),
            shipment: carrier.map { Shipment(carrier: $0, trackingNumber: tracking ?? "") },
            cancelReason: row.optionalText("cancel_reason").flatMap(CancelReason.init(rawValue:)),
            holdExpiresAt: row.optionalInstant("hold_expires_at"), createdAt: row.instant("created_at"),
            updatedAt: row.instant("updated_at"))
    }

    static func payment(_ row: some RecordRow) -> Payment {
        Payment(
            id: row.int("id"), orderID: row.int("order_id"), amount: Money(row.int("amount"), Currency(row.text("currency")) ?? .cny),
            status: Payment.Status(rawValue: row.text("status")) ?? .refundPending, source: row.text("source"),
            reference: row.optionalText("reference"), createdAt: row.instant("created_at"))
    }

    static func refund(_ row: some RecordRow) -> Refund {
        Refund(
            id: row.int("id"), orderID: row.int("order_id"), amount: Money(row.int("amount"), Currency(row.text("currency")) ?? .cny),
            reason: row.text("reason"), createdAt: row.instant("created_at"))
    }
}
