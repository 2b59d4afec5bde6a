/// What a breakdown groups by.
public enum BreakdownDimension: String, Sendable, CaseIterable {
    case channel, device
}

/// Traffic and sales of a period grouped by channel or device (`report kpis --breakdown`).
///
/// A person or session falls in the group of each of their sessions with an event in the period
/// (a person with sessions of two channels counts in both). Orders paid in the period fall in
/// the group of their attributed session (channel: the attribution's channel; device: the
/// attributed session's device, else the device of the customer's last session before the
/// order, else `other`).
public struct TrafficBreakdown: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Channel or device wire name.
        public let name: String
        public var uv = 0
        public var sessions = 0
        public var addToCartSessions = 0
        /// Orders paid in the period credited to the group.
        public var orders = 0
        public var paidRevenue: Int64 = 0
        /// Distinct customers of those orders.
        public var payingCustomers = 0

        public init(name: String) { self.name = name }

        /// Sessions with an add-to-cart ÷ sessions.
        public var addToCartRate: Double { MoneyMath.rate(addToCartSessions, sessions) }
        /// Paying customers ÷ UV.
        public var conversionRate: Double { MoneyMath.rate(payingCustomers, uv) }
    }

    public let dimension: BreakdownDimension
    /// One row per channel (or device), in code order.
    public let rows: [Row]

    public init(
        frame: EventFrame, orders: OrderFacts, attribution: Attribution, period: ReportPeriod,
        dimension: BreakdownDimension
    ) {
        self.dimension = dimension
        let names = dimension == .channel ? Channel.allCases.map(\.name) : Device.allCases.map(\.name)
        var rows = names.map(Row.init(name:))
        let group = dimension == .channel ? frame.sessionChannel : frame.sessionDevice
        let g = rows.count
        var sessionSeen = SessionMarks(sessionCount: frame.sessionCount)
        var cartSeen = sessionSeen
        let from = period.from, to = period.to, addToCart = StandardEvent.addToCart.rawValue
        var uv = [Int](repeating: 0, count: g), sessions = uv, carts = uv
        frame.time.withUnsafeBufferPointer { time in
        frame.type.withUnsafeBufferPointer { type in
        frame.session.withUnsafeBufferPointer { session in
        frame.personStart.withUnsafeBufferPointer { start in
        group.withUnsafeBufferPointer { group in
            for p in 0..<(start.count - 1) {
                var mask: UInt32 = 0
                sessionSeen.reset()
                cartSeen.reset()
                for e in Int(start[p])..<Int(start[p + 1]) {
                    let t = time[e]
                    if t < from { continue }
                    if t >= to { break }
                    let s = session[e]
                    if sessionSeen.mark(s, 0) {
                        let k = Int(min(group[Int(s)], UInt8(g - 1)))
                        sessions[k] += 1
                        mask |= 1 << k
                    }
                    if type[e] == addToCart && cartSeen.mark(s, 0) { carts[Int(min(group[Int(s)], UInt8(g - 1)))] += 1 }
                }
                while mask != 0 {
                    uv[mask.trailingZeroBitCount] += 1
                    mask &= mask - 1
                }
            }
        }}}}}
        var customers = [Set<Int64>](repeating: [], count: g)
        let keys = orders.customerKeys(frame: frame)
        for i in 0..<orders.orderCount where orders.paidAt[i] >= from && orders.paidAt[i] < to {
            let k: Int
            switch dimension {
            case .channel:
                k = Int(attribution.channel[i])
            case .device:
                let s = attribution.session[i] >= 0 ? attribution.session[i] : attribution.lastSession[i]
                k = s >= 0 ? Int(frame.sessionDevice[Int(s)]) : Int(Device.other.rawValue)
            }
            let r = min(k, g - 1)
            rows[r].orders += 1
            rows[r].paidRevenue += orders.total[i]
            if keys[i] != 0 { customers[r].insert(keys[i]) }
        }
        for k in 0..<g {
            rows[k].uv = uv[k]
            rows[k].sessions = sessions[k]
            rows[k].addToCartSessions = carts[k]
            rows[k].payingCustomers = customers[k].count
        }
        self.rows = rows
    }

    /// The row of a wire name.
    public subscript(name: String) -> Row? { rows.first { $0.name == name } }
}
