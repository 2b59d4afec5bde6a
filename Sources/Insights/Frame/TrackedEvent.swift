/// One event as ingested (identity strings resolved later by the log).
public struct TrackedEvent: Sendable, Equatable {
    /// Milliseconds since the epoch, UTC.
    public var timestamp: Int64
    /// Standard name (`StandardEvent.name`) or a custom type.
    public var type: String
    public var anonymousID: String?
    /// Customer id (> 0). At least one of `anonymousID`/`customerID` is set (the caller validates).
    public var customerID: Int64?
    /// Client session; nil → the server sessionises (see docs/analytics.md).
    public var sessionID: String?
    /// Touch channel of this event (classified by the caller).
    public var channel: Channel
    public var device: Device
    /// Internal SKU id (0 < id < 2^31).
    public var skuID: Int64?
    /// The `utm_campaign` of this touch; a session takes its first event's.
    public var campaign: String?
    /// Money value in minor units (an `order_paid` event carries the order's total).
    public var value: Int64?
    /// For `experiment_exposure`: the experiment and the variant shown.
    public var exposure: ExperimentExposure?

    public init(
        timestamp: Int64, type: String, anonymousID: String? = nil, customerID: Int64? = nil,
        sessionID: String? = nil, channel: Channel = .direct, device: Device = .other, skuID: Int64? = nil,
        campaign: String? = nil, value: Int64? = nil, exposure: ExperimentExposure? = nil
    ) {
        self.timestamp = timestamp
        self.type = type
        self.anonymousID = anonymousID
        self.customerID = customerID
        self.sessionID = sessionID
        self.channel = channel
        self.device = device
        self.skuID = skuID
        self.campaign = campaign
        self.value = value
        self.exposure = exposure
    }
}

/// What an `experiment_exposure` event says: which variant of which experiment a unit saw.
public struct ExperimentExposure: Sendable, Equatable {
    public var experiment: String
    public var variant: String

    public init(experiment: String, variant: String) {
        self.experiment = experiment
        self.variant = variant
    }
}
