import Foundation
import Testing
@testable import Insights

/// Fixture files of the test bundle (Tests/InsightsTests/Fixtures/DIRECTORY), shared by the
/// loaders of each reference script.
enum FixtureFiles {
    static func url(_ directory: String, _ name: String, _ ext: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/" + directory))
    }

    /// Rows of a plain CSV file (no quoting: rows split on commas) keyed by the header.
    static func csvRows(_ url: URL) throws -> [[String: String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (k, name) in header.enumerated() { row[name] = k < cells.count ? cells[k] : "" }
            return row
        }
    }
}

/// Loads the reference fixtures of `scripts/analytics-reference` (Tests/InsightsTests/Fixtures/analytics).
///
/// The fixture CSVs are plain (no quoting), so rows are split on commas; ids with a type prefix
/// (`c0001`, `o00001`) become their number.
enum AnalyticsFixtures {
    /// URL of a fixture file, e.g. `url("kpis", "json")`.
    static func url(_ name: String, _ ext: String) throws -> URL {
        try FixtureFiles.url("analytics", name, ext)
    }

    /// Rows of a CSV file as dictionaries keyed by the header.
    static func csv(_ name: String) throws -> [[String: String]] {
        try FixtureFiles.csvRows(url(name, "csv"))
    }

    /// JSON fixture as Foundation objects.
    static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url(name, "json")))
    }

    /// The number in a prefixed id (`"c0042"` → 42); nil when empty.
    static func id(_ s: String?) -> Int64? {
        guard let s, !s.isEmpty else { return nil }
        return Int64(s.filter(\.isNumber))
    }

    /// `events.csv` (`seq,timestamp_ms,type,anonymous_id,customer_id,session_id,channel,device,sku`)
    /// appended in seq (arrival) order.
    static func eventLog() throws -> EventLog {
        let rows = try csv("events").sorted { Int($0["seq"]!)! < Int($1["seq"]!)! }
        var log = EventLog()
        for r in rows {
            let anon = r["anonymous_id"].flatMap { $0.isEmpty ? nil : $0 }
            let session = r["session_id"].flatMap { $0.isEmpty ? nil : $0 }
            log.append(TrackedEvent(
                timestamp: Int64(r["timestamp_ms"]!)!, type: r["type"]!, anonymousID: anon,
                customerID: id(r["customer_id"]), sessionID: session,
                channel: Channel(name: r["channel"] ?? "") ?? .direct,
                device: Device(name: r["device"] ?? "") ?? .other,
                skuID: id(r["sku"])))
        }
        return log
    }

    /// `orders.csv` (`order_id,customer_id,placed_at_ms,total,paid_at_ms,refunded,refunded_at_ms`):
    /// one refund per order when `refunded` > 0.
    static func orders() throws -> OrderFacts {
        var facts = OrderFacts()
        for r in try csv("orders") {
            let i = facts.appendOrder(
                id: id(r["order_id"]), customer: id(r["customer_id"]) ?? 0,
                placedAt: Int64(r["placed_at_ms"]!)!, paidAt: r["paid_at_ms"].flatMap { Int64($0) },
                total: Int64(r["total"]!)!)
            if let amount = Int64(r["refunded"] ?? ""), amount > 0, let at = Int64(r["refunded_at_ms"] ?? "") {
                facts.appendRefund(order: i, amount: amount, at: at)
            }
        }
        return facts
    }
}
