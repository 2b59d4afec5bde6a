import Commerce
import Foundation

/// Promotion, coupon and claim rows, read by position: each decoder reads the columns its list names.
enum PromotionRows {
    static let promotionColumns = """
        id, name, rule, starts_at, ends_at, priority, exclusive, status, budget_cap, budget_used, uses_cap, uses_count,
        flash_sold, created_at, updated_at
        """
    static let couponColumns = "id, terms, starts_at, ends_at, valid_days, total_limit, per_customer_limit, issued, code, code_mode, created_at"
    static let claimColumns = "id, coupon_id, customer_id, code, status, valid_from, valid_until, order_id, claimed_at"

    /// Reads a promotion row; the rule's JSON is decoded once per (id, updated_at) when a cache is given.
    static func promotion(_ row: some RecordRow, cache: RuleCache?) throws -> PromotionRecord {
        let id = row.int(0)
        let updatedAt = row.int(14)
        let rule: PromotionRule
        if let cached = cache?.rule(id: id, updatedAt: updatedAt) {
            rule = cached
        } else {
            let text = row.text(2)
            rule = try JSONDecoder().decode(PromotionRule.self, from: Data(text.utf8))
            cache?.store(id: id, updatedAt: updatedAt, rule: rule)
        }
        return PromotionRecord(
            id: id, name: row.text(1), rule: rule, startsAt: row.instant(3), endsAt: row.instant(4), priority: Int(row.int(5)),
            exclusive: row.flag(6), status: PromotionStatus(rawValue: row.text(7)) ?? .disabled, budgetCap: row.optionalInt(8),
            budgetUsed: row.int(9), usesCap: row.optionalInt(10), usesCount: row.int(11), flashSold: row.int(12),
            createdAt: row.instant(13), updatedAt: Instant(millisecondsSinceEpoch: updatedAt))
    }

    static func coupon(_ row: some RecordRow) throws -> CouponRecord {
        let text = row.text(1)
        return CouponRecord(
            id: row.int(0), terms: try JSONDecoder().decode(CouponTerms.self, from: Data(text.utf8)),
            startsAt: row.optionalInstant(2), endsAt: row.optionalInstant(3), validDays: row.optionalInt(4),
            totalLimit: row.optionalInt(5), perCustomerLimit: row.int(6), issued: row.int(7), code: row.optionalText(8),
            codeMode: CouponCodeMode(rawValue: row.text(9)) ?? .shared, createdAt: row.instant(10))
    }

    /// What paid orders placed in a window and meeting `filter` (a condition on `o`) came to, with how
    /// many of their customers had no paid order before the window. Binds the shop, the window's start
    /// and end, the filter's values, then the start again.
    static func figuresQuery(shop: ShopID, filter: String) -> String {
        """
        WITH picked AS (
            SELECT o.id, o.customer_id, o.created_at, o.subtotal, o.discount FROM orders o
            WHERE o.shop_id = ? AND o.created_at >= ? AND o.created_at < ?
              AND o.status IN ('paid', 'shipped', 'delivered', 'completed') AND \(filter)
        )
        SELECT COUNT(*) AS orders, COALESCE(SUM(subtotal), 0) AS gmv, COALESCE(SUM(discount), 0) AS discount,
            (SELECT COALESCE(SUM(quantity), 0) FROM order_lines WHERE order_id IN (SELECT id FROM picked)) AS units,
            COUNT(DISTINCT customer_id) AS customers,
            (SELECT COUNT(DISTINCT p.customer_id) FROM picked p WHERE p.customer_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM orders e WHERE e.shop_id = \(shop) AND e.customer_id = p.customer_id AND e.created_at < ?
                  AND e.status IN ('paid', 'shipped', 'delivered', 'completed'))) AS new_customers
        FROM picked
        """
    }

    /// Another active flash sale of the SKU (`shop`, `sku`, the sale itself or 0, the window's end
    /// and start) whose window overlaps.
    static let flashOverlapQuery = """
        SELECT id FROM promotions WHERE shop_id = ? AND flash_sku_id = ? AND status = 'active' AND id != ?
          AND starts_at < ? AND ends_at > ?
        """

    /// The figures of `figuresQuery`'s row; none at all when it found nothing.
    static func figures(_ row: (some RecordRow)?) -> PromotionFigures {
        guard let row else { return PromotionFigures(orders: 0, gmv: 0, discount: 0, units: 0, customers: 0, newCustomers: 0) }
        return PromotionFigures(
            orders: row.int("orders"), gmv: row.int("gmv"), discount: row.int("discount"), units: row.int("units"),
            customers: row.int("customers"), newCustomers: row.int("new_customers"))
    }

    static func claim(_ row: some RecordRow) -> CouponClaim {
        CouponClaim(
            id: row.int(0), couponID: row.int(1), customerID: row.int(2), code: row.text(3),
            status: CouponClaim.Status(rawValue: row.text(4)) ?? .redeemed, validFrom: row.instant(5), validUntil: row.instant(6),
            orderID: row.optionalInt(7), claimedAt: row.instant(8))
    }
}
