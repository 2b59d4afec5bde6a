import Foundation
import Testing
@testable import Insights

/// Lifecycle stages and purchase intent (docs/crm.md, "Lifecycle and intent"), written by hand.
@Suite struct LifecycleTests {
    static let dayMs: Int64 = 86_400_000
    static let newYork = ShopCalendar(timeZone: TimeZone(identifier: "America/New_York")!)

    @Test func stageBoundariesAreInclusiveDays() {
        let rules = LifecycleRules()
        #expect(rules.stage(daysSinceFirstOrder: nil, daysSinceLastOrder: nil) == .prospect)
        #expect(rules.stage(daysSinceFirstOrder: 0, daysSinceLastOrder: 0) == .new)
        #expect(rules.stage(daysSinceFirstOrder: 30, daysSinceLastOrder: 30) == .new)
        #expect(rules.stage(daysSinceFirstOrder: 31, daysSinceLastOrder: 31) == .active)
        #expect(rules.stage(daysSinceFirstOrder: 400, daysSinceLastOrder: 90) == .active)
        #expect(rules.stage(daysSinceFirstOrder: 400, daysSinceLastOrder: 91) == .atRisk)
        #expect(rules.stage(daysSinceFirstOrder: 400, daysSinceLastOrder: 180) == .atRisk)
        #expect(rules.stage(daysSinceFirstOrder: 400, daysSinceLastOrder: 181) == .churned)
        // A new customer stays new whatever the last order (the first decides).
        #expect(rules.stage(daysSinceFirstOrder: 10, daysSinceLastOrder: 2) == .new)
    }

    @Test func customThresholds() {
        let rules = LifecycleRules(newDays: 7, activeDays: 14, churnDays: 14, intentEvents: 1, intentDays: 3)
        #expect(rules.stage(daysSinceFirstOrder: 8, daysSinceLastOrder: 14) == .active)
        #expect(rules.stage(daysSinceFirstOrder: 8, daysSinceLastOrder: 15) == .churned)  // no at-risk band
        #expect(rules.intent(views: 1, carts: 0, boughtInWindow: false) == .high)
    }

    @Test func intentCountsViewsAndCartsTogether() {
        let rules = LifecycleRules()
        #expect(rules.intent(views: 0, carts: 0, boughtInWindow: false) == .none)
        #expect(rules.intent(views: 1, carts: 1, boughtInWindow: false) == .low)
        #expect(rules.intent(views: 2, carts: 1, boughtInWindow: false) == .high)
        #expect(rules.intent(views: 0, carts: 3, boughtInWindow: false) == .high)
        #expect(rules.intent(views: 5, carts: 5, boughtInWindow: true) == .none)
    }

    /// Local midnight of a New York date plus `ms`.
    static func ny(_ y: Int64, _ m: Int64, _ d: Int64, plus ms: Int64 = 0) -> Int64 {
        newYork.start(ofDay: ShopCalendar.daysFromCivil(y, m, d)) + ms
    }

    @Test func tableReadsLocalDaysAcrossDSTAndMergedIdentities() {
        // As of 2026-11-03 09:00 New York (DST ended 2026-11-01: that day had 25 hours).
        let asOf = Self.ny(2026, 11, 3, plus: 9 * 3_600_000)
        var orders = OrderFacts()
        // Customer 1: first paid 31 local days ago (not new), last 23:30 on 10-31 → 3 local days ago
        // although less than 2½ × 24 h before the as-of instant.
        orders.appendOrder(customer: 1, placedAt: Self.ny(2026, 10, 3), paidAt: Self.ny(2026, 10, 3), total: 1000)
        orders.appendOrder(customer: 1, placedAt: Self.ny(2026, 10, 31), paidAt: Self.ny(2026, 10, 31, plus: 23 * 3_600_000 + 1_800_000), total: 500)
        // Customer 2: a single order exactly at the as-of instant, and one after it (ignored).
        orders.appendOrder(customer: 2, placedAt: asOf - 1, paidAt: asOf, total: 700)
        orders.appendOrder(customer: 2, placedAt: asOf, paidAt: asOf + 1, total: 900)
        // Customer 3: nothing paid (a pending order).
        orders.appendOrder(customer: 3, placedAt: asOf - Self.dayMs, total: 300)

        // Customer 3 browsed anonymously, then logged in after the window: the views still count.
        var log = EventLog()
        let windowStart = Self.ny(2026, 10, 28)  // 7 local days ending 11-03
        for t in [windowStart - 1, windowStart, windowStart + Self.dayMs, asOf - 5] {
            log.append(TrackedEvent(timestamp: t, type: "product_view", anonymousID: "a3"))
        }
        log.append(TrackedEvent(timestamp: asOf + Self.dayMs, type: "page_view", anonymousID: "a3", customerID: 3))
        log.append(TrackedEvent(timestamp: asOf - 10, type: "add_to_cart", customerID: 1))
        let frame = log.frame()

        let t = CustomerTable(
            customers: [3, 1, 2, 4], acquisitionChannel: ["social", nil, "direct", nil], orders: orders, frame: frame,
            categoryOfSKU: [:], asOf: asOf, calendar: Self.newYork, rules: LifecycleRules(), rfm: nil)
        let c1 = t.row(ofCustomer: 1)!, c2 = t.row(ofCustomer: 2)!, c3 = t.row(ofCustomer: 3)!, c4 = t.row(ofCustomer: 4)!
        #expect([c3, c1, c2, c4] == [Int](0..<4))
        #expect(t.daysSinceLastOrder[c1] == 3)
        #expect(t.asOfDay - t.firstOrderDay[c1] == 31)
        #expect(t.lifecycleStage(ofRow: c1) == .active)
        #expect(t.purchaseIntent(ofRow: c1) == .none)  // a cart, but an order paid 10-31 is in the window
        #expect(t.carts7d[c1] == 1)
        #expect(t.orders[c2] == 1 && t.spend[c2] == 700 && t.daysSinceLastOrder[c2] == 0)
        #expect(t.lifecycleStage(ofRow: c2) == .new)
        #expect(t.lifecycleStage(ofRow: c3) == .prospect)
        #expect(t.views7d[c3] == 3)
        #expect(t.purchaseIntent(ofRow: c3) == .high)
        #expect(t.firstOrderAt[c3] == -1 && t.daysSinceLastOrder[c3] == -1 && t.firstOrderDay[c3] == CustomerTable.noDay)
        #expect(t.lifecycleStage(ofRow: c4) == .prospect && t.purchaseIntent(ofRow: c4) == .none)
        #expect(t.r[c1] == 0 && t.segment(ofRow: c1) == nil)  // no RFM query
        #expect(t.tier == nil && t.points == nil)
    }

    @Test func refundsAndAOV() {
        let asOf: Int64 = 1_794_700_000_000
        var orders = OrderFacts()
        let a = orders.appendOrder(customer: 5, placedAt: asOf - 10, paidAt: asOf - 10, total: 1000)
        orders.appendOrder(customer: 5, placedAt: asOf - 9, paidAt: asOf - 9, total: 333)
        orders.appendRefund(order: a, amount: 100, at: asOf - 5)
        orders.appendRefund(order: a, amount: 900, at: asOf + 5)  // after as-of: not yet
        let b = orders.appendOrder(customer: 6, placedAt: asOf - 9, paidAt: asOf - 9, total: 100)
        orders.appendRefund(order: b, amount: 150, at: asOf - 1)  // exceeds: spend clamps at 0
        let t = CustomerTable(
            customers: [5, 6], acquisitionChannel: [nil, nil], orders: orders, frame: nil, categoryOfSKU: [:],
            asOf: asOf, calendar: ShopCalendar(timeZone: TimeZone(identifier: "UTC")!), rules: LifecycleRules(), rfm: nil)
        #expect(t.spend == [1233, 0])
        #expect(t.aov == [617, 0])  // 1233 / 2 = 616.5 → 617 (halves away from zero)
        #expect(t.orders == [2, 1])
    }
}
