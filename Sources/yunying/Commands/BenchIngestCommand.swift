import ArgumentParser
import Commerce
import Foundation
import Operations
import Persistence
import WebServer

/// `yunying bench ingest`: event ingestion in-process, stage by stage, against Foundation's
/// JSONDecoder decoding the same events into a plain Codable struct (the reference).
struct BenchIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Event ingestion rate in-process, by stage.")

    @Option(help: "Batches of 1,000 events.") var batches: Int = 200
    @Option(help: "Concurrent callers for the full ingest.") var concurrency: Int = 2
    @Option(help: "Write one sample batch body to this file (for scripts/bench-ingest.sh) and exit.") var sample: String?

    /// The plain struct the reference decodes: the same fields, no validation.
    struct PlainEvent: Decodable {
        var id: String?, type: String?, timestamp: String?, anonymous_id: String?, customer_id: String?, session_id: String?
        var url: String?, referrer: String?, utm_source: String?, utm_medium: String?, utm_campaign: String?, device: String?
        var sku: String?, order_id: String?, value: Int64?, properties: [String: String]?
    }

    struct PlainBatch: Decodable { var events: [PlainEvent] }

    func run() async throws {
        if let sample {
            try Data(Self.batchBody(seed: 0, skus: 50).utf8).write(to: URL(fileURLWithPath: sample))
            return
        }
        let bodies = (0..<batches).map { Data(Self.batchBody(seed: $0, skus: 50).utf8) }
        let events = Double(batches * 1000)

        var start = ContinuousClock.now
        for body in bodies { _ = try JSONDecoder().decode(PlainBatch.self, from: body) }
        let reference = events / (ContinuousClock.now - start).seconds

        start = ContinuousClock.now
        for body in bodies { _ = try Self.read(body) }
        let decode = events / (ContinuousClock.now - start).seconds

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (yunying, shop) = try await Yunying.openSQLite(path: directory.appendingPathComponent("bench.sqlite").path)
        for index in 0..<50 {
            _ = try await yunying.catalog.createProduct(shop, CreateProduct(
                title: "Item \(index)", skus: [CreateSKU(code: "SKU-\(index)", price: MoneyInput(amount: 1999, currency: nil))]))
        }
        let storeOnly = try await Self.storeOnly(yunying, shop, count: Int(events))
        let single = try await Self.ingest(yunying, shop, bodies, callers: 1)
        let concurrent = try await Self.ingest(yunying, shop, bodies.map { Self.renumbered($0) }, callers: concurrency)
        say(String(format: "reference: JSONDecoder into a plain Codable struct = %.0f events/s (one core)", reference))
        say(String(format: "read events (EventJSONReader, per-event errors) = %.0f events/s (one core)", decode))
        say(String(format: "store only (validated rows, batches of 1,000) = %.0f events/s", storeOnly))
        say(String(format: "ingest (read + validate + store, 1 caller) = %.0f events/s, all durable", single))
        say(String(format: "ingest (read + validate + store, %d callers) = %.0f events/s, all durable", concurrency, concurrent))
    }

    /// Ingests every body with `callers` concurrent callers; events per second, all accepted.
    static func ingest(_ yunying: Yunying, _ shop: ShopInfo, _ bodies: [Data], callers: Int) async throws -> Double {
        let start = ContinuousClock.now
        let next = Counter()
        let accepted = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    var accepted = 0
                    while let index = await next.take(below: bodies.count) {
                        accepted += try await yunying.events.ingest(shop, try read(bodies[index])).accepted
                    }
                    return accepted
                }
            }
            return try await group.reduce(0, +)
        }
        guard accepted == bodies.count * 1000 else { throw ValidationError("only \(accepted) of \(bodies.count * 1000) events were accepted") }
        return Double(accepted) / (ContinuousClock.now - start).seconds
    }

    /// Appends already validated records straight to the store, 1,000 per call.
    static func storeOnly(_ yunying: Yunying, _ shop: ShopInfo, count: Int) async throws -> Double {
        let records = (0..<count).map { index in
            EventRecord(
                uid: withUnsafeBytes(of: UUID().uuid) { Array($0) }, type: "page_view", timestamp: Instant(millisecondsSinceEpoch: 1_790_000_000_000),
                anonymousID: "anon-\(index / 7)", sessionID: "s-\(index / 7)", channel: "paid_search", device: "mobile",
                url: "https://shop.example/p/\(index % 97)", referrer: "https://www.baidu.com/s?wd=x", utmSource: "baidu",
                utmMedium: "cpc", utmCampaign: "double11", properties: #"{"page":"detail"}"#)
        }
        let start = ContinuousClock.now
        for offset in stride(from: 0, to: count, by: 1000) {
            _ = try await yunying.store.appendEvents(shop.id, Array(records[offset..<min(count, offset + 1000)]), receivedAt: Instant(millisecondsSinceEpoch: 1_790_000_000_000))
        }
        return Double(count) / (ContinuousClock.now - start).seconds
    }

    /// The same events with new ids (the `-0000-` group of every id becomes `-1111-`).
    static func renumbered(_ body: Data) -> Data {
        Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "-0000-4000-", with: "-1111-4000-").utf8)
    }

    static func read(_ body: Data) throws -> [EventInput] {
        try body.withUnsafeBytes { bytes in try EventJSONReader.batch(bytes) }
    }

    /// A body of 1,000 storefront events, unique ids per seed.
    static func batchBody(seed: Int, skus: Int) -> String {
        let types = ["page_view", "page_view", "product_view", "search", "add_to_cart", "checkout_start", "page_view", "product_view"]
        var parts: [String] = []
        parts.reserveCapacity(1000)
        for index in 0..<1000 {
            let visitor = (seed * 1000 + index) / 7
            let type = types[index % types.count]
            let sku = type == "product_view" || type == "add_to_cart" ? #","sku":"SKU-\#(index % skus)""# : ""
            let id = "\(hex(seed, 8))-0000-4000-8000-\(hex(index, 12))"
            parts.append(#"""
                {"id":"\#(id)","type":"\#(type)","timestamp":"2026-11-20T08:\#(index % 50 + 10):00Z","anonymous_id":"anon-\#(visitor)","session_id":"s-\#(visitor)","url":"https://shop.example/p/\#(index % 97)","referrer":"https://www.baidu.com/s?wd=x","utm_source":"baidu","utm_medium":"cpc","utm_campaign":"double11","device":"mobile"\#(sku),"properties":{"page":"detail"}}
                """#)
        }
        return #"{"events":["# + parts.joined(separator: ",") + "]}"
    }

    static func hex(_ value: Int, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Hands out indexes to concurrent workers.
actor Counter {
    private var value = 0
    func take(below limit: Int) -> Int? {
        guard value < limit else { return nil }
        defer { value += 1 }
        return value
    }
}
