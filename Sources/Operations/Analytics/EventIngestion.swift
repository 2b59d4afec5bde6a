import Commerce
import Foundation
import Insights
import Persistence

/// What a batch of events came to.
public struct IngestResult: Sendable, Equatable {
    public var accepted: Int
    public var duplicates: Int
    public var rejected: [EventRejection]
}

/// Use cases of tracking: storing events from storefronts, and the shop's channel rules.
public struct EventIngestion: Sendable {
    public static let maxBatch = 10_000
    let store: any Store
    let time: any TimeSource
    let caches: AnalyticsCaches

    /// Validates every event and stores the valid ones not seen before, in one transaction.
    public func ingest(_ shop: ShopInfo, _ inputs: [EventInput]) async throws -> IngestResult {
        guard inputs.count <= Self.maxBatch else {
            throw OperationsError.invalid(code: "batch_too_large", field: "events", message: "At most \(Self.maxBatch) events per request.")
        }
        let validation = EventValidation(
            now: time.now(), channels: ChannelRules.Classifier(try await channelRules(shop)),
            skuIDs: try await caches.skuIDs(shop.id, codes: Set(inputs.compactMap(\.sku)), store: store))
        var records: [EventRecord] = []
        records.reserveCapacity(inputs.count)
        var rejected: [EventRejection] = []
        for (index, input) in inputs.enumerated() {
            switch validation.record(input) {
            case .success(let record): records.append(record)
            case .failure(var rejection):
                rejection.index = index
                rejected.append(rejection)
            }
        }
        let inserted = records.isEmpty ? [] : try await store.appendEvents(shop.id, records, receivedAt: validation.now)
        let accepted = inserted.reduce(0) { $0 + ($1 ? 1 : 0) }
        return IngestResult(accepted: accepted, duplicates: records.count - accepted, rejected: rejected)
    }

    /// The shop's channel rules (the defaults until changed).
    public func channelRules(_ shop: ShopInfo) async throws -> ChannelRules {
        if let cached = await caches.channelRules(shop.id) { return cached }
        var rules = ChannelRules()
        if let text = try await store.setting(shop.id, key: "channel_rules"),
           let stored = try? JSONDecoder().decode(ChannelRules.self, from: Data(text.utf8)) {
            rules = stored
        }
        await caches.setChannelRules(rules, for: shop.id)
        return rules
    }

    /// Replaces the shop's channel rules; they apply to events ingested from now on.
    public func setChannelRules(_ shop: ShopInfo, _ rules: ChannelRules) async throws {
        if let unknown = rules.unknownChannelNames.first {
            throw OperationsError.invalid(
                code: "invalid_channel", field: "named_sources",
                message: "\(unknown) is not a channel; use one of \(Channel.allCases.map(\.name).joined(separator: ", ")).")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await store.setSetting(shop.id, key: "channel_rules", value: String(decoding: try encoder.encode(rules), as: UTF8.self))
        await caches.setChannelRules(rules, for: shop.id)
    }
}
