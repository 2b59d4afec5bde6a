import Testing
@testable import Insights

@Suite struct KPIReportTests {
    /// Period: 2026-11-02 … 2026-11-03 UTC (days 0 and 1).
    static func shop() -> (EventFrame, OrderFacts) {
        let f = MT.frame([
            // A: anonymous, logs in as customer 1 on day 0; second session on day 1.
            MT.event(MT.at(0, 10), .pageView, anon: "a"),
            MT.event(MT.at(0, 10, 5), .addToCart, anon: "a", sku: 7),
            MT.event(MT.at(0, 10, 10), .pageView, anon: "a", customer: 1),
            MT.event(MT.at(1, 9), .pageView, customer: 1),
            // B: before the period (counts in WAU/MAU) and on day 0.
            MT.event(MT.at(-1, 12), .pageView, anon: "b"),
            MT.event(MT.at(0, 12), .pageView, anon: "b"),
            // C: customer 2, only 13 days before the period: MAU, not WAU.
            MT.event(MT.at(-13, 8), .pageView, customer: 2),
            // D: after the period.
            MT.event(MT.at(2, 8), .pageView, anon: "d"),
            // E: one person holding customers 3 and 4 (identity merge).
            MT.event(MT.at(1, 11), .pageView, anon: "e", customer: 3),
            MT.event(MT.at(1, 11, 1), .productView, anon: "e", customer: 4, sku: 7),
            // F, G: anonymous on day 1.
            MT.event(MT.at(1, 13), .pageView, anon: "f"),
            MT.event(MT.at(1, 14), .search, anon: "g"),
        ])
        var o = OrderFacts()
        let o1 = o.appendOrder(customer: 1, placedAt: MT.at(0, 10, 20), paidAt: MT.at(0, 10, 21), total: 10_000)
        o.appendOrder(customer: 1, placedAt: MT.at(1, 9, 10), paidAt: MT.at(1, 9, 11), total: 5_001)
        o.appendOrder(customer: 3, placedAt: MT.at(1, 11, 5), paidAt: MT.at(1, 11, 6), total: 3_000)
        o.appendOrder(customer: 4, placedAt: MT.at(1, 11, 7), paidAt: MT.at(1, 11, 8), total: 2_000)
        let o5 = o.appendOrder(customer: 5, placedAt: MT.at(-32, 10), paidAt: MT.at(-32, 10), total: 7_000)
        o.appendOrder(customer: 5, placedAt: MT.at(0, 15), paidAt: MT.at(0, 15), total: 1_000)
        o.appendOrder(customer: 0, placedAt: MT.at(0, 16), paidAt: MT.at(0, 16), total: 999)  // guest
        o.appendOrder(customer: 2, placedAt: MT.at(1, 17), total: 4_000)                        // pending
        o.appendOrder(customer: 6, placedAt: MT.at(2, 0) - 1, paidAt: MT.at(2, 0), total: 500)   // paid after
        o.appendOrder(customer: 7, placedAt: MT.at(0, 18), paidAt: MT.at(0, 18), total: 1_000)
        o.appendRefund(order: o5, amount: 3_000, at: MT.at(0, 9))      // old order refunded in P
        o.appendRefund(order: o1, amount: 10_000, at: MT.at(3, 9))     // refund after P
        return (f, o)
    }

    @Test func kpisOfTwoDays() {
        let (f, o) = Self.shop()
        let k = KPIReport(frame: f, orders: o, period: MT.period(0, 1), calendar: MT.utc)
        #expect(k.pv == 6)
        #expect(k.uv == 5)
        #expect(k.sessions == 6)
        #expect(k.addToCartRate == 1.0 / 6)
        #expect(k.orders == 9)
        #expect(k.gmv == 27_500)
        #expect(k.paidRevenue == 23_000)
        #expect(k.payingCustomers == 4)          // 1, 3≡4, 5, 7; not the guest
        #expect(k.conversionRate == 0.8)
        #expect(k.refunds == 3_000)
        #expect(k.aovPerCustomer == 5_750)
        #expect(k.aovPerOrder == 3_286)          // 23000 / 7 = 3285.71
        #expect(k.uvValue == 4_600)
        #expect(k.repurchaseRate == 0.5)         // 1 and the merged 3≡4
        #expect(k.returningCustomerRate == 0.75) // + 5 (paid order before P)
        #expect(k.dau == 3.0)                    // 2 people on day 0, 4 on day 1
        #expect(k.wau == 5)
        #expect(k.mau == 6)
        #expect(k["mau"] == .count(6) && k["gmv"] == .money(27_500) && k["nope"] == nil)
        #expect(k.fields.map(\.key) == KPIReport.keys)
    }

    @Test func emptyShopHasZerosNotNaN() {
        let k = KPIReport(frame: MT.frame([]), orders: OrderFacts(), period: MT.period(0, 6), calendar: MT.utc)
        #expect(k == KPIReport(events: EventActivity(frame: MT.frame([]), period: MT.period(0, 6), calendar: MT.utc),
                               bucket: 0, orders: OrderActivity(orders: OrderFacts(), customerKey: [], from: 0, to: 0)))
        #expect(k.uv == 0 && k.conversionRate == 0 && k.aovPerOrder == 0 && k.dau == 0 && k.addToCartRate == 0)
    }

    @Test func returningCountsPaidOrdersPlacedBeforeTheEnd() {
        // Customer 9 pays once in P; a second order placed in P is paid only after P.
        let f = MT.frame([MT.event(MT.at(0, 8), .pageView, customer: 9)])
        var o = OrderFacts()
        o.appendOrder(customer: 9, placedAt: MT.at(0, 9), paidAt: MT.at(0, 9), total: 100)
        o.appendOrder(customer: 9, placedAt: MT.at(0, 23), paidAt: MT.at(1, 1), total: 100)
        let k = KPIReport(frame: f, orders: o, period: MT.period(0, 0), calendar: MT.utc)
        #expect(k.payingCustomers == 1 && k.repurchaseRate == 0)
        #expect(k.returningCustomerRate == 1)
    }

    @Test func periodFromLocalDates() {
        let shanghai = ShopCalendar(timeZone: .init(identifier: "Asia/Shanghai")!)
        let p = ReportPeriod(from: "2026-11-02", to: "2026-11-03", calendar: shanghai)!
        #expect(p.from == MT.t0 - 8 * MT.hour && p.to == MT.t0 + 2 * MT.dayMs - 8 * MT.hour)
        #expect(p.dayCount == 2)
        #expect(ReportPeriod(from: "2026-11-03", to: "2026-11-02", calendar: shanghai) == nil)
        #expect(ReportPeriod(from: "2026-02-30", to: "2026-03-01", calendar: shanghai) == nil)
        #expect(ReportPeriod.day("2026-11-02") == Int32(MT.t0 / MT.dayMs))
    }
}

@Suite struct KPISeriesTests {
    @Test func dailyRows() {
        let (f, o) = KPIReportTests.shop()
        let s = KPISeries(frame: f, orders: o, period: MT.period(0, 1), calendar: MT.utc, by: .day)
        #expect(s.rows.map(\.label) == ["2026-11-02", "2026-11-03"])
        let d0 = s.rows[0].kpis, d1 = s.rows[1].kpis
        #expect(d0.pv == 3 && d0.uv == 2 && d0.sessions == 2 && d0.addToCartRate == 0.5)
        #expect(d0.orders == 4 && d0.paidRevenue == 12_999 && d0.payingCustomers == 3)
        #expect(d0.dau == 2 && d0.wau == 2 && d0.mau == 3)
        #expect(d1.pv == 3 && d1.uv == 4 && d1.sessions == 4 && d1.dau == 4 && d1.wau == 5 && d1.mau == 6)
        #expect(d1.payingCustomers == 2 && d1.repurchaseRate == 0.5)  // 1 once; 3≡4 twice
    }

    @Test func sessionAcrossMidnightCountsInBothDaysAndWeeksAreClipped() {
        let f = MT.frame([
            MT.event(MT.at(0, 23, 50), .pageView, anon: "x"),
            MT.event(MT.at(1, 0, 10), .addToCart, anon: "x", sku: 1),
            MT.event(MT.at(8, 12), .pageView, anon: "x"),
        ])
        let days = KPISeries(frame: f, orders: OrderFacts(), period: MT.period(0, 1), calendar: MT.utc, by: .day)
        #expect(days.rows.map(\.kpis.sessions) == [1, 1])
        #expect(days.rows.map(\.kpis.addToCartRate) == [0, 1])
        let whole = KPIReport(frame: f, orders: OrderFacts(), period: MT.period(0, 1), calendar: MT.utc)
        #expect(whole.sessions == 1 && whole.addToCartRate == 1 && whole.dau == 1)
        let weeks = KPISeries(frame: f, orders: OrderFacts(), period: MT.period(0, 9), calendar: MT.utc, by: .week)
        #expect(weeks.rows.map(\.label) == ["2026-11-02", "2026-11-09"])
        #expect(weeks.rows.map(\.lastDay) == [Int32(MT.t0 / MT.dayMs) + 6, Int32(MT.t0 / MT.dayMs) + 9])
        #expect(weeks.rows.map(\.kpis.sessions) == [1, 1])
        #expect(weeks.rows[0].kpis.dau == 2.0 / 7 && weeks.rows[1].kpis.dau == 1.0 / 3)
        // Week 2's WAU ends on day 9: days 3…9 hold x's day-8 visit.
        #expect(weeks.rows.map(\.kpis.wau) == [1, 1] && weeks.rows.map(\.kpis.mau) == [1, 1])
        let months = KPISeries(frame: f, orders: OrderFacts(), period: MT.period(0, 40), calendar: MT.utc, by: .month)
        #expect(months.rows.map(\.label) == ["2026-11-01", "2026-12-01"])
        #expect(months.rows.map(\.kpis.mau) == [1, 0] && months.rows.map(\.kpis.wau) == [0, 0])
    }
}
