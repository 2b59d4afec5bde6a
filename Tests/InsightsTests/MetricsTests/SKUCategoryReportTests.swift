import Testing
@testable import Insights

enum ProductShop {
    /// Day 0 is the period.
    static func make() -> (EventFrame, OrderFacts) {
        let f = MT.frame([
            MT.event(MT.at(0, 8), .productView, anon: "a", sku: 1),
            MT.event(MT.at(0, 8, 1), .productView, anon: "a", sku: 1),
            MT.event(MT.at(0, 8, 2), .productView, anon: "a", sku: 2),
            MT.event(MT.at(0, 8, 3), .addToCart, anon: "a", sku: 1),
            MT.event(MT.at(0, 8, 4), .productView, anon: "a"),                    // no SKU
            MT.event(MT.at(0, 9), .productView, customer: 10, sku: 1),
            MT.event(MT.at(0, 9, 1), .productView, customer: 10, sku: 3),
            MT.event(MT.at(0, 10), .productView, anon: "c", customer: 11, sku: 2),
            MT.event(MT.at(0, 10, 1), .pageView, anon: "c", customer: 12),       // 11 ≡ 12
            MT.event(MT.at(-1, 10), .productView, anon: "d", sku: 1),             // before P
        ])
        var o = OrderFacts()
        let o1 = o.appendOrder(customer: 10, placedAt: MT.at(0, 11), paidAt: MT.at(0, 11), total: 3_500)
        o.appendLine(order: o1, sku: 1, quantity: 2, revenue: 2_000, cost: 1_200)
        o.appendLine(order: o1, sku: 1, quantity: 1, revenue: 1_000, cost: 600)
        o.appendLine(order: o1, sku: 3, quantity: 1, revenue: 500, cost: 100)
        let o2 = o.appendOrder(customer: 11, placedAt: MT.at(0, 12), paidAt: MT.at(0, 12), total: 3_000)
        o.appendLine(order: o2, sku: 2, quantity: 1, revenue: 3_000, cost: 2_900)
        let o3 = o.appendOrder(customer: 12, placedAt: MT.at(0, 13), paidAt: MT.at(0, 13), total: 3_000)
        o.appendLine(order: o3, sku: 2, quantity: 1, revenue: 3_000, cost: 2_900)
        let o4 = o.appendOrder(customer: 10, placedAt: MT.at(-3, 11), paidAt: MT.at(-3, 11), total: 1_000)
        o.appendLine(order: o4, sku: 1, quantity: 1, revenue: 1_000, cost: 600)    // paid before P
        let o5 = o.appendOrder(customer: 10, placedAt: MT.at(0, 14), total: 500)
        o.appendLine(order: o5, sku: 3, quantity: 1, revenue: 500, cost: 100)      // unpaid
        let o6 = o.appendOrder(customer: 0, placedAt: MT.at(0, 15), paidAt: MT.at(0, 15), total: 500)
        o.appendLine(order: o6, sku: 3, quantity: 1, revenue: 500, cost: 100)      // guest
        return (f, o)
    }
}

@Suite struct SKUReportTests {
    @Test func perSKUCounts() {
        let (f, o) = ProductShop.make()
        let r = SKUReport(frame: f, orders: o, period: MT.period(0, 0))
        #expect(r.rows.map(\.id) == [1, 2, 3])
        #expect(r.totalViews == 7)
        let s1 = r[1]!, s2 = r[2]!, s3 = r[3]!
        #expect(s1.views == 3 && s1.viewers == 2 && s1.addToCarts == 1)
        #expect(s1.orders == 1 && s1.units == 3 && s1.revenue == 3_000 && s1.cost == 1_800 && s1.buyers == 1)
        #expect(abs(s1.margin - 0.4) < 1e-12 && s1.buyerConversion == 0.5)
        #expect(s2.views == 2 && s2.viewers == 2 && s2.orders == 2 && s2.units == 2 && s2.buyers == 1)  // 11 ≡ 12
        #expect(s3.orders == 2 && s3.units == 2 && s3.revenue == 1_000 && s3.buyers == 1 && s3.buyerConversion == 1)
    }

    @Test func zeroRevenueAndViewersGiveZeroRatios() {
        var o = OrderFacts()
        let i = o.appendOrder(customer: 1, placedAt: MT.at(0, 1), paidAt: MT.at(0, 1), total: 0)
        o.appendLine(order: i, sku: 5, quantity: 1, revenue: 0, cost: 0)
        let r = SKUReport(frame: MT.frame([]), orders: o, period: MT.period(0, 0))
        #expect(r[5]!.margin == 0 && r[5]!.buyerConversion == 0 && r[5]!.buyers == 1 && r[5]!.viewers == 0)
    }
}

@Suite struct CategoryReportTests {
    @Test func aggregatesDistinctPeopleAndAssignsRoles() {
        let (f, o) = ProductShop.make()
        let map: [Int32: Int32] = [1: 100, 2: 100, 3: 200, 9: 300]
        let r = CategoryReport(frame: f, orders: o, period: MT.period(0, 0), categoryOfSKU: map)
        #expect(r.rows.map(\.category) == [100, 200, 300])
        let c100 = r[100]!, c200 = r[200]!, c300 = r[300]!
        #expect(c100.counts.views == 5 && c100.counts.viewers == 3 && c100.counts.buyers == 2)
        #expect(c100.trafficShare == 5.0 / 7 && c100.buyerConversion == 2.0 / 3)
        #expect(c100.counts.revenue == 9_000 && c100.counts.cost == 7_600)
        #expect(c200.trafficShare == 1.0 / 7 && c200.buyerConversion == 1)
        #expect(c300.counts.views == 0 && c300.roles == [])
        #expect(r.medianTrafficShare == 1.0 / 7 && r.medianBuyerConversion == 2.0 / 3)
        #expect(c100.roles == [])
        #expect(c200.roles == [.highMargin, .highConversion])
        #expect(c200.roles.names == ["high_margin", "high_conversion"])
        let loose = CategoryReport(
            frame: f, orders: o, period: MT.period(0, 0), categoryOfSKU: map,
            thresholds: CategoryRoleThresholds(risingStarTraffic: 1.0))
        #expect(loose[200]!.roles == [.highMargin, .highConversion, .risingStar])
    }

    @Test func rulesAtTheirBoundaries() {
        func roles(_ share: Double, _ margin: Double, _ conv: Double) -> CategoryRoles {
            CategoryRoles.classify(
                trafficShare: share, margin: margin, buyerConversion: conv,
                medianTrafficShare: 0.2, medianMargin: 0.2, medianBuyerConversion: 0.1)
        }
        #expect(roles(0.3, 0.1, 0.1) == [.trafficDriver])        // share = 1.5 × median, margin below
        #expect(roles(0.3, 0.2, 0.1) == [])                      // margin not below the median
        #expect(roles(0.29, 0.1, 0.1) == [])
        #expect(roles(0.2, 0.24, 0.1) == [.highMargin])          // margin = 1.2 × median
        #expect(roles(0.2, 0.239, 0.1) == [])
        #expect(roles(0.2, 0.2, 0.12) == [.highConversion])      // conversion = 1.2 × median
        #expect(roles(0.1, 0.2, 0.12) == [.highConversion, .risingStar])  // share = 0.5 × median
        #expect(roles(0.11, 0.2, 0.12) == [.highConversion])
        #expect(roles(0.5, 0.1, 0.5) == [.trafficDriver, .highConversion])
        #expect(CategoryRoles([.trafficDriver, .highMargin, .highConversion, .risingStar]).names
                == ["traffic_driver", "high_margin", "high_conversion", "rising_star"])
    }

    @Test func zeroMediansHandOutNoRoles() {
        let r = CategoryRoles.classify(
            trafficShare: 0, margin: 0, buyerConversion: 0,
            medianTrafficShare: 0, medianMargin: 0, medianBuyerConversion: 0)
        #expect(r == [])
        #expect(CategoryReport.median([]) == 0 && CategoryReport.median([3, 1, 2, 10]) == 2.5)
    }
}
