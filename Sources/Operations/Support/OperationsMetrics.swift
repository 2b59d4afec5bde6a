import Metrics

/// Business counters exported at `/metrics`.
enum OperationsMetrics {
    static let ordersCreated = Counter(label: "yunying_orders_created_total")
    static let stockRejections = Counter(label: "yunying_stock_rejections_total")
    static let ordersPaid = Counter(label: "yunying_orders_paid_total")
    static let ordersCancelled = Counter(label: "yunying_orders_cancelled_total")
    static let holdsExpired = Counter(label: "yunying_holds_expired_total")
}
