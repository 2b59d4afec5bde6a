import Commerce
import Persistence

/// The generic order layout: one row per line item, columns `order_id, customer_id, ordered_at,
/// sku, quantity, unit_price, discount, status` (optional: `email`, `title`, `shipping`,
/// `refunded_amount`, `refunded_at`, `currency`). Order-level values may be repeated on every
/// row of the order or given once; repeated values must agree. An empty `sku` adds to the
/// order's total without a line.
struct GenericOrderRows: OrderRowFormat {
    static let statuses: [String: ImportedOrder.Outcome] = ["paid": .paid, "refunded": .refunded, "cancelled": .cancelled, "pending": .pending]

    struct Row {
        var line: Int
        var customerID: String?
        var email: String?
        var orderedAt: Instant?
        var status: ImportedOrder.Outcome?
        var sku: String?
        var title: String?
        var quantity: Int64
        var unitPrice: Int64
        var discount: Int64
        var shipping: Int64?
        var refundedAmount: Int64?
        var refundedAt: Instant?
    }

    let currency: Currency
    let dates: ImportDates
    let orderColumn = "order_id"
    let requiredColumns = ["order_id", "ordered_at", "quantity", "unit_price", "status"]

    func row(_ record: CSVRecord) -> Checked<Row> {
        var fields = RowFields(record, currency: currency, dates: dates)
        let quantity = fields.required("quantity") != nil ? fields.wholeNumber("quantity", positive: true) : nil
        let unitPrice = fields.required("unit_price") != nil ? fields.money("unit_price") : nil
        let discount = fields.money("discount") ?? 0
        var status: ImportedOrder.Outcome?
        if let text = fields.text("status") {
            status = Self.statuses[text.lowercased()]
            if status == nil { fields.fail("invalid_status", "status must be paid, refunded, cancelled or pending, not \"\(text)\"") }
        }
        let row = Row(
            line: record.line, customerID: fields.text("customer_id"), email: fields.text("email"), orderedAt: fields.instant("ordered_at"),
            status: status, sku: fields.text("sku"), title: fields.text("title"), quantity: quantity ?? 0, unitPrice: unitPrice ?? 0,
            discount: discount, shipping: fields.money("shipping"), refundedAmount: fields.money("refunded_amount"),
            refundedAt: fields.instant("refunded_at"))
        fields.checkCurrency("currency")
        if let quantity, let unitPrice {
            if let amount = quantity.boundedProduct(unitPrice) {
                if discount > amount { fields.fail("invalid_discount", "discount is larger than quantity × unit_price") }
            } else {
                fields.fail("invalid_amount", "quantity × unit_price is too large")
            }
        }
        return fields.issues.isEmpty ? .valid(row) : .invalid(fields.issues)
    }

    func order(_ id: String, rows: [Row]) -> Checked<ImportedOrder> {
        var issues: [ImportIssue] = []
        var customer = OrderField<String>(), email = OrderField<String>(), orderedAt = OrderField<Instant>()
        var status = OrderField<ImportedOrder.Outcome>(), shipping = OrderField<Int64>()
        var refundedAmount = OrderField<Int64>(), refundedAt = OrderField<Instant>()
        var lines: [ImportedOrder.Line] = []
        var subtotal: Int64 = 0, discount: Int64 = 0
        for row in rows {
            customer.merge(row.customerID, line: row.line, column: "customer_id", describe: { $0 }, issues: &issues)
            email.merge(row.email, line: row.line, column: "email", describe: { $0 }, issues: &issues)
            orderedAt.merge(row.orderedAt, line: row.line, column: "ordered_at", describe: \.iso8601, issues: &issues)
            status.merge(row.status, line: row.line, column: "status", describe: \.rawValue, issues: &issues)
            shipping.merge(row.shipping, line: row.line, column: "shipping", describe: { "\($0)" }, issues: &issues)
            refundedAmount.merge(row.refundedAmount, line: row.line, column: "refunded_amount", describe: { "\($0)" }, issues: &issues)
            refundedAt.merge(row.refundedAt, line: row.line, column: "refunded_at", describe: \.iso8601, issues: &issues)
            subtotal += row.quantity * row.unitPrice
            discount += row.discount
            if let sku = row.sku {
                lines.append(.init(skuCode: sku, title: row.title ?? sku, quantity: row.quantity, unitPrice: row.unitPrice, discount: row.discount))
            }
        }
        let first = rows.first?.line ?? 0
        func fail(_ code: String, _ message: String) { issues.append(ImportIssue(line: first, code: code, message: message)) }
        guard let placedAt = orderedAt.value else { fail("missing_value", "order \(id) has no ordered_at"); return .invalid(issues) }
        guard let outcome = status.value else { fail("missing_value", "order \(id) has no status"); return .invalid(issues) }
        let total = subtotal - discount + (shipping.value ?? 0)
        if subtotal > Money.maximumAmount || total > Money.maximumAmount { fail("invalid_amount", "order \(id) total is too large") }
        var refunded: Int64 = 0
        switch outcome {
        case .refunded: refunded = refundedAmount.value ?? total
        case .paid: refunded = refundedAmount.value ?? 0
        case .pending, .cancelled:
            if refundedAmount.value != nil { fail("invalid_refund", "refunded_amount needs status paid or refunded") }
        }
        if refunded > total { fail("invalid_refund", "refunded_amount is larger than the order total") }
        guard issues.isEmpty else { return .invalid(issues) }
        let paid = outcome == .paid || outcome == .refunded
        return .valid(ImportedOrder(
            externalID: id, customerKey: customer.value, customerEmail: email.value, placedAt: placedAt, paidAt: paid ? placedAt : nil,
            outcome: outcome, lines: lines, subtotal: subtotal, discount: discount, shipping: shipping.value ?? 0, total: total,
            refunded: refunded, refundedAt: refunded > 0 ? refundedAt.value ?? placedAt : nil))
    }
}
