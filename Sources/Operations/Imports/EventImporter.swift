import Crypto
import Foundation
import Persistence

/// What an event import did.
public struct EventImportReport: Sendable, Equatable {
    public var rowsRead = 0
    public var accepted = 0
    /// Events stored before (same id), not stored again.
    public var duplicates = 0
    /// Rows refused by the events API's validation, with their lines.
    public var issues = ImportIssues()

    public init() {}
}

/// Imports events from CSV through `EventIngestion.ingest`, the same validation as the events
/// API, at most `EventIngestion.maxBatch` events per call. Columns are the API's fields; any may
/// be missing except `type` and one identity column. An empty `id` becomes a UUID derived from
/// the file name and the record's line, so importing the same file again stores nothing new.
public struct EventImporter: Sendable {
    public static let columns = [
        "id", "type", "timestamp", "anonymous_id", "customer_id", "session_id", "url", "referrer",
        "utm_source", "utm_medium", "utm_campaign", "device", "sku", "order_id", "value", "properties",
    ]
    let yunying: Yunying
    let batchSize: Int

    public init(_ yunying: Yunying, batchSize: Int = EventIngestion.maxBatch) {
        self.yunying = yunying
        self.batchSize = min(max(1, batchSize), EventIngestion.maxBatch)
    }

    public func run(_ shop: ShopInfo, _ source: ImportSource, progress: (ImportProgress) -> Void = { _ in }) async throws -> EventImportReport {
        let reader = try CSVRecordReader(source)
        guard reader.columns["type"] != nil, reader.columns["anonymous_id"] != nil || reader.columns["customer_id"] != nil else {
            throw OperationsError.invalid(
                code: "missing_columns", field: "file",
                message: "An events file needs a type column and an anonymous_id or customer_id column; it has \(reader.header.joined(separator: ", ")).")
        }
        var report = EventImportReport()
        var status = ImportProgress(phase: .importing, rowsRead: 0, stored: 0, bytesRead: 0, totalBytes: source.byteCount)
        var batch: [EventInput] = [], lines: [Int] = []
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let result = try await yunying.events.ingest(shop, batch)
            report.accepted += result.accepted
            report.duplicates += result.duplicates
            for rejection in result.rejected {
                report.issues.append(ImportIssue(line: lines[rejection.index], code: rejection.code, message: rejection.message))
            }
            batch.removeAll(keepingCapacity: true)
            lines.removeAll(keepingCapacity: true)
        }
        while let record = try reader.next() {
            report.rowsRead += 1
            batch.append(Self.input(record, fileName: source.name))
            lines.append(record.line)
            if batch.count >= batchSize { try await flush() }
            status.rowsRead = report.rowsRead
            status.stored = report.accepted
            status.bytesRead = reader.bytesRead
            progress(status)
        }
        try await flush()
        status.stored = report.accepted
        progress(status)
        report.issues.sortByLine()
        return report
    }

    /// The event a record describes; unreadable `value` or `properties` become a `malformed` mark.
    static func input(_ record: CSVRecord, fileName: String) -> EventInput {
        var input = EventInput(
            id: record.value("id") ?? derivedID(fileName: fileName, line: record.line), type: record.value("type"),
            timestamp: record.value("timestamp"), anonymousID: record.value("anonymous_id"), customerID: record.value("customer_id"),
            sessionID: record.value("session_id"), url: record.value("url"), referrer: record.value("referrer"),
            utmSource: record.value("utm_source"), utmMedium: record.value("utm_medium"), utmCampaign: record.value("utm_campaign"),
            device: record.value("device"), sku: record.value("sku"), orderID: record.value("order_id"),
            properties: record.value("properties"))
        if let text = record.value("value") {
            if let value = Int64(text) { input.value = value } else { input.malformed = ("value", "value must be a whole number.") }
        }
        if let text = input.properties, input.malformed == nil,
           (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] == nil {
            input.malformed = ("properties", "properties must be a JSON object.")
        }
        return input
    }

    /// A name-based UUID (version 5 layout, SHA-256) of the file name and line.
    static func derivedID(fileName: String, line: Int) -> String {
        var bytes = Array(SHA256.hash(data: Data("yunying-import-event:\(fileName):\(line)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return uuid.uuidString.lowercased()
    }
}
