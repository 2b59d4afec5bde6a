import Commerce
import Insights
import Persistence

/// What an ad spend import did.
public struct AdSpendImportReport: Sendable, Equatable {
    public var rowsRead = 0
    /// Rows written (inserted, or replacing the row of the same date, channel and campaign).
    public var stored = 0
    public var issues = ImportIssues()

    public init() {}
}

/// Imports daily ad spend from CSV (`date, channel, campaign, spend, impressions, clicks`;
/// `spend` in decimal major units of the shop's currency, `impressions` and `clicks` default 0)
/// through `AnalyticsService.recordAdSpend`, which upserts by date, channel and campaign.
/// Bad rows are reported with their lines; the others are stored.
public struct AdSpendImporter: Sendable {
    public static let batchSize = 1000
    public static let requiredColumns = ["date", "channel", "campaign", "spend"]
    let yunying: Yunying

    public init(_ yunying: Yunying) {
        self.yunying = yunying
    }

    public func run(_ shop: ShopInfo, _ source: ImportSource, progress: (ImportProgress) -> Void = { _ in }) async throws -> AdSpendImportReport {
        let reader = try CSVRecordReader(source)
        let missing = Self.requiredColumns.filter { reader.columns[$0] == nil }
        guard missing.isEmpty else {
            throw OperationsError.invalid(
                code: "missing_columns", field: "file",
                message: "The header lacks \(missing.joined(separator: ", ")); it has \(reader.header.joined(separator: ", ")).")
        }
        let dates = ImportDates(timeZoneIdentifier: shop.timeZone)
        var report = AdSpendImportReport()
        var status = ImportProgress(phase: .importing, rowsRead: 0, stored: 0, bytesRead: 0, totalBytes: source.byteCount)
        var batch: [AdSpendRecord] = []
        while let record = try reader.next() {
            report.rowsRead += 1
            switch Self.row(record, currency: shop.currency, dates: dates) {
            case .valid(let row): batch.append(row)
            case .invalid(let issues): report.issues.append(contentsOf: issues)
            }
            if batch.count >= Self.batchSize {
                try await yunying.analytics.recordAdSpend(shop, batch)
                report.stored += batch.count
                batch.removeAll(keepingCapacity: true)
            }
            status.rowsRead = report.rowsRead
            status.stored = report.stored
            status.bytesRead = reader.bytesRead
            progress(status)
        }
        if !batch.isEmpty {
            try await yunying.analytics.recordAdSpend(shop, batch)
            report.stored += batch.count
        }
        status.stored = report.stored
        progress(status)
        return report
    }

    /// One validated row, or its issues (the same checks `recordAdSpend` makes, per line).
    static func row(_ record: CSVRecord, currency: Currency, dates: ImportDates) -> Checked<AdSpendRecord> {
        var fields = RowFields(record, currency: currency, dates: dates)
        let day = fields.required("date")
        if let day, ReportPeriod.day(day) == nil { fields.fail("invalid_date", "date must look like 2026-11-01") }
        let channel = fields.required("channel")?.lowercased()
        if let channel, Channel(name: channel) == nil {
            fields.fail("invalid_channel", "channel must be one of \(Channel.allCases.map(\.name).joined(separator: ", "))")
        }
        let campaign = fields.required("campaign")
        if let campaign, campaign.count > 200 { fields.fail("invalid_value", "campaign must have at most 200 characters") }
        let spend = fields.required("spend") != nil ? fields.money("spend") : nil
        let impressions = fields.wholeNumber("impressions", positive: false) ?? 0
        let clicks = fields.wholeNumber("clicks", positive: false) ?? 0
        guard fields.issues.isEmpty, let day, let channel, let campaign, let spend else { return .invalid(fields.issues) }
        return .valid(AdSpendRecord(day: day, channel: channel, campaign: campaign, spend: spend, impressions: impressions, clicks: clicks))
    }
}
