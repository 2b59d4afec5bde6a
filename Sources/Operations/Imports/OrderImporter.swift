import Commerce
import Persistence

/// What an order import did.
public struct OrderImportReport: Sendable, Equatable {
    /// Data records read (blank lines not counted).
    public var rowsRead = 0
    /// Distinct orders in the file.
    public var orders = 0
    public var imported = 0
    /// Orders imported before (same external id), left as they are.
    public var alreadyPresent = 0
    /// Orders not imported because a row of theirs (or the order as a whole) was bad.
    public var skipped = 0
    /// Records with at least one issue.
    public var badRows = 0
    public var issues = ImportIssues()
    public var placeholderSKUs = 0
    public var customersCreated = 0

    public init() {}
}

/// Imports order history from CSV: streams the file twice (first the order ids, to know where
/// each order ends, since an order's rows need not be adjacent; then the rows), skips any order
/// with a bad row whole, and stores valid orders `batchSize` at a time, each batch one transaction.
/// Re-importing a file adds nothing: orders are keyed by their external id.
public struct OrderImporter: Sendable {
    public static let defaultBatchSize = 500
    let yunying: Yunying
    let batchSize: Int

    public init(_ yunying: Yunying, batchSize: Int = OrderImporter.defaultBatchSize) {
        self.yunying = yunying
        self.batchSize = max(1, batchSize)
    }

    /// Imports `source` into `shop`. `currency` is what the file's amounts are in (the shop's
    /// when nil); anything but the shop's currency is refused, as no exchange rates are applied.
    public func run(
        _ shop: ShopInfo, _ source: ImportSource, format: OrderFileFormat, currency: Currency? = nil,
        progress: (ImportProgress) -> Void = { _ in }
    ) async throws -> OrderImportReport {
        if let currency, currency != shop.currency {
            throw OperationsError.invalid(
                code: "currency_mismatch", field: "currency",
                message: "The shop's currency is \(shop.currency.code), not \(currency.code); Yunying applies no exchange rates, so convert the file first.")
        }
        let dates = ImportDates(timeZoneIdentifier: shop.timeZone)
        switch format {
        case .generic: return try await run(shop, source, GenericOrderRows(currency: shop.currency, dates: dates), progress)
        case .shopify: return try await run(shop, source, ShopifyOrderRows(currency: shop.currency, dates: dates), progress)
        }
    }

    private func run<Format: OrderRowFormat>(
        _ shop: ShopInfo, _ source: ImportSource, _ format: Format, _ progress: (ImportProgress) -> Void
    ) async throws -> OrderImportReport {
        let total = source.byteCount
        var status = ImportProgress(phase: .scanning, rowsRead: 0, stored: 0, bytesRead: 0, totalBytes: total)
        // Pass 1: the last record of every order.
        let scan = try CSVRecordReader(source)
        let missing = format.requiredColumns.filter { scan.columns[$0] == nil }
        guard missing.isEmpty else {
            throw OperationsError.invalid(
                code: "missing_columns", field: "file",
                message: "The header lacks \(missing.joined(separator: ", ")); it has \(scan.header.joined(separator: ", ")).")
        }
        var lastRecord: [String: Int] = [:]
        while let record = try scan.next() {
            if let id = record.value(format.orderColumn) { lastRecord[id] = record.number }
            status.rowsRead = record.number
            status.bytesRead = scan.bytesRead
            progress(status)
        }
        // Pass 2: rows grouped into orders, each finished at its last record.
        var report = OrderImportReport()
        var open: [String: (rows: [Format.Row], bad: Bool)] = [:]
        var batch: [ImportedOrder] = []
        let reader = try CSVRecordReader(source)
        status = ImportProgress(phase: .importing, rowsRead: 0, stored: 0, bytesRead: 0, totalBytes: total)
        while let record = try reader.next() {
            report.rowsRead += 1
            guard let id = record.value(format.orderColumn) else {
                report.badRows += 1
                report.issues.append(ImportIssue(line: record.line, code: "missing_value", message: "\(format.orderColumn) is required"))
                continue
            }
            var group = open.removeValue(forKey: id) ?? ([], false)
            switch format.row(record) {
            case .valid(let row): group.rows.append(row)
            case .invalid(let issues):
                report.badRows += 1
                report.issues.append(contentsOf: issues)
                group.bad = true
            }
            if lastRecord[id] == record.number {
                report.orders += 1
                if group.bad {
                    report.skipped += 1
                } else {
                    switch format.order(id, rows: group.rows) {
                    case .valid(let order): batch.append(order)
                    case .invalid(let issues):
                        report.skipped += 1
                        report.issues.append(contentsOf: issues)
                    }
                }
                if batch.count >= batchSize { try await store(&batch, shop, &report) }
            } else {
                open[id] = group
            }
            status.rowsRead = report.rowsRead
            status.stored = report.imported
            status.bytesRead = reader.bytesRead
            progress(status)
        }
        try await store(&batch, shop, &report)
        status.stored = report.imported
        progress(status)
        report.issues.sortByLine()
        return report
    }

    private func store(_ batch: inout [ImportedOrder], _ shop: ShopInfo, _ report: inout OrderImportReport) async throws {
        guard !batch.isEmpty else { return }
        let counts = try await yunying.store.importOrders(shop.id, batch, currency: shop.currency, now: yunying.time.now())
        report.imported += counts.imported
        report.alreadyPresent += counts.existing
        report.placeholderSKUs += counts.placeholderSKUs
        report.customersCreated += counts.customersCreated
        batch.removeAll(keepingCapacity: true)
    }
}
