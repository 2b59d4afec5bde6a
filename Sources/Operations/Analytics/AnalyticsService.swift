import Commerce
import Foundation
import Insights
import Persistence

/// Use cases of analysis: every report (`report NAME` and `/api/v1/reports/NAME`) over the shop's
/// event frame and order facts. Rules: docs/analytics.md.
public struct AnalyticsService: Sendable {
    /// Every report by name, as the CLI and the API name them.
    public static let reportNames = ["kpis", "gmv-change", "funnel", "paths", "retention", "skus", "categories", "channels", "experiment", "rfm"]

    let store: any Store
    let time: any TimeSource
    let caches: AnalyticsCaches

    public func report(_ shop: ShopInfo, name: String, _ parameters: ReportParameters) async throws -> ReportOutput {
        switch name {
        case "kpis": try await kpis(shop, parameters)
        case "gmv-change": try await gmvChange(shop, parameters)
        case "funnel": try await funnel(shop, parameters)
        case "paths": try await paths(shop, parameters)
        case "retention": try await retention(shop, parameters)
        case "skus": try await skus(shop, parameters)
        case "categories": try await categories(shop, parameters)
        case "channels": try await channels(shop, parameters)
        case "experiment": try await experiment(shop, parameters)
        case "rfm": try await rfm(shop, parameters)
        default: throw OperationsError.notFound(entity: "report", id: name)
        }
    }

    /// What every report reads: the frame of all events, all orders, the shop's calendar.
    struct Sources {
        let frame: EventFrame
        let orders: OrderFacts
        let calendar: ShopCalendar
        let currency: String
    }

    /// How much of the order history a report reads.
    enum OrderData {
        case none, orders, ordersAndLines
    }

    /// `events: false` leaves the frame empty (for questions about orders alone).
    func sources(_ shop: ShopInfo, reading wanted: OrderData, events: Bool = true) async throws -> Sources {
        async let frame = events ? caches.frame(shop.id, store: store) : Self.emptyFrame
        let orders = wanted == .none ? OrderFacts() : try await caches.orderFacts(shop.id, withLines: wanted == .ordersAndLines, store: store)
        return Sources(frame: try await frame, orders: orders, calendar: Self.calendar(shop), currency: shop.currency.code)
    }

    static let emptyFrame: EventFrame = {
        var log = EventLog()
        return log.frame()
    }()

    static func calendar(_ shop: ShopInfo) -> ShopCalendar {
        ShopCalendar(timeZone: TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!)
    }

    /// Ad spend rows of the period as Insights reads them.
    func adSpend(_ shop: ShopInfo, _ period: ReportPeriod, _ calendar: ShopCalendar) async throws -> [AdSpend] {
        let from = calendar.label(period.firstDay, .day), to = calendar.label(period.lastDay, .day)
        return try await store.adSpend(shop.id, from: from, to: to).compactMap { row in
            ReportPeriod.day(row.day).map {
                AdSpend(day: $0, channel: row.channel, campaign: row.campaign, spend: row.spend, impressions: row.impressions, clicks: row.clicks)
            }
        }
    }

    /// Stores ad spend rows (API and CSV import); channels must be known channel names.
    public func recordAdSpend(_ shop: ShopInfo, _ rows: [AdSpendRecord]) async throws {
        for (index, row) in rows.enumerated() {
            func invalid(_ field: String, _ message: String) -> OperationsError {
                .invalid(code: "invalid_value", field: "rows[\(index)].\(field)", message: message)
            }
            guard ReportPeriod.day(row.day) != nil else { throw invalid("date", "date must look like 2026-11-01.") }
            guard Channel(name: row.channel) != nil else {
                throw invalid("channel", "channel must be one of \(Channel.allCases.map(\.name).joined(separator: ", ")).")
            }
            guard !row.campaign.isEmpty, row.campaign.count <= 200 else { throw invalid("campaign", "campaign must have 1 to 200 characters.") }
            guard row.spend >= 0 else { throw invalid("spend", "spend must not be negative.") }
            guard row.impressions >= 0 else { throw invalid("impressions", "impressions must not be negative.") }
            guard row.clicks >= 0 else { throw invalid("clicks", "clicks must not be negative.") }
        }
        try await store.upsertAdSpend(shop.id, rows)
    }
}

extension AnalyticsService {
    /// The shop's local date `daysAgo` days before today, as reports take it (`2026-11-01`).
    public func localDay(_ shop: ShopInfo, daysAgo: Int = 0) -> String {
        let calendar = Self.calendar(shop)
        return calendar.label(calendar.dayIndex(time.now().millisecondsSinceEpoch) - Int32(daysAgo), .day)
    }
}

extension AnalyticsService {
    /// The local date `days` after `label` (negative: before); `nil` when `label` is not a date like `2026-11-01`.
    public static func shiftDay(_ label: String, by days: Int) -> String? {
        ReportPeriod.day(label).map { ShopCalendar.label($0 + Int32(days), .day) }
    }
}
