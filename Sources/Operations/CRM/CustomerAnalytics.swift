import Commerce
import Foundation
import Insights
import Persistence

extension AnalyticsService {
    /// The shop's customers as of `asOf`, columnar: orders, spend, RFM, lifecycle, intent,
    /// categories bought, recent behaviour, tier and points (rules: docs/crm.md).
    /// Without `behaviour`, storefront events are not read: intent is `none` and views and carts 0.
    func customerTable(_ shop: ShopInfo, asOf: Instant, behaviour: Bool = true) async throws -> (table: CustomerTable, directory: [CustomerDirectoryEntry]) {
        let data = try await sources(shop, reading: .ordersAndLines, events: behaviour)
        async let directoryRead = store.customerDirectory(shop.id)
        async let skusRead = store.skuDirectory(shop.id)
        async let settingsRead = CRMSettings.load(store, shop.id)
        let directory = try await directoryRead, settings = try await settingsRead
        var categoryOfSKU: [Int32: Int32] = [:]
        for sku in try await skusRead { if let category = sku.categoryID { categoryOfSKU[Int32(sku.id)] = Int32(category) } }
        var table = CustomerTable(
            customers: directory.map(\.id), acquisitionChannel: directory.map(\.acquisitionChannel), orders: data.orders, frame: behaviour ? data.frame : nil,
            categoryOfSKU: categoryOfSKU, asOf: asOf.millisecondsSinceEpoch, calendar: data.calendar, rules: settings.lifecycle,
            rfm: RFMQuery(asOf: asOf.millisecondsSinceEpoch, calendar: data.calendar))
        table.tier = directory.map { UInt8(clamping: $0.tier) }
        table.points = directory.map(\.points)
        return (table, directory)
    }

    /// `rfm`: one row per customer with a paid order in the `window_days` (default 365) ending
    /// on `as_of` (a local date, default today): recency in days, frequency, monetary (minor
    /// units, net of refunds), the 1–5 scores and the segment.
    func rfm(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        let data = try await sources(shop, reading: .orders, events: false)
        let asOf = try Self.asOf(parameters, calendar: data.calendar, now: time.now())
        let window = try parameters.integer("window_days", default: 365, range: 1...3650)
        let rows = RFMQuery(asOf: asOf.millisecondsSinceEpoch, windowDays: window, calendar: data.calendar).run(data.orders)
        let columns = RFMRow.csvHeader.split(separator: ",").map(String.init)
        let values: [[ReportValue]] = rows.map { row in
            [.int(Int(row.customerID)), .int(row.recencyDays), .int(row.frequency), .int(Int(row.monetary)),
             .int(row.r), .int(row.f), .int(row.m), .string(row.segment.rawValue)]
        }
        let json = ReportValue.object([
            ("as_of", .string(asOf.iso8601)), ("window_days", .int(window)), ("currency", .string(data.currency)),
            ("customers", .array(values.map { .object(Array(zip(columns, $0))) })),
        ])
        return ReportOutput(json: json, columns: columns, rows: values)
    }

    /// The end of the `as_of` local day (its last millisecond), or now.
    static func asOf(_ parameters: ReportParameters, calendar: ShopCalendar, now: Instant) throws -> Instant {
        guard let day = try parameters.day("as_of") else { return now }
        return Instant(millisecondsSinceEpoch: calendar.start(ofDay: day + 1) - 1)
    }
}
