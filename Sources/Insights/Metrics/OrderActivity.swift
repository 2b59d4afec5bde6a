/// Order-side counts of the KPIs over `[from, to)`: orders placed and GMV, orders paid and paid
/// revenue, paying / repurchasing / returning customers, refunds made.
///
/// Customers are counted by `customerKey` (see `OrderFacts.customerKeys(frame:)`), so customer ids
/// linked into one person count once; orders without a customer count in the money and order
/// totals but not as customers.
public struct OrderActivity: Sendable, Equatable {
    public var orders = 0
    public var gmv: Int64 = 0
    public var paidOrders = 0
    public var paidRevenue: Int64 = 0
    public var refunds: Int64 = 0
    /// Distinct customers with an order paid in the range.
    public var payingCustomers = 0
    /// Of those, customers with ≥ 2 orders paid in the range.
    public var repeatCustomers = 0
    /// Of those, customers with ≥ 2 paid orders placed before `to` (at any earlier time).
    public var returningCustomers = 0

    public init(orders o: OrderFacts, customerKey: [Int64], from: Int64, to: Int64) {
        var paidInRange: [Int64: Int] = [:]
        for i in 0..<o.orderCount {
            let placed = o.placedAt[i]
            if placed >= from && placed < to { orders += 1; gmv += o.total[i] }
            let paid = o.paidAt[i]
            if paid >= from && paid < to {
                paidOrders += 1
                paidRevenue += o.total[i]
                let c = customerKey[i]
                if c != 0 { paidInRange[c, default: 0] += 1 }
            }
        }
        for r in 0..<o.refundCount where o.refundAt[r] >= from && o.refundAt[r] < to {
            refunds += o.refundAmount[r]
        }
        payingCustomers = paidInRange.count
        repeatCustomers = paidInRange.values.reduce(0) { $0 + ($1 >= 2 ? 1 : 0) }
        if !paidInRange.isEmpty {
            var paidSoFar: [Int64: Int] = [:]
            for i in 0..<o.orderCount where o.paidAt[i] >= 0 && o.placedAt[i] < to {
                let c = customerKey[i]
                if paidInRange[c] != nil { paidSoFar[c, default: 0] += 1 }
            }
            returningCustomers = paidSoFar.values.reduce(0) { $0 + ($1 >= 2 ? 1 : 0) }
        }
    }
}

extension OrderFacts {
    /// Per order, the key its customer is counted by: the customer id of the frame's person
    /// holding that customer (the smallest linked id), the id itself when the customer has no
    /// events, 0 for orders without a customer.
    public func customerKeys(frame: EventFrame) -> [Int64] {
        let people = frame.personOfCustomer()
        return customer.map { c in
            guard c != 0 else { return 0 }
            if people[c] != nil { return c }
            // A further id linked into a person, or a customer without events.
            return frame.person(ofCustomer: c).map { frame.personCustomer[Int($0)] } ?? c
        }
    }
}

extension EventFrame {
    /// Person of each customer id that keys a person (`personCustomer`); one pass over people.
    func personOfCustomer() -> [Int64: Int32] {
        var map: [Int64: Int32] = [:]
        map.reserveCapacity(personCount / 2)
        personCustomer.withUnsafeBufferPointer { pc in
            for p in 0..<pc.count where pc[p] != 0 { map[pc[p]] = Int32(p) }
        }
        return map
    }
}
