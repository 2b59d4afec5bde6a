import Commerce

/// Channels a campaign message goes through.
public enum MessageChannel: String, Sendable, CaseIterable, Codable {
    case sms, email, wechat
}

/// A saved segment: a name and its rules as JSON text (validated by the Operations layer).
public struct SegmentRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var rules: String
    public var createdAt: Instant
    public var updatedAt: Instant

    public init(id: Int64, name: String, rules: String, createdAt: Instant, updatedAt: Instant) {
        self.id = id
        self.name = name
        self.rules = rules
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a campaign does for each targeted customer.
public enum CampaignAction: Sendable, Equatable {
    case coupon(couponID: Int64)
    case message(channel: MessageChannel, template: String)
}

/// A campaign to launch: a segment's customers, split into target and holdout by the caller.
public struct NewCampaign: Sendable {
    public var name: String
    public var segmentID: Int64
    public var action: CampaignAction
    public var holdoutPercent: Int
    public var attributionDays: Int
    /// Every customer of the segment, with whether it is held out and, for messages, the rendered body.
    public var members: [(customerID: Int64, holdout: Bool, body: String?)]
    /// At most this many messages per customer in any 7 days.
    public var weeklyCap: Int

    public init(
        name: String, segmentID: Int64, action: CampaignAction, holdoutPercent: Int, attributionDays: Int,
        members: [(customerID: Int64, holdout: Bool, body: String?)], weeklyCap: Int
    ) {
        self.name = name
        self.segmentID = segmentID
        self.action = action
        self.holdoutPercent = holdoutPercent
        self.attributionDays = attributionDays
        self.members = members
        self.weeklyCap = weeklyCap
    }
}

/// A launched campaign and how its members came out (`outcomes`: e.g. `coupon_issued: 120`,
/// `queued: 80`, `skipped_opt_out: 3`, `skipped_cap: 2`, `held_out: 22`, `coupon_failed_limit_reached: 1`).
public struct CampaignRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var segmentID: Int64
    public var action: CampaignAction
    public var holdoutPercent: Int
    public var attributionDays: Int
    public var launchedAt: Instant
    public var outcomes: [String: Int]

    public init(
        id: Int64, name: String, segmentID: Int64, action: CampaignAction, holdoutPercent: Int, attributionDays: Int,
        launchedAt: Instant, outcomes: [String: Int]
    ) {
        self.id = id
        self.name = name
        self.segmentID = segmentID
        self.action = action
        self.holdoutPercent = holdoutPercent
        self.attributionDays = attributionDays
        self.launchedAt = launchedAt
        self.outcomes = outcomes
    }
}

/// One message of the outbox.
public struct OutboxMessage: Sendable, Equatable {
    public var id: Int64
    public var shopID: ShopID
    public var campaignID: Int64?
    public var customerID: Int64
    public var channel: MessageChannel
    public var body: String
    /// `pending`, `sending`, `sent` or `failed`.
    public var status: String
    public var attempts: Int
    public var error: String?
    /// Where the message goes: the customer's phone (sms, wechat) or email; nil when unknown.
    public var address: String?

    public init(
        id: Int64, shopID: ShopID, campaignID: Int64?, customerID: Int64, channel: MessageChannel, body: String, status: String,
        attempts: Int, error: String?, address: String?
    ) {
        self.id = id
        self.shopID = shopID
        self.campaignID = campaignID
        self.customerID = customerID
        self.channel = channel
        self.body = body
        self.status = status
        self.attempts = attempts
        self.error = error
        self.address = address
    }
}

/// Customer relations: opt-outs, personal data, segments, campaigns and the outbox.
public protocol CRMStore: Sendable {
    /// Replaces the channels a customer has opted out of.
    func setOptOuts(_ shop: ShopID, customerID: Int64, channels: Set<MessageChannel>, now: Instant) async throws
    func optOuts(_ shop: ShopID, customerID: Int64) async throws -> Set<MessageChannel>
    /// Erases a customer's personal data: name, phone, email and external id on the customer;
    /// address and storefront ids on orders; their tracked events, opt-outs and message bodies.
    /// Orders, payments and the points ledger stay for accounting.
    func eraseCustomer(_ shop: ShopID, customerID: Int64, now: Instant) async throws
    /// The customer's orders, coupon claims, tracked events (theirs and their visitor ids') and messages.
    func customerExport(_ shop: ShopID, customerID: Int64) async throws -> CustomerExport
    /// Every customer by id with acquisition channel, tier and points balance (one read).
    func customerDirectory(_ shop: ShopID) async throws -> [CustomerDirectoryEntry]

    func createSegment(_ shop: ShopID, name: String, rules: String, now: Instant) async throws -> SegmentRecord
    func updateSegment(_ shop: ShopID, id: Int64, name: String, rules: String, now: Instant) async throws -> SegmentRecord
    func segment(_ shop: ShopID, id: Int64) async throws -> SegmentRecord?
    func segments(_ shop: ShopID, page: PageRequest) async throws -> Page<SegmentRecord>

    /// Stores the campaign and acts on every target in one transaction: a coupon claimed per
    /// target (a refused claim is recorded, the rest go on), or a message queued unless the
    /// customer opted out of the channel, was erased, or already has `weeklyCap` messages in the
    /// last 7 days.
    func launchCampaign(_ shop: ShopID, _ campaign: NewCampaign, now: Instant) async throws -> CampaignRecord
    func campaign(_ shop: ShopID, id: Int64) async throws -> CampaignRecord?
    func campaigns(_ shop: ShopID, page: PageRequest) async throws -> Page<CampaignRecord>
    /// Members of a campaign: customer id and whether held out.
    func campaignMembers(_ shop: ShopID, campaignID: Int64) async throws -> [(customerID: Int64, holdout: Bool)]

    /// Takes up to `limit` messages to deliver (pending, or taken before `staleBefore` and never
    /// finished), marking them taken; each is delivered by one worker at a time.
    func takeOutbox(limit: Int, now: Instant, staleBefore: Instant) async throws -> [OutboxMessage]
    /// Records a delivery: `sent`, or `failed` with the reason.
    func finishOutbox(id: Int64, sent: Bool, error: String?, now: Instant) async throws
    func outbox(_ shop: ShopID, campaignID: Int64) async throws -> [OutboxMessage]
}

/// A customer as CRM analysis reads it.
public struct CustomerDirectoryEntry: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var acquisitionChannel: String?
    public var erased: Bool
    /// Membership tier level (0 without a membership row) and the points balance.
    public var tier: Int
    public var points: Int64

    public init(id: Int64, name: String, acquisitionChannel: String?, erased: Bool, tier: Int, points: Int64) {
        self.id = id
        self.name = name
        self.acquisitionChannel = acquisitionChannel
        self.erased = erased
        self.tier = tier
        self.points = points
    }
}

/// Everything stored about one customer besides the customer row, membership and opt-outs.
public struct CustomerExport: Sendable {
    public var orders: [Order]
    public var claims: [CouponClaim]
    public var events: [FrameEventRow]
    public var messages: [OutboxMessage]

    public init(orders: [Order], claims: [CouponClaim], events: [FrameEventRow], messages: [OutboxMessage]) {
        self.orders = orders
        self.claims = claims
        self.events = events
        self.messages = messages
    }
}
