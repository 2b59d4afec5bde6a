import Commerce
import Insights
import Persistence

/// In-memory state of analytics shared by its use cases: SKU ids by code, channel rules, and
/// each shop's event log, kept up to date from the store by arrival position.
public actor AnalyticsCaches {
    private var skuIDsByShop: [ShopID: [String: Int64]] = [:]
    private var rulesByShop: [ShopID: ChannelRules] = [:]
    private var logs: [ShopID: LogEntry] = [:]
    private var refreshes: [ShopID: Task<(entry: LogEntry, frame: EventFrame), any Error>] = [:]
    /// Bumped by `forget`, so a catch-up that started before does not store what it read.
    private var generations: [ShopID: Int] = [:]
    /// Rows read from the store per round trip when catching up.
    private let pageSize = 50_000
    /// Each shop's order facts as last read, with the store's orders version they were read at.
    private var orderFacts: [ShopID: (version: Int64, withLines: Bool, facts: OrderFacts)] = [:]

    public init() {}

    func channelRules(_ shop: ShopID) -> ChannelRules? { rulesByShop[shop] }
    func setChannelRules(_ rules: ChannelRules, for shop: ShopID) { rulesByShop[shop] = rules }

    /// Internal ids of SKU codes; unknown codes are absent (and asked again next time).
    func skuIDs(_ shop: ShopID, codes: Set<String>, store: any Store) async throws -> [String: Int64] {
        guard !codes.isEmpty else { return [:] }
        let known = skuIDsByShop[shop, default: [:]]
        let missing = codes.filter { known[$0] == nil }
        if !missing.isEmpty {
            let listings = try await store.skuListings(shop, codes: Array(missing))
            var updated = skuIDsByShop[shop, default: [:]]
            for (code, listing) in listings { updated[code] = listing.sku.id }
            skuIDsByShop[shop] = updated
        }
        let all = skuIDsByShop[shop, default: [:]]
        return codes.reduce(into: [:]) { result, code in result[code] = all[code] }
    }

    /// The shop's orders and refunds (and paid lines when `withLines`), read again from the store
    /// only when its orders version moved. The version is read first, so facts stored with a
    /// version are never older than it.
    func orderFacts(_ shop: ShopID, withLines: Bool, store: any Store) async throws -> OrderFacts {
        let version = try await store.ordersVersion(shop)
        if let cached = orderFacts[shop], cached.version == version, cached.withLines || !withLines { return cached.facts }
        let facts = try await Self.readOrderFacts(shop, withLines: withLines, store: store)
        orderFacts[shop] = (version, withLines, facts)
        return facts
    }

    private static func readOrderFacts(_ shop: ShopID, withLines: Bool, store: any Store) async throws -> OrderFacts {
        var orders = OrderFacts()
        async let facts = store.orderFacts(shop)
        async let refunds = store.refundFacts(shop)
        var index: [Int64: Int32] = [:]
        for fact in try await facts {
            index[fact.orderID] = orders.appendOrder(
                id: fact.orderID, customer: fact.customerID ?? 0, placedAt: fact.placedAt, paidAt: fact.paidAt, total: fact.total)
        }
        for refund in try await refunds {
            if let order = index[refund.orderID] { orders.appendRefund(order: order, amount: refund.amount, at: refund.at) }
        }
        if withLines {
            for line in try await store.paidOrderLines(shop) {
                if let order = index[line.orderID] {
                    orders.appendLine(order: order, sku: Int32(line.skuID), quantity: line.quantity, revenue: line.revenue, cost: line.cost)
                }
            }
        }
        return orders
    }

    /// Drops the shop's event log, so the next frame is read again from the store (after events
    /// were deleted).
    func forget(_ shop: ShopID) {
        logs[shop] = nil
        generations[shop, default: 0] += 1
    }

    /// The shop's event frame with every stored event, reading only what arrived since last time.
    /// Concurrent callers share one catch-up.
    func frame(_ shop: ShopID, store: any Store) async throws -> EventFrame {
        if let running = refreshes[shop] { return try await running.value.frame }
        let entry = logs[shop] ?? LogEntry(log: EventLog(), last: .start)
        let generation = generations[shop, default: 0]
        let pageSize = pageSize
        let task = Task { try await Self.catchUp(entry, shop: shop, store: store, pageSize: pageSize) }
        refreshes[shop] = task
        defer { refreshes[shop] = nil }
        let result = try await task.value
        if generations[shop, default: 0] == generation { logs[shop] = result.entry }
        return result.frame
    }

    /// Appends settled events to the kept log and moves its position past them. Events not settled
    /// yet (PostgreSQL: a transaction older than theirs is still running) count in this frame but
    /// stay out of the log, to be read again — with any late event before them — next time.
    private static func catchUp(_ entry: LogEntry, shop: ShopID, store: any Store, pageSize: Int) async throws -> (entry: LogEntry, frame: EventFrame) {
        var entry = entry
        var read = entry.last
        var pending: [FrameEventRow] = []
        while true {
            let rows = try await store.frameEvents(shop, after: read, limit: pageSize)
            for row in rows {
                if row.settled && pending.isEmpty {
                    entry.log.append(tracked(row))
                    entry.last = row.position
                } else {
                    pending.append(row)
                }
            }
            read = rows.last?.position ?? read
            if rows.count < pageSize { break }
        }
        guard !pending.isEmpty else {
            let frame = entry.log.frame()
            return (entry, frame)
        }
        var withPending = entry.log
        for row in pending { withPending.append(tracked(row)) }
        return (entry, withPending.frame())
    }

    struct LogEntry: Sendable {
        var log: EventLog
        var last: EventPosition
    }

    static func tracked(_ row: FrameEventRow) -> TrackedEvent {
        TrackedEvent(
            timestamp: row.timestamp, type: row.type, anonymousID: row.anonymousID, customerID: row.customerID,
            sessionID: row.sessionID, channel: Channel(name: row.channel) ?? .direct, device: Device(name: row.device) ?? .other,
            skuID: row.skuID, campaign: row.utmCampaign, value: row.value,
            exposure: row.experiment.flatMap { experiment in row.variant.map { ExperimentExposure(experiment: experiment, variant: $0) } })
    }
}
