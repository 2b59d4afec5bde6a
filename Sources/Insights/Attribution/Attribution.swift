/// Which session an order is credited to (docs/analytics.md, "Attribution").
public enum AttributionModel: String, Sendable, CaseIterable {
    /// The customer's last non-direct session started within the lookback before the order.
    case lastNonDirect = "last_non_direct"
    /// The customer's first non-direct session ever, if it started before the order.
    case firstNonDirect = "first_non_direct"
}

/// Per-order attribution: the credited session (index into the frame's session columns, -1 =
/// direct) and its channel. A session qualifies when it started (its earliest event) at or before
/// the order's placed time and, for last non-direct, at most `lookbackMs` before it. Orders
/// without a customer, or whose customer has no events, are direct.
public struct Attribution: Sendable, Equatable {
    public let model: AttributionModel
    public let lookbackMs: Int64
    /// Per order: the credited session, -1 = direct.
    public let session: [Int32]
    /// Per order: `Channel.rawValue` of the credited session (`direct` when none).
    public let channel: [UInt8]
    /// Per order: the customer's last session of any channel that started within the lookback at
    /// or before placement, -1 when none (gives an order's device).
    public let lastSession: [Int32]

    public static let defaultLookbackMs: Int64 = 30 * 86_400_000

    public init(
        frame: EventFrame, orders: OrderFacts, model: AttributionModel = .lastNonDirect,
        lookbackMs: Int64 = Attribution.defaultLookbackMs
    ) {
        self.model = model
        self.lookbackMs = lookbackMs
        let n = orders.orderCount
        var session = [Int32](repeating: -1, count: n)
        var last = [Int32](repeating: -1, count: n)
        // Orders with a known person, sorted by person (then index).
        let people = frame.personOfCustomer()
        var byPerson: [(person: Int32, order: Int32)] = []
        for i in 0..<n where orders.customer[i] != 0 {
            let c = orders.customer[i]
            if let p = people[c] ?? frame.person(ofCustomer: c) { byPerson.append((p, Int32(i))) }
        }
        byPerson.sort { $0.person != $1.person ? $0.person < $1.person : $0.order < $1.order }
        var seen = SessionMarks(sessionCount: frame.sessionCount)
        var starts: [Int64] = [], ids: [Int32] = []
        var next = 0
        while next < byPerson.count {
            let p = byPerson[next].person
            var end = next
            while end < byPerson.count && byPerson[end].person == p { end += 1 }
            let list = byPerson[next..<end].map { Int($0.order) }
            next = end
            // The person's sessions in start order (events are in time order).
            starts.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            seen.reset()
            for e in frame.events(of: Int(p)) where seen.mark(frame.session[e], 0) {
                starts.append(frame.time[e])
                ids.append(frame.session[e])
            }
            let firstNonDirect = ids.firstIndex { frame.sessionChannel[Int($0)] != Channel.direct.rawValue }
            for i in list {
                let placed = orders.placedAt[i]
                // Sessions 0..<k started at or before placement.
                var lo = 0, hi = starts.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if starts[mid] <= placed { lo = mid + 1 } else { hi = mid }
                }
                let k = lo
                if k > 0 && starts[k - 1] >= placed - lookbackMs { last[i] = ids[k - 1] }
                switch model {
                case .firstNonDirect:
                    if let f = firstNonDirect, f < k { session[i] = ids[f] }
                case .lastNonDirect:
                    var j = k - 1
                    while j >= 0 && starts[j] >= placed - lookbackMs {
                        if frame.sessionChannel[Int(ids[j])] != Channel.direct.rawValue { session[i] = ids[j]; break }
                        j -= 1
                    }
                }
            }
        }
        self.session = session
        self.lastSession = last
        self.channel = session.map { $0 < 0 ? Channel.direct.rawValue : frame.sessionChannel[Int($0)] }
    }

    /// The credited channel of order `i`.
    public func channelOf(order i: Int) -> Channel { Channel(rawValue: channel[i]) ?? .direct }
}
