/// Categories of a period (`report categories`): SKU counts aggregated per category, traffic
/// share, margin, buyer conversion and the roles against the medians over the categories.
///
/// Viewers and buyers are distinct per category (a person viewing two SKUs of it counts once).
/// The categories compared are every category id in the SKU → category map (including those
/// without activity, which take no role); SKUs outside the map are not in any category.
public struct CategoryReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let category: Int32
        /// Counts summed over the category's SKUs (`id` is the category id).
        public var counts: SKUReport.Row
        /// Category views ÷ all `product_view` events in the period.
        public var trafficShare = 0.0
        public var roles: CategoryRoles = []

        public var margin: Double { counts.margin }
        public var buyerConversion: Double { counts.buyerConversion }
    }

    /// One row per category id, ascending.
    public let rows: [Row]
    public let medianTrafficShare: Double
    public let medianMargin: Double
    public let medianBuyerConversion: Double
    public let thresholds: CategoryRoleThresholds

    public init(
        frame: EventFrame, orders: OrderFacts, period: ReportPeriod, categoryOfSKU: [Int32: Int32],
        thresholds: CategoryRoleThresholds = CategoryRoleThresholds()
    ) {
        self.thresholds = thresholds
        let categories = Array(Set(categoryOfSKU.values)).sorted()
        var slot: [Int32: Int32] = [:]
        for (k, c) in categories.enumerated() { slot[c] = Int32(k) }
        let a = ProductActivity(frame: frame, orders: orders, period: period) { sku in
            categoryOfSKU[sku].flatMap { slot[$0] } ?? -1
        }
        var rows: [Row] = categories.enumerated().map { k, c in
            var counts = SKUReport.Row(id: c)
            if k < a.groupCount {
                counts.views = a.views[k]; counts.viewers = a.viewers[k]; counts.addToCarts = a.addToCarts[k]
                counts.orders = a.orders[k]; counts.units = a.units[k]; counts.revenue = a.revenue[k]
                counts.cost = a.cost[k]; counts.buyers = a.buyers[k]
            }
            var row = Row(category: c, counts: counts)
            row.trafficShare = MoneyMath.rate(counts.views, a.totalViews)
            return row
        }
        medianTrafficShare = CategoryReport.median(rows.map(\.trafficShare))
        medianMargin = CategoryReport.median(rows.map(\.margin))
        medianBuyerConversion = CategoryReport.median(rows.map(\.buyerConversion))
        for k in rows.indices {
            rows[k].roles = CategoryRoles.classify(
                trafficShare: rows[k].trafficShare, margin: rows[k].margin, buyerConversion: rows[k].buyerConversion,
                medianTrafficShare: medianTrafficShare, medianMargin: medianMargin,
                medianBuyerConversion: medianBuyerConversion, thresholds: thresholds)
        }
        self.rows = rows
    }

    /// Median (mean of the middle two for an even count); 0 for none.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }

    /// The row of a category id.
    public subscript(category: Int32) -> Row? { rows.first { $0.category == category } }
}
