import Foundation  // TimeZone only

/// The CRM analytics benchmark behind `yunying bench crm`: RFM, the customer table and segment
/// rules over synthetic data, timed in-process. Not a test; the CLI prints the figures.
public enum CRMBenchmark {
    /// Synthetic data of `customers` customers (ids 1…customers) and `orders` orders over two
    /// years (90 % paid, 5 % of those refunded, one line each), plus two browsing events per
    /// customer in the last two weeks.
    public struct Data: Sendable {
        public let customers: [Int64]
        public let channels: [String?]
        public let orders: OrderFacts
        public let frame: EventFrame
        public let categoryOfSKU: [Int32: Int32]
        public let asOf: Int64
        public let calendar: ShopCalendar
    }

    /// A complex rule of the benchmark (five conditions under all / any / not).
    public static let complexRule = """
        {"all": [{"field": "r", "op": ">=", "value": 3},
                 {"any": [{"field": "lifecycle", "op": "in", "value": ["new", "active"]},
                          {"field": "days_since_last_order", "op": "<=", "value": 60}]},
                 {"not": {"field": "categories", "op": "contains_any", "value": [1, 2, 3]}},
                 {"field": "spend", "op": ">", "value": 5000}]}
        """

    /// Timings of each step, in order: data generation, RFM, customer table (with its own RFM),
    /// a one-condition segment, the complex segment, and the complex segment row by row (the
    /// reference the vectorised evaluation is compared with).
    public static func run(customers: Int = 1_000_000, orders: Int = 5_000_000, seed: UInt64 = 1)
        -> [(String, Duration)]
    {
        let clock = ContinuousClock()
        var results: [(String, Duration)] = []
        var data: Data?
        results.append(("generate data", clock.measure { data = generate(customers: customers, orders: orders, seed: seed) }))
        let d = data!
        let query = RFMQuery(asOf: d.asOf, windowDays: 365, calendar: d.calendar)
        var rows: [RFMRow] = []
        results.append(("rfm (\(customers) customers, \(orders) orders)", clock.measure { rows = query.run(d.orders) }))
        var table: CustomerTable?
        results.append(("customer table", clock.measure {
            table = CustomerTable(
                customers: d.customers, acquisitionChannel: d.channels, orders: d.orders, frame: d.frame,
                categoryOfSKU: d.categoryOfSKU, asOf: d.asOf, calendar: d.calendar, rules: LifecycleRules(), rfm: query)
        }))
        let t = table!
        // Parsing is part of each segment's time.
        var simple: [Int32] = [], complex: [Int32] = [], naive = 0
        results.append(("segment r >= 4", clock.measure {
            simple = (try? SegmentRule.parse(json: #"{"field": "r", "op": ">=", "value": 4}"#))?.evaluate(on: t) ?? []
        }))
        results.append(("segment complex (vectorised)", clock.measure {
            complex = (try? SegmentRule.parse(json: complexRule))?.evaluate(on: t) ?? []
        }))
        results.append(("segment complex (row by row, reference)", clock.measure {
            if let rule = try? SegmentRule.parse(json: complexRule) {
                for k in 0..<t.count where rule.matches(row: k, in: t) { naive += 1 }
            }
        }))
        precondition(naive == complex.count && !rows.isEmpty && !simple.isEmpty, "benchmark results disagree")
        return results
    }

    /// Deterministic synthetic data (SplitMix64 from `seed`).
    public static func generate(customers n: Int, orders count: Int, seed: UInt64) -> Data {
        var rng = SplitMix64(seed: seed)
        let calendar = ShopCalendar(timeZone: .init(identifier: "Asia/Shanghai")!)
        let asOf: Int64 = 1_794_708_000_000  // 2026-11-15 10:00 Shanghai
        let day: Int64 = 86_400_000
        var o = OrderFacts()
        for i in 0..<count {
            let customer = Int64(rng.below(n)) + 1
            let placed = asOf - Int64(rng.below(Int(730 * day)))
            let paid: Int64? = rng.below(10) < 9 ? placed + Int64(rng.below(3_600_000)) : nil
            let total = Int64(rng.below(100_000)) + 100
            let k = o.appendOrder(id: Int64(i) + 1, customer: customer, placedAt: placed, paidAt: paid, total: total)
            if let paid, rng.below(20) == 0 { o.appendRefund(order: k, amount: total / 2, at: paid + day) }
            o.appendLine(order: k, sku: Int32(rng.below(2000)) + 1, quantity: 1, revenue: total, cost: total / 2)
        }
        var person: [Int32] = [], time: [Int64] = [], type: [UInt8] = []
        let types = [StandardEvent.productView.code, StandardEvent.addToCart.code, StandardEvent.pageView.code]
        for p in 0..<n {
            for _ in 0..<2 {
                person.append(Int32(p))
                time.append(asOf - Int64(rng.below(Int(14 * day))))
                type.append(types[Int(rng.below(3))])
            }
        }
        let frame = EventFrame(
            personCount: n, person: person, time: time, type: type, personCustomer: (1...Int64(n)).map { $0 })
        let channelNames: [String?] = ["direct", "paid_search", "social", "live_stream", nil]
        var categories: [Int32: Int32] = [:]
        for sku in Int32(1)...2000 { categories[sku] = sku % 50 }
        return Data(
            customers: (1...Int64(n)).map { $0 },
            channels: (0..<n).map { _ in channelNames[Int(rng.below(5))] },
            orders: o, frame: frame, categoryOfSKU: categories, asOf: asOf, calendar: calendar)
    }
}
