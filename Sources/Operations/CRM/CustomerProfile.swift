import Commerce
import Foundation
import Insights
import Persistence

extension AnalyticsService {
    /// One customer seen whole (客户画像): orders, spend, AOV, first and last order, acquisition
    /// channel, tier and points, RFM, lifecycle and intent, the saved segments they are in, and
    /// their latest storefront events.
    public func profile(_ shop: ShopInfo, customer id: String) async throws -> ReportValue {
        guard let customerID = IDPrefix.customer.parse(id), try await store.customer(shop.id, id: customerID) != nil else {
            throw OperationsError.notFound(entity: "customer", id: id)
        }
        let now = time.now()
        let (table, directory) = try await customerTable(shop, asOf: now)
        guard let row = table.row(ofCustomer: customerID) else { throw OperationsError.notFound(entity: "customer", id: id) }
        var segments: [ReportValue] = []
        var page = PageRequest(limit: 100)
        while true {
            let batch = try await store.segments(shop.id, page: page)
            for segment in batch.items {
                guard let rules = try? SegmentRule.parse(json: segment.rules), rules.matches(row: row, in: table) else { continue }
                segments.append(.object([("id", .string(IDPrefix.segment.format(segment.id))), ("name", .string(segment.name))]))
            }
            guard batch.hasMore, let last = batch.items.last else { break }
            page.startingAfter = last.id
        }
        let currency = shop.currency.code
        func instant(_ ms: Int64) -> ReportValue { ms < 0 ? .null : .string(Instant(millisecondsSinceEpoch: ms).iso8601) }
        var rfm = ReportValue.null
        if table.r[row] != 0 {
            let segment: ReportValue = table.segment(ofRow: row).map { .string($0.rawValue) } ?? .null
            rfm = .object([("r", .int(Int(table.r[row]))), ("f", .int(Int(table.f[row]))), ("m", .int(Int(table.m[row]))), ("segment", segment)])
        }
        let channel: ReportValue = table.channel(ofRow: row).map { .string($0) } ?? .null
        let categories: [ReportValue] = table.categories(ofRow: row).map { .string(IDPrefix.category.format(Int64($0))) }
        let events = try await recentEvents(shop, customerID: customerID)
        let members: [(String, ReportValue)] = [
            ("customer_id", .string(id)),
            ("orders", .int(Int(table.orders[row]))), ("spend", .money(table.spend[row], currency)), ("aov", .money(table.aov[row], currency)),
            ("first_order_at", instant(table.firstOrderAt[row])), ("last_order_at", instant(table.lastOrderAt[row])),
            ("acquisition_channel", channel),
            ("tier", .int(directory[row].tier)), ("points", .int(Int(directory[row].points))),
            ("rfm", rfm), ("lifecycle", .string(table.lifecycleStage(ofRow: row).rawValue)),
            ("intent", .string(table.purchaseIntent(ofRow: row).rawValue)),
            ("views_7d", .int(Int(table.views7d[row]))), ("carts_7d", .int(Int(table.carts7d[row]))),
            ("categories", .array(categories)), ("segments", .array(segments)), ("recent_events", .array(events)),
        ]
        return .object(members)
    }

    /// The person's last 20 events, newest first.
    func recentEvents(_ shop: ShopInfo, customerID: Int64) async throws -> [ReportValue] {
        let frame = try await caches.frame(shop.id, store: store)
        guard let person = frame.person(ofCustomer: customerID) else { return [] }
        let events = frame.events(of: Int(person))
        return events.reversed().prefix(20).map { e -> ReportValue in
            let type: ReportValue = frame.typeName(frame.type[e]).map { .string($0) } ?? .null
            let sku: ReportValue = frame.sku[e] == 0 ? .null : .int(Int(frame.sku[e]))
            return .object([("type", type), ("at", .string(Instant(millisecondsSinceEpoch: frame.time[e]).iso8601)), ("sku_id", sku)])
        }
    }
}
