import Commerce
import Foundation
import Insights
import Operations
import Persistence

extension Simulator {
    /// The big sale day: 11.11 or 6.18 when the window holds one, else two thirds of the way in.
    static func peakDay(firstDay: Int32, days: Int) -> Int {
        for day in 0..<days {
            let label = ShopCalendar.label(firstDay + Int32(day), .day)
            if label.hasSuffix("-11-11") || label.hasSuffix("-06-18") { return day }
        }
        return days * 2 / 3
    }

    /// Traffic of a day relative to an ordinary weekday: weekends, a slow upward trend, the peak.
    static func traffic(day: Int, firstDay: Int32, peakDay: Int, days: Int) -> Double {
        let weekday = (Int(firstDay) + day + 3) % 7  // 0 = Monday (1970-01-01 was a Thursday)
        var factor = (weekday >= 5 ? 1.2 : 1.0) * (1 + 0.003 * Double(day))
        switch day - peakDay {
        case 0: factor *= 3.5
        case -1: factor *= 1.4
        case 1: factor *= 1.6
        default: break
        }
        return factor
    }

    /// Returning customers rush the flash sale one after another (so who wins is the same every run).
    func flashSale(_ promotion: String, at start: Int64, customers: DayPlanner.Customers, ids: [Int64], random: inout SimulationRandom) async throws -> Int {
        let clock = ManualTime(Instant(millisecondsSinceEpoch: start))
        let shopper = Yunying(store: yunying.store, time: clock)
        var sold = 0
        var tried = Set<Int>()
        for attempt in 0..<350 {
            guard let customer = customers.returning(&random), tried.insert(customer).inserted else { continue }
            clock.set(Instant(millisecondsSinceEpoch: start + Int64(attempt) * 200))
            let order: Order
            do {
                order = try await shopper.orders.placeFlash(shop, promotionID: promotion) {
                    FlashOrder(customerId: IDPrefix.customer.format(ids[customer]), sessionID: "flash-\(customer)", anonymousID: "c\(customer)-app")
                }
            } catch let error as any CodedError where error.kind == .conflict || error.kind == .invalid {
                continue  // sold out, or this customer's limit
            }
            clock.set(Instant(millisecondsSinceEpoch: start + Int64(attempt) * 200 + 90_000))
            _ = try await shopper.payments.pay(
                shop, orderID: IDPrefix.order.format(order.id), PayOrder(amount: MoneyInput(amount: order.total.amount, currency: nil)),
                reference: "sim_flash_\(order.id)")
            sold += 1
        }
        return sold
    }

    /// The day's paid traffic cost: sessions landing from each paid channel and campaign.
    func recordAdSpend(day: Int32, calendar: ShopCalendar, sessions events: [EventRecord], random: inout SimulationRandom) async throws {
        struct Key: Hashable { let channel: String, campaign: String }
        var landings: [Key: Int64] = [:]
        for event in events where event.utmCampaign != nil {
            landings[Key(channel: event.channel, campaign: event.utmCampaign!), default: 0] += 1
        }
        let costs = Dictionary(uniqueKeysWithValues: ShopBlueprint.channels.map { ($0.channel.name, $0.costPerSession) })
        let label = calendar.label(day, .day)
        let rows = landings.sorted { ($0.key.channel, $0.key.campaign) < ($1.key.channel, $1.key.campaign) }.map { key, sessions in
            let clicks = sessions + Int64(random.below(Int(sessions / 10 + 1)))
            return AdSpendRecord(
                day: label, channel: key.channel, campaign: key.campaign, spend: clicks * (costs[key.channel] ?? 0),
                impressions: clicks * Int64(random.between(25...60)), clicks: clicks)
        }
        try await yunying.analytics.recordAdSpend(shop, rows)
    }

    /// A week's receipt: what that week's orders take of each SKU, received at the week's end.
    func receive(_ orders: [PlannedOrder], at time: Int64) async throws {
        var units: [String: Int64] = [:]
        for order in orders {
            for line in order.lines { units[line.code, default: 0] += line.quantity }
        }
        let warehouse = Yunying(store: yunying.store, time: ManualTime(Instant(millisecondsSinceEpoch: time)))
        for (code, count) in units.sorted(by: { $0.key < $1.key }) {
            _ = try await warehouse.inventory.adjust(shop, AdjustStock(sku: code, delta: count, reason: "receipt", note: "weekly replenishment"))
        }
    }
}
