/// Append-only log of a shop's events, compacted on demand into an immutable `EventFrame`.
///
/// Identities are interned on append; identity merge (anonymous ↔ customer), person numbering
/// and server sessionisation happen in `frame()`, so late links re-shape earlier events.
public struct EventLog: Sendable {
    /// Inactivity gap after which the server starts a new session (strictly more than this).
    public let sessionTimeoutMs: Int64

    // Event columns in arrival order.
    private var time: [Int64] = []
    private var type: [UInt8] = []
    private var primaryNode: [Int32] = []    // anonymous node if present, else customer node
    private var linkedNode: [Int32] = []     // customer node when the event carries both, else -1
    private var clientSession: [Int32] = []  // interned client session id, -1 when none
    private var channel: [UInt8] = []
    private var device: [UInt8] = []
    private var sku: [Int32] = []
    private var campaignOfEvent: [Int32: Int32] = [:]  // sparse: most events name no campaign

    // Interning tables.
    private var anonymousNodes: [String: Int32] = [:]
    private var customerNodes: [Int64: Int32] = [:]
    private var nodeCustomer: [Int64] = []   // customer id of an identity node, 0 for anonymous
    private var sessionIDs: [String: Int32] = [:]
    private var customTypes: [String: UInt8] = [:]
    private var typeNames: [UInt8: String]
    private var campaignCodes: [String: Int32] = [:]
    private var campaignNames: [String] = []
    private var sideEvents = SideEvents()

    private var cached: EventFrame?

    /// Custom types beyond the 191st distinct one share this code (named `"$other_custom"`).
    public static let overflowTypeCode: UInt8 = 255

    public init(sessionTimeoutMs: Int64 = 30 * 60 * 1000) {
        self.sessionTimeoutMs = sessionTimeoutMs
        typeNames = EventFrame.standardTypeNames
    }

    /// Number of events appended.
    public var count: Int { time.count }

    /// The code this log gives an event type name (standard codes are fixed; custom ones from 64).
    public mutating func typeCode(forName name: String) -> UInt8 {
        if let standard = StandardEvent(name: name) { return standard.rawValue }
        if let code = customTypes[name] { return code }
        let next = StandardEvent.firstCustomCode + UInt8(truncatingIfNeeded: customTypes.count)
        guard customTypes.count < Int(Self.overflowTypeCode - StandardEvent.firstCustomCode) else {
            typeNames[Self.overflowTypeCode] = "$other_custom"
            return Self.overflowTypeCode
        }
        customTypes[name] = next
        typeNames[next] = name
        return next
    }

    public mutating func append(_ event: TrackedEvent) {
        cached = nil
        let code = typeCode(forName: event.type)
        var anonymous: Int32 = -1
        if let id = event.anonymousID { anonymous = node(anonymous: id) }
        var customer: Int32 = -1
        if let id = event.customerID, id != 0 { customer = node(customer: id) }
        if anonymous < 0 && customer < 0 { anonymous = node(anonymous: "") }  // caller should validate
        sideEvents.record(event, code: code, arrival: Int32(time.count))
        time.append(event.timestamp)
        type.append(code)
        primaryNode.append(anonymous >= 0 ? anonymous : customer)
        linkedNode.append(anonymous >= 0 ? customer : -1)
        if let sid = event.sessionID {
            if let index = sessionIDs[sid] {
                clientSession.append(index)
            } else {
                let index = Int32(sessionIDs.count)
                sessionIDs[sid] = index
                clientSession.append(index)
            }
        } else {
            clientSession.append(-1)
        }
        channel.append(event.channel.rawValue)
        device.append(event.device.rawValue)
        sku.append(Int32(truncatingIfNeeded: event.skuID ?? 0))
        if let campaign = event.campaign, !campaign.isEmpty {
            if campaignCodes[campaign] == nil {
                campaignCodes[campaign] = Int32(campaignNames.count)
                campaignNames.append(campaign)
            }
            campaignOfEvent[Int32(time.count - 1)] = campaignCodes[campaign]
        }
    }

    private mutating func node(anonymous id: String) -> Int32 {
        if let n = anonymousNodes[id] { return n }
        let n = Int32(nodeCustomer.count)
        anonymousNodes[id] = n
        nodeCustomer.append(0)
        return n
    }

    private mutating func node(customer id: Int64) -> Int32 {
        if let n = customerNodes[id] { return n }
        let n = Int32(nodeCustomer.count)
        customerNodes[id] = n
        nodeCustomer.append(id)
        return n
    }

    /// The frame of everything appended so far (cached until the next append).
    public mutating func frame() -> EventFrame {
        if let cached { return cached }
        let built = compact()
        cached = built
        return built
    }

    /// Identity merge (union–find over identity nodes), then the shared columnar build.
    private func compact() -> EventFrame {
        let nodes = nodeCustomer.count
        var parent = [Int32](0..<Int32(nodes))
        func find(_ x: Int32) -> Int32 {
            var root = x
            while parent[Int(root)] != root { root = parent[Int(root)] }
            var cur = x
            while parent[Int(cur)] != root {
                let next = parent[Int(cur)]
                parent[Int(cur)] = root
                cur = next
            }
            return root
        }
        for i in 0..<linkedNode.count where linkedNode[i] >= 0 {
            let a = find(primaryNode[i]), b = find(linkedNode[i])
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        // People numbered by first arrival; keyed by the smallest customer id among their identities.
        var personOfRoot = [Int32](repeating: -1, count: nodes)
        var person = [Int32](repeating: 0, count: time.count)
        var personCount: Int32 = 0
        for i in 0..<time.count {
            let root = Int(find(primaryNode[i]))
            if personOfRoot[root] < 0 {
                personOfRoot[root] = personCount
                personCount += 1
            }
            person[i] = personOfRoot[root]
        }
        var personCustomer = [Int64](repeating: 0, count: Int(personCount))
        var otherCustomers: [(customer: Int64, person: Int32)] = []
        for n in 0..<nodes where nodeCustomer[n] != 0 {
            let p = Int(personOfRoot[Int(find(Int32(n)))])
            guard p >= 0 else { continue }
            let c = nodeCustomer[n]
            let current = personCustomer[p]
            if current == 0 {
                personCustomer[p] = c
            } else if c < current {
                otherCustomers.append((current, Int32(p)))
                personCustomer[p] = c
            } else {
                otherCustomers.append((c, Int32(p)))
            }
        }
        var frame = FrameBuilder(
            person: person, personCount: Int(personCount), personCustomer: personCustomer,
            time: time, type: type, sku: sku, channel: channel, device: device,
            clientSession: sessionIDs.isEmpty ? nil : clientSession, campaignOfEvent: campaignOfEvent,
            sessionTimeoutMs: sessionTimeoutMs
        ).build(typeNames: typeNames, otherCustomers: otherCustomers, campaignNames: campaignNames)
        (frame.exposures, frame.payments) = sideEvents.tables(person: person, time: time)
        return frame
    }
}
