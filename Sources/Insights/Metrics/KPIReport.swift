/// A KPI value as reported: a count, a money amount (minor units) or a rate (fraction).
public enum KPIValue: Sendable, Equatable {
    case count(Int)
    case money(Int64)
    case rate(Double)
}

/// The shop KPIs over one period (`report kpis`); definitions in docs/analytics.md, "KPIs".
public struct KPIReport: Sendable, Equatable {
    public var pv = 0
    public var uv = 0
    public var sessions = 0
    public var addToCartRate = 0.0
    public var conversionRate = 0.0
    public var orders = 0
    public var payingCustomers = 0
    public var gmv: Int64 = 0
    public var paidRevenue: Int64 = 0
    public var refunds: Int64 = 0
    public var aovPerCustomer: Int64 = 0
    public var aovPerOrder: Int64 = 0
    public var uvValue: Int64 = 0
    public var repurchaseRate = 0.0
    public var returningCustomerRate = 0.0
    public var dau = 0.0
    public var wau = 0
    public var mau = 0

    /// The wire keys, in report order.
    public static let keys = [
        "pv", "uv", "sessions", "add_to_cart_rate", "conversion_rate", "orders", "paying_customers",
        "gmv", "paid_revenue", "refunds", "aov_per_customer", "aov_per_order", "uv_value",
        "repurchase_rate", "returning_customer_rate", "dau", "wau", "mau",
    ]

    /// The KPIs of `period`.
    public init(frame: EventFrame, orders: OrderFacts, period: ReportPeriod, calendar: ShopCalendar) {
        let events = EventActivity(frame: frame, period: period, calendar: calendar)
        let o = OrderActivity(
            orders: orders, customerKey: orders.customerKeys(frame: frame), from: period.from, to: period.to)
        self.init(events: events, bucket: 0, orders: o)
    }

    /// Combines the event counts of one bucket with the order counts of the same days.
    public init(events: EventActivity, bucket k: Int, orders o: OrderActivity) {
        pv = events.pv[k]
        uv = events.uv[k]
        sessions = events.sessions[k]
        addToCartRate = MoneyMath.rate(events.addToCartSessions[k], sessions)
        dau = events.dau(k)
        wau = events.wau[k]
        mau = events.mau[k]
        orders = o.orders
        payingCustomers = o.payingCustomers
        gmv = o.gmv
        paidRevenue = o.paidRevenue
        refunds = o.refunds
        conversionRate = MoneyMath.rate(payingCustomers, uv)
        aovPerCustomer = MoneyMath.ratio(paidRevenue, Int64(payingCustomers))
        aovPerOrder = MoneyMath.ratio(paidRevenue, Int64(o.paidOrders))
        uvValue = MoneyMath.ratio(paidRevenue, Int64(uv))
        repurchaseRate = MoneyMath.rate(o.repeatCustomers, payingCustomers)
        returningCustomerRate = MoneyMath.rate(o.returningCustomers, payingCustomers)
    }

    /// The value of a wire key, nil for an unknown key.
    public subscript(key: String) -> KPIValue? {
        switch key {
        case "pv": .count(pv)
        case "uv": .count(uv)
        case "sessions": .count(sessions)
        case "add_to_cart_rate": .rate(addToCartRate)
        case "conversion_rate": .rate(conversionRate)
        case "orders": .count(orders)
        case "paying_customers": .count(payingCustomers)
        case "gmv": .money(gmv)
        case "paid_revenue": .money(paidRevenue)
        case "refunds": .money(refunds)
        case "aov_per_customer": .money(aovPerCustomer)
        case "aov_per_order": .money(aovPerOrder)
        case "uv_value": .money(uvValue)
        case "repurchase_rate": .rate(repurchaseRate)
        case "returning_customer_rate": .rate(returningCustomerRate)
        case "dau": .rate(dau)
        case "wau": .count(wau)
        case "mau": .count(mau)
        default: nil
        }
    }

    /// All KPIs as (wire key, value), in report order.
    public var fields: [(key: String, value: KPIValue)] { Self.keys.map { ($0, self[$0]!) } }

    /// The GMV-change factors of this period.
    public var gmvFactors: GMVFactors {
        GMVFactors(uv: uv, payingCustomers: payingCustomers, paidRevenue: paidRevenue)
    }
}
