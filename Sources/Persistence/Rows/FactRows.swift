/// The rows analytics read whole: each query (the same on both stores) with the decoder of its columns.
enum FactRows {
    static let orderFactsQuery = "SELECT id, customer_id, created_at, paid_at, total, status FROM orders WHERE shop_id = ? ORDER BY id"

    static func orderFact(_ row: some RecordRow) -> OrderFact {
        OrderFact(
            orderID: row.int(0), customerID: row.optionalInt(1), placedAt: row.int(2), paidAt: row.optionalInt(3), total: row.int(4),
            status: row.text(5))
    }

    static let refundFactsQuery = "SELECT order_id, amount, created_at FROM refunds WHERE shop_id = ? ORDER BY id"

    static func refundFact(_ row: some RecordRow) -> RefundFact {
        RefundFact(orderID: row.int(0), amount: row.int(1), at: row.int(2))
    }

    static let skuDirectoryQuery =
        "SELECT s.id, s.code, p.title, p.category_id FROM skus s JOIN products p ON p.id = s.product_id WHERE s.shop_id = ? ORDER BY s.id"

    static func skuInfo(_ row: some RecordRow) -> SKUInfo {
        SKUInfo(id: row.int(0), code: row.text(1), title: row.text(2), categoryID: row.optionalInt(3))
    }

    static let paidOrderLinesQuery = """
        SELECT l.order_id, l.sku_id, l.quantity, l.total, l.quantity * COALESCE(s.cost, 0)
        FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN skus s ON s.id = l.sku_id
        WHERE l.shop_id = ? AND o.paid_at IS NOT NULL ORDER BY l.order_id, l.line_no
        """

    static func orderLineFact(_ row: some RecordRow) -> OrderLineFact {
        OrderLineFact(orderID: row.int(0), skuID: row.int(1), quantity: row.int(2), revenue: row.int(3), cost: row.int(4))
    }

    static let adSpendQuery =
        "SELECT day, channel, campaign, spend, impressions, clicks FROM ad_spend WHERE shop_id = ? AND day BETWEEN ? AND ? ORDER BY day, channel, campaign"

    static func adSpend(_ row: some RecordRow) -> AdSpendRecord {
        AdSpendRecord(
            day: row.text(0), channel: row.text(1), campaign: row.text(2), spend: row.int(3), impressions: row.int(4), clicks: row.int(5))
    }
}
