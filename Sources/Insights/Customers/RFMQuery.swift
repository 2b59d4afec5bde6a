/// One customer's RFM values and scores (docs/crm.md, "RFM"). Printed as the CSV row
/// `customer_id,recency_days,frequency,monetary,r,f,m,segment`.
public struct RFMRow: Sendable, Equatable {
    public var customerID: Int64
    /// Shop-local calendar days from the last paid order's day to the as-of day (0 = same day).
    public var recencyDays: Int
    /// Orders paid in the window.
    public var frequency: Int
    /// Their totals less the refunds of them made in the window, minor units, at least 0.
    public var monetary: Int64
    public var r: Int
    public var f: Int
    public var m: Int
    public var segment: RFMSegment

    public init(
        customerID: Int64, recencyDays: Int, frequency: Int, monetary: Int64,
        r: Int, f: Int, m: Int, segment: RFMSegment
    ) {
        self.customerID = customerID
        self.recencyDays = recencyDays
        self.frequency = frequency
        self.monetary = monetary
        self.r = r
        self.f = f
        self.m = m
        self.segment = segment
    }

    /// Column names of `csvFields`.
    public static let csvHeader = "customer_id,recency_days,frequency,monetary,r,f,m,segment"

    /// The row's CSV cells (the customer id as the bare integer).
    public var csvFields: [String] {
        [String(customerID), String(recencyDays), String(frequency), String(monetary),
         String(r), String(f), String(m), segment.rawValue]
    }
}

/// RFM over the window of `windowDays` shop-local days ending on the as-of day, read up to the
/// as-of instant (inclusive). Rules: docs/crm.md, "RFM".
public struct RFMQuery: Sendable {
    public var asOf: Int64
    public var windowDays: Int
    public var calendar: ShopCalendar

    public init(asOf: Int64, windowDays: Int = 365, calendar: ShopCalendar) {
        precondition(windowDays >= 1, "an RFM window has at least one day")
        self.asOf = asOf
        self.windowDays = windowDays
        self.calendar = calendar
    }

    /// The local day of the as-of instant.
    public var asOfDay: Int32 { calendar.dayIndex(asOf) }

    /// First instant of the window: local midnight starting day `asOfDay - windowDays + 1`.
    public var windowStart: Int64 { calendar.start(ofDay: asOfDay - Int32(windowDays) + 1) }

    /// Rows of every customer with an order paid in the window, by customer id.
    public func run(_ orders: OrderFacts) -> [RFMRow] {
        run(orders, customerKey: orders.customer)
    }

    /// The same with customers counted by `customerKey[order]` (e.g. `customerKeys(frame:)`,
    /// which merges customer ids linked into one person); 0 = no customer.
    public func run(_ orders: OrderFacts, customerKey: [Int64]) -> [RFMRow] {
        let v = values(orders, customerKey: customerKey)
        guard !v.ids.isEmpty else { return [] }
        let rq = Quintiles(v.recency.map { -$0 })
        let fq = Quintiles(v.frequency)
        let mq = Quintiles(v.monetary)
        var rows: [RFMRow] = []
        rows.reserveCapacity(v.ids.count)
        for k in 0..<v.ids.count {
            let r = rq.score(-v.recency[k]), f = fq.score(v.frequency[k]), m = mq.score(v.monetary[k])
            rows.append(RFMRow(
                customerID: v.ids[k], recencyDays: Int(v.recency[k]), frequency: Int(v.frequency[k]),
                monetary: v.monetary[k], r: r, f: f, m: m, segment: RFMSegment(r: r, f: f, m: m)))
        }
        return rows
    }

    /// Per customer (ascending id): recency days, frequency, monetary.
    func values(_ o: OrderFacts, customerKey: [Int64])
        -> (ids: [Int64], recency: [Int64], frequency: [Int64], monetary: [Int64])
    {
        precondition(customerKey.count == o.orderCount, "one customer key per order")
        let start = max(windowStart, 0), end = asOf  // paid times are ≥ 0 (unpaid: -1)
        var slots = CustomerSlots(distinct: [])
        // One cache line per customer touched: count, money and last paid time together.
        var acc: [Accumulator] = []
        o.paidAt.withUnsafeBufferPointer { paid in
            customerKey.withUnsafeBufferPointer { key in
                o.total.withUnsafeBufferPointer { total in
                    @inline(__always) func counted(_ i: Int) -> Bool { key[i] != 0 && paid[i] >= start && paid[i] <= end }
                    slots = CustomerSlots(distinct: (0..<paid.count).lazy.filter(counted).map { key[$0] })
                    acc = [Accumulator](repeating: Accumulator(), count: slots.count)
                    acc.withUnsafeMutableBufferPointer { a in
                        for i in 0..<paid.count where counted(i) {
                            let s = Int(slots.slot(of: key[i]))
                            a[s].count += 1
                            a[s].money += total[i]
                            if paid[i] > a[s].last { a[s].last = paid[i] }
                        }
                    }
                }
            }
        }
        for r in 0..<o.refundCount where o.refundAt[r] >= start && o.refundAt[r] <= end {
            let i = Int(o.refundOrder[r])
            let paid = o.paidAt[i]
            guard customerKey[i] != 0 && paid >= start && paid <= end else { continue }
            acc[Int(slots.slot(of: customerKey[i]))].money -= o.refundAmount[r]
        }
        let clock = calendar.clock(from: start, to: end + 1)
        let today = Int64(asOfDay)
        let n = slots.count
        var recency = [Int64](repeating: 0, count: n)
        var frequency = [Int64](repeating: 0, count: n)
        var monetary = [Int64](repeating: 0, count: n)
        for s in 0..<n {
            recency[s] = today - Int64(clock.day(acc[s].last))
            frequency[s] = acc[s].count
            monetary[s] = max(acc[s].money, 0)
        }
        return (slots.ids, recency, frequency, monetary)
    }

    struct Accumulator {
        var count: Int64 = 0
        var money: Int64 = 0
        var last = Int64.min
    }
}
