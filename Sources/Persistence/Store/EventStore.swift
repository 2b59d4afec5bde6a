import Commerce

/// One tracked event as stored: what the storefront sent (validated) or the commerce core emitted.
public struct EventRecord: Sendable, Equatable {
    /// The client's event id (a UUID, 16 bytes): the idempotency key of the event.
    public var uid: [UInt8]
    public var type: String
    public var timestamp: Instant
    public var anonymousID: String?
    public var customerID: Int64?
    public var sessionID: String?
    /// Touch channel name classified at ingest (`direct` when nothing says otherwise).
    public var channel: String
    public var device: String
    public var skuID: Int64?
    public var orderID: Int64?
    /// A money value in minor units (order events: the order total).
    public var value: Int64?
    public var url: String?
    public var referrer: String?
    public var utmSource: String?
    public var utmMedium: String?
    public var utmCampaign: String?
    /// Free-form JSON object text.
    public var properties: String?

    public init(
        uid: [UInt8], type: String, timestamp: Instant, anonymousID: String? = nil, customerID: Int64? = nil,
        sessionID: String? = nil, channel: String = "direct", device: String = "other", skuID: Int64? = nil,
        orderID: Int64? = nil, value: Int64? = nil, url: String? = nil, referrer: String? = nil,
        utmSource: String? = nil, utmMedium: String? = nil, utmCampaign: String? = nil, properties: String? = nil
    ) {
        self.uid = uid
        self.type = type
        self.timestamp = timestamp
        self.anonymousID = anonymousID
        self.customerID = customerID
        self.sessionID = sessionID
        self.channel = channel
        self.device = device
        self.skuID = skuID
        self.orderID = orderID
        self.value = value
        self.url = url
        self.referrer = referrer
        self.utmSource = utmSource
        self.utmMedium = utmMedium
        self.utmCampaign = utmCampaign
        self.properties = properties
    }
}

extension EventRecord {
    /// The event the commerce core records for an order it placed or was paid for, under a random
    /// uid; nil when the order has neither a customer nor a visitor to attribute it to.
    static func order(
        type: String, orderID: Int64, customerID: Int64?, total: Int64, at: Instant, sessionID: String?, anonymousID: String?
    ) -> EventRecord? {
        guard customerID != nil || anonymousID != nil else { return nil }
        var uid = [UInt8](repeating: 0, count: 16)
        for index in uid.indices { uid[index] = UInt8.random(in: 0...255) }
        return EventRecord(
            uid: uid, type: type, timestamp: at, anonymousID: anonymousID, customerID: customerID, sessionID: sessionID,
            orderID: orderID, value: total)
    }
}

/// Where a frame's catch-up stands in a shop's events: after the event at this position.
/// SQLite orders events by `seq` alone (one writer commits them in order). PostgreSQL orders them
/// by writing transaction, then `seq`, and hands out only events of finished transactions, so an
/// event whose transaction commits late is still read, never skipped.
public struct EventPosition: Sendable, Equatable, Comparable {
    public var transaction: Int64
    public var seq: Int64

    public init(transaction: Int64 = 0, seq: Int64 = 0) {
        self.transaction = transaction
        self.seq = seq
    }

    public static let start = EventPosition()

    public static func < (lhs: EventPosition, rhs: EventPosition) -> Bool {
        (lhs.transaction, lhs.seq) < (rhs.transaction, rhs.seq)
    }
}

/// The columns analytics frames read, in arrival order (`position`).
public struct FrameEventRow: Sendable, Equatable {
    public var position: EventPosition
    public var type: String
    public var timestamp: Int64
    public var anonymousID: String?
    public var customerID: Int64?
    public var sessionID: String?
    public var channel: String
    public var device: String
    public var skuID: Int64?
    public var utmCampaign: String?
    public var value: Int64?
    /// `properties.experiment` and `properties.variant` of an `experiment_exposure` event.
    public var experiment: String?
    public var variant: String?
    /// No event can arrive before this one any more. SQLite commits events in arrival order, so
    /// all are settled; on PostgreSQL an event of a transaction newer than the oldest one still
    /// running is not (see `PostgresStore.frameEvents`): read it, but read it again next time.
    public var settled: Bool

    public init(
        position: EventPosition, type: String, timestamp: Int64, anonymousID: String?, customerID: Int64?, sessionID: String?,
        channel: String, device: String, skuID: Int64?, utmCampaign: String? = nil, value: Int64? = nil,
        experiment: String? = nil, variant: String? = nil, settled: Bool = true
    ) {
        self.position = position
        self.type = type
        self.timestamp = timestamp
        self.anonymousID = anonymousID
        self.customerID = customerID
        self.sessionID = sessionID
        self.channel = channel
        self.device = device
        self.skuID = skuID
        self.utmCampaign = utmCampaign
        self.value = value
        self.experiment = experiment
        self.variant = variant
        self.settled = settled
    }
}

/// What analytics needs of an order: totals and times, paid and refunded.
public struct OrderFact: Sendable, Equatable {
    public var orderID: Int64
    public var customerID: Int64?
    public var placedAt: Int64
    public var paidAt: Int64?
    public var total: Int64
    public var status: String

    public init(orderID: Int64, customerID: Int64?, placedAt: Int64, paidAt: Int64?, total: Int64, status: String) {
        self.orderID = orderID
        self.customerID = customerID
        self.placedAt = placedAt
        self.paidAt = paidAt
        self.total = total
        self.status = status
    }
}

/// A refund with its time.
public struct RefundFact: Sendable, Equatable {
    public var orderID: Int64
    public var amount: Int64
    public var at: Int64

    public init(orderID: Int64, amount: Int64, at: Int64) {
        self.orderID = orderID
        self.amount = amount
        self.at = at
    }
}

/// One paid order line, for SKU and category reports.
public struct OrderLineFact: Sendable, Equatable {
    public var orderID: Int64
    public var skuID: Int64
    public var quantity: Int64
    /// Line total after discounts, minor units.
    public var revenue: Int64
    /// Unit cost × quantity at the SKU's current cost, minor units.
    public var cost: Int64

    public init(orderID: Int64, skuID: Int64, quantity: Int64, revenue: Int64, cost: Int64) {
        self.orderID = orderID
        self.skuID = skuID
        self.quantity = quantity
        self.revenue = revenue
        self.cost = cost
    }
}

/// One day of ad spend for a channel and campaign.
public struct AdSpendRecord: Sendable, Equatable {
    /// Local date `YYYY-MM-DD`.
    public var day: String
    public var channel: String
    public var campaign: String
    public var spend: Int64
    public var impressions: Int64
    public var clicks: Int64

    public init(day: String, channel: String, campaign: String, spend: Int64, impressions: Int64, clicks: Int64) {
        self.day = day
        self.channel = channel
        self.campaign = campaign
        self.spend = spend
        self.impressions = impressions
        self.clicks = clicks
    }
}

/// A SKU as reports name it.
public struct SKUInfo: Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var title: String
    public var categoryID: Int64?

    public init(id: Int64, code: String, title: String, categoryID: Int64?) {
        self.id = id
        self.code = code
        self.title = title
        self.categoryID = categoryID
    }
}

/// Tracked events, ad spend and the order facts analytics reads.
public protocol EventStore: Sendable {
    /// Stores the events not seen before (same `uid`, or an order event for an order that already
    /// has one of that type) in one transaction; returns, per input, whether it was new.
    func appendEvents(_ shop: ShopID, _ events: [EventRecord], receivedAt: Instant) async throws -> [Bool]
    /// Events after `position` in arrival order, at most `limit`; settled ones first.
    func frameEvents(_ shop: ShopID, after position: EventPosition, limit: Int) async throws -> [FrameEventRow]
    /// A number that changes with every change to the shop's orders, refunds or SKU costs (what
    /// `orderFacts`, `refundFacts` and `paidOrderLines` read); caches compare it.
    func ordersVersion(_ shop: ShopID) async throws -> Int64
    /// Every order of the shop with its paid time.
    func orderFacts(_ shop: ShopID) async throws -> [OrderFact]
    func refundFacts(_ shop: ShopID) async throws -> [RefundFact]
    /// Every SKU with its product's title and category.
    func skuDirectory(_ shop: ShopID) async throws -> [SKUInfo]
    /// Lines of paid orders.
    func paidOrderLines(_ shop: ShopID) async throws -> [OrderLineFact]
    /// Inserts or replaces spend rows (key: day, channel, campaign).
    func upsertAdSpend(_ shop: ShopID, _ rows: [AdSpendRecord]) async throws
    /// Spend rows with `from <= day <= to` (local dates).
    func adSpend(_ shop: ShopID, from: String, to: String) async throws -> [AdSpendRecord]
}
