/// Per-SKU traffic and sales of a period (`report skus`).
public struct SKUReport: Sendable, Equatable {
    /// Counts of one SKU or category.
    public struct Row: Sendable, Equatable {
        /// SKU id, or category id in a category report.
        public let id: Int32
        /// `product_view` events in the period.
        public var views = 0
        /// Distinct people with a view.
        public var viewers = 0
        public var addToCarts = 0
        /// Distinct orders paid in the period with a line of it.
        public var orders = 0
        public var units: Int64 = 0
        public var revenue: Int64 = 0
        public var cost: Int64 = 0
        /// Distinct customers with a paid line in the period.
        public var buyers = 0

        public init(id: Int32) { self.id = id }

        /// (revenue − cost) ÷ revenue; 0 without revenue.
        public var margin: Double { MoneyMath.rate(revenue - cost, revenue) }
        /// Buyers ÷ viewers.
        public var buyerConversion: Double { MoneyMath.rate(buyers, viewers) }
        /// Revenue − cost.
        public var grossProfit: Int64 { revenue - cost }
    }

    /// SKUs with any view, add-to-cart or paid line in the period, by SKU id.
    public let rows: [Row]
    /// All `product_view` events in the period.
    public let totalViews: Int

    public init(frame: EventFrame, orders: OrderFacts, period: ReportPeriod) {
        var ids: [Int32] = []
        let a = ProductActivity(frame: frame, orders: orders, period: period) { sku in
            ids.append(sku)
            return Int32(ids.count - 1)
        }
        rows = SKUReport.rows(a, ids: ids).sorted { $0.id < $1.id }
        totalViews = a.totalViews
    }

    static func rows(_ a: ProductActivity, ids: [Int32]) -> [Row] {
        (0..<a.groupCount).compactMap { k in
            var r = Row(id: ids[k])
            r.views = a.views[k]; r.viewers = a.viewers[k]; r.addToCarts = a.addToCarts[k]
            r.orders = a.orders[k]; r.units = a.units[k]; r.revenue = a.revenue[k]; r.cost = a.cost[k]
            r.buyers = a.buyers[k]
            let active = r.views > 0 || r.addToCarts > 0 || r.orders > 0
            return active ? r : nil
        }
    }

    /// The row of a SKU id.
    public subscript(sku: Int32) -> Row? { rows.first { $0.id == sku } }
}
