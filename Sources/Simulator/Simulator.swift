import Commerce
import Foundation
import Insights
import Operations
import Persistence

/// Runs a shop for `config.days` days through the real use cases: storefront events go to the
/// store's event API in bulk (valid by construction, classified by the shop's channel rules),
/// every order is priced and placed by `OrderService`, paid by `PaymentService`, shipped,
/// delivered, cancelled with a refund, or left unpaid for the hold sweep to cancel.
public struct Simulator: Sendable {
    /// Concurrent shoppers placing a day's orders (group commit makes them cheap together).
    static let workers = 24

    let yunying: Yunying
    let shop: ShopInfo
    let config: SimulationConfig

    public init(yunying: Yunying, shop: ShopInfo, config: SimulationConfig) {
        self.yunying = yunying
        self.shop = shop
        self.config = config
    }

    public func run(progress: @Sendable (SimulationProgress) -> Void = { _ in }) async throws -> SimulationSummary {
        let calendar = ShopCalendar(timeZone: TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!)
        guard let firstDay = ReportPeriod.day(config.start) else {
            throw OperationsError.invalid(code: "invalid_value", field: "start", message: "start must be a date like 2026-08-01.")
        }
        let dayStarts = (0...config.days).map { calendar.start(ofDay: firstDay + Int32($0)) }
        let peakDay = Self.peakDay(firstDay: firstDay, days: config.days)
        var random = SimulationRandom(seed: config.seed)
        let setup = try await ShopSetup(yunying: yunying, shop: shop, config: config).run(
            first: Instant(millisecondsSinceEpoch: dayStarts[0]), last: Instant(millisecondsSinceEpoch: dayStarts[config.days - 1]),
            peak: Instant(millisecondsSinceEpoch: dayStarts[peakDay]), random: &random)
        let classifier = ChannelRules.Classifier(try await yunying.events.channelRules(shop))
        var customers = DayPlanner.Customers(count: config.customers, propensity: setup.propensity)
        var summary = SimulationSummary()
        summary.customers = config.customers
        summary.skus = setup.skus.count
        let end = dayStarts[config.days]
        for day in 0..<config.days {
            var dayRandom = SimulationRandom(seed: config.seed, stream: UInt64(day + 1))
            let planner = DayPlanner(
                dayStart: dayStarts[day], traffic: Self.traffic(day: day, firstDay: firstDay, peakDay: peakDay, days: config.days),
                skus: setup.skus, skuWeights: setup.popularity.cumulative, classifier: classifier, sessionsPerDay: config.sessionsPerDay)
            let plan = planner.plan(day: day, customers: &customers, customerIDs: setup.customers, random: &dayRandom)
            for start in stride(from: 0, to: plan.events.count, by: 10_000) {
                let chunk = Array(plan.events[start..<min(plan.events.count, start + 10_000)])
                _ = try await yunying.store.appendEvents(shop.id, chunk, receivedAt: Instant(millisecondsSinceEpoch: end))
            }
            summary.events += plan.events.count
            summary.sessions += plan.sessions
            let outcomes = try await execute(plan.orders, customerIDs: setup.customers, end: end)
            try await sweepHolds(after: plan.orders)
            summary.orders += outcomes.placed
            summary.paidOrders += outcomes.paid
            summary.unpaidOrders += outcomes.placed - outcomes.paid
            summary.refundedOrders += outcomes.refunded
            if day == peakDay {
                summary.flashOrders = try await flashSale(setup.flashPromotion, at: dayStarts[day] + 20 * 3_600_000, customers: customers, ids: setup.customers, random: &dayRandom)
                summary.orders += summary.flashOrders
                summary.paidOrders += summary.flashOrders
            }
            try await recordAdSpend(day: firstDay + Int32(day), calendar: calendar, sessions: plan.events, random: &dayRandom)
            if day % 7 == 6 { try await replenish() }
            progress(SimulationProgress(day: day + 1, days: config.days, summary: summary))
        }
        return summary
    }

    /// Places, pays and follows up the day's orders with concurrent shoppers, each on its own clock.
    func execute(_ orders: [PlannedOrder], customerIDs: [Int64], end: Int64) async throws -> (placed: Int, paid: Int, refunded: Int) {
        try await withThrowingTaskGroup(of: (Int, Int, Int).self) { group in
            for worker in 0..<Self.workers {
                let mine = orders.enumerated().filter { $0.offset % Self.workers == worker }.map(\.element)
                group.addTask {
                    let clock = ManualTime(Instant(millisecondsSinceEpoch: 0))
                    let shopper = Yunying(store: yunying.store, time: clock)
                    var placed = 0, paid = 0, refunded = 0
                    for plan in mine {
                        let order = try await Self.follow(plan, shopper: shopper, clock: clock, shop: shop, customerID: customerIDs[plan.customer], end: end)
                        placed += 1
                        if order.paid { paid += 1 }
                        if order.refunded { refunded += 1 }
                    }
                    return (placed, paid, refunded)
                }
            }
            return try await group.reduce((0, 0, 0)) { ($0.0 + $1.0, $0.1 + $1.1, $0.2 + $1.2) }
        }
    }

    /// The hold sweep, run when each unpaid order's hold has expired (after the day's shoppers are
    /// done, so no shopper's clock runs ahead of another's payment).
    func sweepHolds(after orders: [PlannedOrder]) async throws {
        let clock = ManualTime(Instant(millisecondsSinceEpoch: 0))
        let sweeper = Yunying(store: yunying.store, time: clock)
        for plan in orders.filter({ $0.paidAfter == nil }).sorted(by: { $0.placedAt < $1.placedAt }) {
            clock.set(Instant(millisecondsSinceEpoch: plan.placedAt + 31 * 60_000))
            _ = try await sweeper.orders.expireHolds()
        }
    }

    static func follow(_ plan: PlannedOrder, shopper: Yunying, clock: ManualTime, shop: ShopInfo, customerID: Int64, end: Int64) async throws -> (paid: Bool, refunded: Bool) {
        func at(_ ms: Int64) { clock.set(Instant(millisecondsSinceEpoch: ms)) }
        at(plan.placedAt)
        let order = try await shopper.orders.place(shop, CreateOrder(
            customerId: IDPrefix.customer.format(customerID), lines: plan.lines.map { .init(sku: $0.code, quantity: $0.quantity) },
            couponCode: plan.coupon))
        let id = IDPrefix.order.format(order.id)
        guard let delay = plan.paidAfter else { return (false, false) }
        let paidAt = plan.placedAt + delay * 1000
        at(paidAt)
        _ = try await shopper.payments.pay(shop, orderID: id, PayOrder(amount: MoneyInput(amount: order.total.amount, currency: nil)), reference: "sim_\(id)")
        if plan.refunded {
            at(paidAt + 2 * 3_600_000)
            _ = try await shopper.orders.cancel(shop, id: id)
            return (true, true)
        }
        if paidAt + 86_400_000 < end {
            at(paidAt + 86_400_000)
            _ = try await shopper.orders.ship(shop, id: id, ShipOrder(carrier: "SF", trackingNumber: "SF\(order.id)"))
            if paidAt + 3 * 86_400_000 < end {
                at(paidAt + 3 * 86_400_000)
                _ = try await shopper.orders.deliver(shop, id: id)
            }
        }
        return (true, false)
    }
}
