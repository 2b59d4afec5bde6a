/// Columnar order data passed in by the caller (struct of arrays, integer-coded).
///
/// Orders are indexed `0..<orderCount`; refunds and paid lines refer to an order by index.
/// Amounts are `Int64` minor units; times are ms UTC.
public struct OrderFacts: Sendable {
    /// Caller's order id (kept for output; not interpreted).
    public private(set) var id: [Int64] = []
    /// Customer id, 0 when the order has none (guest / unknown).
    public private(set) var customer: [Int64] = []
    public private(set) var placedAt: [Int64] = []
    /// Paid time, `OrderFacts.unpaid` (-1) when not paid (pending, cancelled).
    public private(set) var paidAt: [Int64] = []
    /// What the customer pays.
    public private(set) var total: [Int64] = []

    /// Refunds: order index, amount, time.
    public private(set) var refundOrder: [Int32] = []
    public private(set) var refundAmount: [Int64] = []
    public private(set) var refundAt: [Int64] = []

    /// Order lines (read only when their order is paid): order index, SKU id, quantity,
    /// revenue and cost.
    public private(set) var lineOrder: [Int32] = []
    public private(set) var lineSKU: [Int32] = []
    public private(set) var lineQuantity: [Int64] = []
    public private(set) var lineRevenue: [Int64] = []
    public private(set) var lineCost: [Int64] = []

    /// Marks an unpaid order in `paidAt`.
    public static let unpaid: Int64 = -1

    public init() {}

    public var orderCount: Int { placedAt.count }
    public var refundCount: Int { refundAmount.count }
    public var lineCount: Int { lineOrder.count }

    /// Whether order `i` is paid.
    @inline(__always)
    public func isPaid(_ i: Int) -> Bool { paidAt[i] >= 0 }

    /// Appends an order and returns its index.
    @discardableResult
    public mutating func appendOrder(
        id: Int64? = nil, customer: Int64, placedAt: Int64, paidAt: Int64? = nil, total: Int64
    ) -> Int32 {
        let index = Int32(self.placedAt.count)
        self.id.append(id ?? Int64(index) + 1)
        self.customer.append(customer)
        self.placedAt.append(placedAt)
        self.paidAt.append(paidAt ?? Self.unpaid)
        self.total.append(total)
        return index
    }

    /// Appends a refund of `amount` made at `at` against order index `order`.
    public mutating func appendRefund(order: Int32, amount: Int64, at: Int64) {
        precondition(Int(order) < orderCount, "refund of an unknown order")
        refundOrder.append(order)
        refundAmount.append(amount)
        refundAt.append(at)
    }

    /// Appends an order line.
    public mutating func appendLine(order: Int32, sku: Int32, quantity: Int64, revenue: Int64, cost: Int64) {
        precondition(Int(order) < orderCount, "line of an unknown order")
        lineOrder.append(order)
        lineSKU.append(sku)
        lineQuantity.append(quantity)
        lineRevenue.append(revenue)
        lineCost.append(cost)
    }
}
