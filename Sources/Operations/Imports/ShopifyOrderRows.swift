import Commerce
import Persistence

/// Shopify's order export: one row per line item, order-level columns filled on the order's
/// first row only (`Name`, `Email`, `Financial Status`, `Paid at`, `Created at`, `Cancelled at`,
/// `Discount Amount`, `Shipping`, `Subtotal`, `Total`, `Refunded Amount`, `Currency`) and
/// line columns on every row (`Lineitem quantity`, `Lineitem name`, `Lineitem price`,
/// `Lineitem sku`, `Lineitem discount`). The order's total is `Total`. A line item without a
/// SKU is not stored as a line (its amount stays in `Subtotal` and `Total`).
struct ShopifyOrderRows: OrderRowFormat {
    /// Financial Status → outcome; `partially_refunded` is paid with a refund, `partially_paid` paid.
    static let statuses: [String: ImportedOrder.Outcome] = [
        "paid": .paid, "partially_paid": .paid, "refunded": .refunded, "partially_refunded": .paid,
        "pending": .pending, "authorized": .pending, "voided": .cancelled,
    ]

    struct Row {
        var line: Int
        var email: String?
        var status: ImportedOrder.Outcome?
        var paidAt: Instant?
        var createdAt: Instant?
        var cancelledAt: Instant?
        var item: ImportedOrder.Line?
        var itemAmount: Int64
        var discountAmount: Int64?
        var shipping: Int64?
        var subtotal: Int64?
        var total: Int64?
        var refundedAmount: Int64?
    }

    let currency: Currency
    let dates: ImportDates
    let orderColumn = "name"
    let requiredColumns = ["name", "financial status", "created at", "total"]

    func row(_ record: CSVRecord) -> Checked<Row> {
        var fields = RowFields(record, currency: currency, dates: dates)
        var status: ImportedOrder.Outcome?
        if let text = fields.text("financial status") {
            status = Self.statuses[text.lowercased()]
            if status == nil {
                fields.fail("invalid_status", "Financial Status must be one of \(Self.statuses.keys.sorted().joined(separator: ", ")), not \"\(text)\"")
            }
        }
        let quantity = fields.wholeNumber("lineitem quantity", positive: true)
        let price = fields.money("lineitem price")
        let lineDiscount = fields.money("lineitem discount") ?? 0
        var item: ImportedOrder.Line?
        var itemAmount: Int64 = 0
        if let quantity {
            guard let price else {
                if fields.text("lineitem price") == nil { fields.fail("missing_value", "Lineitem price is required with Lineitem quantity") }
                return .invalid(fields.issues)
            }
            guard let amount = quantity.boundedProduct(price) else {
                fields.fail("invalid_amount", "Lineitem quantity × Lineitem price is too large")
                return .invalid(fields.issues)
            }
            if lineDiscount > amount { fields.fail("invalid_discount", "Lineitem discount is larger than quantity × price") }
            itemAmount = amount
            if let sku = fields.text("lineitem sku") {
                item = .init(skuCode: sku, title: fields.text("lineitem name") ?? sku, quantity: quantity, unitPrice: price, discount: lineDiscount)
            }
        }
        let row = Row(
            line: record.line, email: fields.text("email")?.lowercased(), status: status, paidAt: fields.instant("paid at"),
            createdAt: fields.instant("created at"), cancelledAt: fields.instant("cancelled at"), item: item, itemAmount: itemAmount,
            discountAmount: fields.money("discount amount"), shipping: fields.money("shipping"), subtotal: fields.money("subtotal"),
            total: fields.money("total"), refundedAmount: fields.money("refunded amount"))
        fields.checkCurrency("currency")
        return fields.issues.isEmpty ? .valid(row) : .invalid(fields.issues)
    }

    func order(_ id: String, rows: [Row]) -> Checked<ImportedOrder> {
        var issues: [ImportIssue] = []
        var email = OrderField<String>(), status = OrderField<ImportedOrder.Outcome>()
        var paidAt = OrderField<Instant>(), createdAt = OrderField<Instant>(), cancelledAt = OrderField<Instant>()
        var discountAmount = OrderField<Int64>(), shipping = OrderField<Int64>(), subtotal = OrderField<Int64>()
        var total = OrderField<Int64>(), refundedAmount = OrderField<Int64>()
        var lines: [ImportedOrder.Line] = []
        var itemsAmount: Int64 = 0, lineDiscounts: Int64 = 0
        for row in rows {
            email.merge(row.email, line: row.line, column: "Email", describe: { $0 }, issues: &issues)
            status.merge(row.status, line: row.line, column: "Financial Status", describe: \.rawValue, issues: &issues)
            paidAt.merge(row.paidAt, line: row.line, column: "Paid at", describe: \.iso8601, issues: &issues)
            createdAt.merge(row.createdAt, line: row.line, column: "Created at", describe: \.iso8601, issues: &issues)
            cancelledAt.merge(row.cancelledAt, line: row.line, column: "Cancelled at", describe: \.iso8601, issues: &issues)
            discountAmount.merge(row.discountAmount, line: row.line, column: "Discount Amount", describe: { "\($0)" }, issues: &issues)
            shipping.merge(row.shipping, line: row.line, column: "Shipping", describe: { "\($0)" }, issues: &issues)
            subtotal.merge(row.subtotal, line: row.line, column: "Subtotal", describe: { "\($0)" }, issues: &issues)
            total.merge(row.total, line: row.line, column: "Total", describe: { "\($0)" }, issues: &issues)
            refundedAmount.merge(row.refundedAmount, line: row.line, column: "Refunded Amount", describe: { "\($0)" }, issues: &issues)
            itemsAmount += row.itemAmount
            if let item = row.item {
                lines.append(item)
                lineDiscounts += item.discount
            }
        }
        let first = rows.first?.line ?? 0
        func fail(_ code: String, _ message: String) { issues.append(ImportIssue(line: first, code: code, message: message)) }
        guard let placedAt = createdAt.value else { fail("missing_value", "order \(id) has no Created at"); return .invalid(issues) }
        guard let financial = status.value else { fail("missing_value", "order \(id) has no Financial Status"); return .invalid(issues) }
        guard let orderTotal = total.value else { fail("missing_value", "order \(id) has no Total"); return .invalid(issues) }
        let outcome = cancelledAt.value != nil ? .cancelled : financial
        let wasPaid = financial == .paid || financial == .refunded
        var refunded = refundedAmount.value ?? 0
        if financial == .refunded, refunded == 0 { refunded = orderTotal }
        if !wasPaid { refunded = 0 }
        if refunded > orderTotal { fail("invalid_refund", "Refunded Amount is larger than Total") }
        guard issues.isEmpty else { return .invalid(issues) }
        return .valid(ImportedOrder(
            externalID: id, customerKey: email.value, customerEmail: email.value, placedAt: placedAt,
            paidAt: wasPaid ? paidAt.value ?? placedAt : nil, outcome: outcome, lines: lines, subtotal: subtotal.value ?? itemsAmount,
            discount: discountAmount.value ?? lineDiscounts, shipping: shipping.value ?? 0, total: orderTotal,
            refunded: refunded, refundedAt: refunded > 0 ? placedAt : nil))
    }
}
