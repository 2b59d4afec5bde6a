import Commerce
import Foundation
import Insights
import Operations
import Persistence

/// A simulated step the shop refused, which the simulation's own rules should have prevented.
public enum SimulationError: Error {
    case paymentRefused(String)
    /// Some of a day's events were taken for duplicates (their ids repeated).
    case eventsNotStored(day: Int)
}

/// Runs a shop for `config.days` days through the real use cases: storefront events go to the
/// store's event API in bulk (valid by construction, classified by the shop's channel rules),
/// every order is priced and placed by `OrderService`, paid by `PaymentService`, shipped,
/// delivered, cancelled with a refund, or left unpaid for the hold sweep to cancel.
public struct Simulator: Sendable {
    /// Concurrent shoppers placing a day's orders (group commit makes them cheap together).
    static let workers = 96
    /// Days whose orders may still be placing while the next day is planned and written.
    static let daysInFlight = 0

    let yunying: Yunying
    let shop: ShopInfo
    let config: SimulationConfig

    public init(yunying: Yunying, shop: ShopInfo, config: SimulationConfig) {
        self.yunying = yunying
        self.shop = shop
        self.config = config
    }

    public func run(progress: (SimulationProgress) -> Void = { _ in }) async throws -> SimulationSummary {
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
        // Days in order: the storefront's events and ad spend are written, then the day's orders
        // are placed by concurrent shoppers while the next days are planned (at most two days in
        // flight). Opening stock covers any week; each week's demand is received when it is known.
        var orders: [PlannedOrder] = []
        var week: [PlannedOrder] = []
        var flashCustomers = customers
        try await withThrowingTaskGroup(of: (placed: Int, paid: Int, refunded: Int).self) { group in
            var inFlight = 0
            func count(_ outcome: (placed: Int, paid: Int, refunded: Int)) {
                summary.orders += outcome.placed
                summary.paidOrders += outcome.paid
                summary.unpaidOrders += outcome.placed - outcome.paid
                summary.refundedOrders += outcome.refunded
            }
            let experimentDay = SimulatedExperiment.startDay(days: config.days)
            let campaignDay = SimulatedCampaign.launchDay(days: config.days)
            for day in 0..<config.days {
                var dayRandom = SimulationRandom(seed: config.seed, stream: UInt64(day + 1))
                if day == experimentDay { try await SimulatedExperiment.launch(yunying, shop: shop, at: dayStarts[day]) }
                if day == campaignDay {
                    let reached = try await SimulatedCampaign.launch(yunying, shop: shop, at: dayStarts[day])
                    let index = Dictionary(uniqueKeysWithValues: setup.customers.enumerated().map { ($1, $0) })
                    customers.setBoost(Set(reached.compactMap { index[$0] }), factor: SimulatedCampaign.comeback)
                } else if let campaignDay, day == campaignDay + SimulatedCampaign.lastingDays {
                    customers.setBoost([], factor: 1)
                }
                var planner = DayPlanner(
                    dayStart: dayStarts[day], traffic: Self.traffic(day: day, firstDay: firstDay, peakDay: peakDay, days: config.days),
                    skus: setup.skus, skuWeights: setup.popularity.cumulative, classifier: classifier, sessionsPerDay: config.sessionsPerDay)
                if day >= experimentDay { planner.experiment = SimulatedExperiment() }
                let plan = planner.plan(day: day, customers: &customers, customerIDs: setup.customers, random: &dayRandom)
                for start in stride(from: 0, to: plan.events.count, by: 10_000) {
                    let chunk = Array(plan.events[start..<min(plan.events.count, start + 10_000)])
                    let stored = try await yunying.store.appendEvents(shop.id, chunk, receivedAt: Instant(millisecondsSinceEpoch: end))
                    guard stored.allSatisfy({ $0 }) else { throw SimulationError.eventsNotStored(day: day) }
                }
                summary.events += plan.events.count
                summary.sessions += plan.sessions
                orders += plan.orders
                week += plan.orders
                if day == peakDay { flashCustomers = customers }
                try await recordAdSpend(day: firstDay + Int32(day), calendar: calendar, sessions: plan.events, random: &dayRandom)
                let dayOrders = plan.orders
                group.addTask { try await execute(dayOrders, customerIDs: setup.customers, end: end) }
                inFlight += 1
                if inFlight > Self.daysInFlight, let outcome = try await group.next() {
                    count(outcome)
                    inFlight -= 1
                }
                if day % 7 == 6 || day == config.days - 1 {
                    try await receive(week, at: dayStarts[day + 1])
                    week = []
                }
                progress(SimulationProgress(day: day + 1, days: config.days, summary: summary))
            }
            for try await outcome in group { count(outcome) }
        }
        try await sweepHolds(after: orders)
        var flashRandom = SimulationRandom(seed: config.seed, stream: 0xF1A5)
        summary.flashOrders = try await flashSale(
            setup.flashPromotion, at: dayStarts[peakDay] + 20 * 3_600_000, customers: flashCustomers, ids: setup.customers, random: &flashRandom)
        summary.orders += summary.flashOrders
        summary.paidOrders += summary.flashOrders
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
        func place(coupon: String?) async throws -> Order {
            try await shopper.orders.place(shop, CreateOrder(
                customerId: IDPrefix.customer.format(customerID), lines: plan.lines.map { .init(sku: $0.code, quantity: $0.quantity) },
                couponCode: coupon, sessionID: plan.session, anonymousID: plan.anonymous))
        }
        let order: Order
        do {
            order = try await place(coupon: plan.coupon)
        } catch let error as any CodedError where plan.coupon != nil && error.field == "coupon_code" {
            order = try await place(coupon: nil)  // like a shopper told the coupon does not apply
        }
        let id = IDPrefix.order.format(order.id)
        guard let delay = plan.paidAfter else { return (false, false) }
        let paidAt = plan.placedAt + delay * 1000
        at(paidAt)
        // The payment goes to the store with the payment rule, like a gateway callback would.
        let outcome = try await shopper.store.receivePayment(
            shop.id, IncomingPayment(orderID: order.id, amount: order.total, source: "simulator", reference: "sim_\(id)",
                                     receivedAt: Instant(millisecondsSinceEpoch: paidAt), captured: false),
            decide: PaymentService.decide(amount: order.total))
        guard case .applied = outcome else { throw SimulationError.paymentRefused(id) }
        if plan.refunded {
            at(paidAt + 2 * 3_600_000)
            _ = try await shopper.orders.cancel(shop, id: id)
            return (true, true)
        }
        // Shipping and delivery go straight to the store after the state machine's check: the
        // shopper knows the order's state, so the use case's read before each change is skipped.
        if paidAt + 86_400_000 < end {
            _ = try OrderStateMachine.next(from: .paid, on: .ship)
            _ = try await shopper.store.shipOrder(
                shop.id, id: order.id, shipment: Shipment(carrier: "SF", trackingNumber: "SF\(order.id)"),
                now: Instant(millisecondsSinceEpoch: paidAt + 86_400_000))
            if paidAt + 3 * 86_400_000 < end {
                let delivered = try OrderStateMachine.next(from: .shipped, on: .deliver)
                _ = try await shopper.store.setOrderStatus(
                    shop.id, id: order.id, from: .shipped, to: delivered, now: Instant(millisecondsSinceEpoch: paidAt + 3 * 86_400_000))
            }
        }
        return (true, false)
    }
}
