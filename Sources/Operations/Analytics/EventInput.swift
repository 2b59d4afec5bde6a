/// One event as a client sends it, read leniently so that one bad event is rejected on its own
/// (with its index) instead of failing the whole batch.
public struct EventInput: Sendable {
    public var id: String?
    public var type: String?
    public var timestamp: String?
    public var anonymousID: String?
    public var customerID: String?
    public var sessionID: String?
    public var url: String?
    public var referrer: String?
    public var utmSource: String?
    public var utmMedium: String?
    public var utmCampaign: String?
    public var device: String?
    public var sku: String?
    public var orderID: String?
    public var value: Int64?
    /// The `properties` object re-encoded as JSON text.
    public var properties: String?
    /// The first field whose JSON type was wrong, with the problem.
    public var malformed: (field: String, message: String)?

    public init(
        id: String? = nil, type: String? = nil, timestamp: String? = nil, anonymousID: String? = nil, customerID: String? = nil,
        sessionID: String? = nil, url: String? = nil, referrer: String? = nil, utmSource: String? = nil,
        utmMedium: String? = nil, utmCampaign: String? = nil, device: String? = nil, sku: String? = nil,
        orderID: String? = nil, value: Int64? = nil, properties: String? = nil
    ) {
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.anonymousID = anonymousID
        self.customerID = customerID
        self.sessionID = sessionID
        self.url = url
        self.referrer = referrer
        self.utmSource = utmSource
        self.utmMedium = utmMedium
        self.utmCampaign = utmCampaign
        self.device = device
        self.sku = sku
        self.orderID = orderID
        self.value = value
        self.properties = properties
    }
}
