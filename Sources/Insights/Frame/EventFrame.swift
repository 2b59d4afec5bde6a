/// Columnar, immutable: events sorted by (person, time, arrival). Struct of arrays, integer-coded.
///
/// Build one with `EventLog.frame()` or, for bulk loads and benchmarks, with
/// `init(personCount:person:time:type:...)` from unsorted integer columns.
public struct EventFrame: Sendable {
    /// Events of person p: `personStart[p] ..< personStart[p+1]` (personCount + 1 entries).
    public let personStart: [Int32]
    /// Milliseconds since the epoch, UTC.
    public let time: [Int64]
    /// Type code (standard codes are `StandardEvent.rawValue`, custom ones >= 64).
    public let type: [UInt8]
    /// SKU id, 0 = none.
    public let sku: [Int32]
    /// Index into the session columns.
    public let session: [Int32]
    /// Channel (`Channel.rawValue`) of each session: its first event's touch channel.
    public let sessionChannel: [UInt8]
    /// Device (`Device.rawValue`) of each session: its first event's device.
    public let sessionDevice: [UInt8]
    /// Customer id of the person, 0 when anonymous (the smallest, if several are linked).
    public let personCustomer: [Int64]

    /// People with a customer, sorted by customer id (for `person(ofCustomer:)`).
    let customerOrder: [Int32]
    /// Further customer ids of people linked to several customers.
    let otherCustomers: [Int64: Int32]
    /// Names of the type codes that occur.
    let typeCodes: [String: UInt8]

    /// Campaign of the sessions whose first event named one (session → index into `campaignNames`).
    public let sessionCampaign: [Int32: Int32]
    public let campaignNames: [String]
    /// Experiment exposures by person (few events; kept beside the columns).
    public internal(set) var exposures = ExposureTable()
    /// Paid orders (`order_paid` events with a value) by person.
    public internal(set) var payments = PaymentTable()
    public var personCount: Int { personStart.count - 1 }
    public var eventCount: Int { time.count }
    public var sessionCount: Int { sessionChannel.count }

    init(
        personStart: [Int32], time: [Int64], type: [UInt8], sku: [Int32], session: [Int32],
        sessionChannel: [UInt8], sessionDevice: [UInt8], personCustomer: [Int64],
        customerOrder: [Int32], otherCustomers: [Int64: Int32], typeCodes: [String: UInt8],
        sessionCampaign: [Int32: Int32] = [:], campaignNames: [String] = []
    ) {
        self.sessionCampaign = sessionCampaign
        self.campaignNames = campaignNames
        self.personStart = personStart
        self.time = time
        self.type = type
        self.sku = sku
        self.session = session
        self.sessionChannel = sessionChannel
        self.sessionDevice = sessionDevice
        self.personCustomer = personCustomer
        self.customerOrder = customerOrder
        self.otherCustomers = otherCustomers
        self.typeCodes = typeCodes
    }

    /// Builds a frame from unsorted integer columns in arrival order (bulk loads, benchmarks).
    ///
    /// - `person[i]` in `0..<personCount`; identities are already resolved.
    /// - `sku`, `channel`, `device` default to none / `.direct` / `.other`.
    /// - `clientSession[i]`: a client session number (-1 = none → server sessionisation);
    ///   numbers are scoped per person.
    /// - `personCustomer`: customer id per person (0 = anonymous); all anonymous when nil.
    /// - `typeNames`: names of custom codes (standard names are always known).
    public init(
        personCount: Int, person: [Int32], time: [Int64], type: [UInt8],
        sku: [Int32]? = nil, channel: [UInt8]? = nil, device: [UInt8]? = nil,
        clientSession: [Int32]? = nil, personCustomer: [Int64]? = nil,
        typeNames: [UInt8: String] = [:], sessionTimeoutMs: Int64 = 30 * 60 * 1000
    ) {
        let n = time.count
        precondition(person.count == n && type.count == n, "columns must have equal length")
        let names = EventFrame.standardTypeNames.merging(typeNames) { _, custom in custom }
        self = FrameBuilder(
            person: person, personCount: personCount,
            personCustomer: personCustomer ?? [Int64](repeating: 0, count: personCount),
            time: time, type: type,
            sku: sku ?? [Int32](repeating: 0, count: n),
            channel: channel ?? [UInt8](repeating: 0, count: n),
            device: device ?? [UInt8](repeating: 0, count: n),
            clientSession: clientSession, sessionTimeoutMs: sessionTimeoutMs
        ).build(typeNames: names, otherCustomers: [])
    }

    static let standardTypeNames: [UInt8: String] = Dictionary(
        uniqueKeysWithValues: StandardEvent.allCases.map { ($0.rawValue, $0.name) })

    /// The code of an event type name; nil if the type never occurred.
    public func typeCode(_ name: String) -> UInt8? { typeCodes[name] }

    /// The name of a type code that occurs.
    public func typeName(_ code: UInt8) -> String? {
        typeCodes.first(where: { $0.value == code })?.key
    }

    /// The person keyed by (or linked to) this customer.
    public func person(ofCustomer id: Int64) -> Int32? {
        var lo = 0, hi = customerOrder.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if personCustomer[Int(customerOrder[mid])] < id { lo = mid + 1 } else { hi = mid }
        }
        if lo < customerOrder.count, personCustomer[Int(customerOrder[lo])] == id { return customerOrder[lo] }
        return otherCustomers[id]
    }

    /// The campaign a session came from, if its first event named one.
    public func campaign(ofSession s: Int32) -> String? {
        sessionCampaign[s].map { campaignNames[Int($0)] }
    }

    /// Events of person p.
    @inline(__always)
    public func events(of p: Int) -> Range<Int> { Int(personStart[p])..<Int(personStart[p + 1]) }

    /// Bytes held by the columns.
    public var memoryBytes: Int {
        time.count * 8 + type.count + sku.count * 4 + session.count * 4
            + personStart.count * 4 + personCustomer.count * 8 + customerOrder.count * 4
            + sessionChannel.count + sessionDevice.count + otherCustomers.count * 12 + sessionCampaign.count * 8
            + exposures.person.count * 20 + payments.person.count * 20
    }
}
