/// The keys a tracking body may hold, recognised from their bytes without making strings.
enum EventField: String, CaseIterable {
    case id, type, timestamp, url, referrer, device, sku, value, properties, events
    case anonymousID = "anonymous_id", customerID = "customer_id", sessionID = "session_id", orderID = "order_id"
    case utmSource = "utm_source", utmMedium = "utm_medium", utmCampaign = "utm_campaign"

    var name: String { rawValue }

    /// Each field's key bytes, indexed by length.
    private static let byLength: [[(bytes: [UInt8], field: EventField)]] = {
        var table = [[(bytes: [UInt8], field: EventField)]](repeating: [], count: 16)
        for field in allCases { table[field.rawValue.utf8.count].append((Array(field.rawValue.utf8), field)) }
        return table
    }()

    init?(_ key: UnsafeRawBufferPointer) {
        guard key.count < Self.byLength.count,
              let match = Self.byLength[key.count].first(where: { $0.bytes.elementsEqual(key) }) else { return nil }
        self = match.field
    }
}
