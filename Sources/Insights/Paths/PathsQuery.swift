/// The most common paths to a purchase: per person, the sequence of event types in the session
/// that ended with their first `order_paid` event in `[from, to)` (from the session's first
/// event in the period up to and including that `order_paid`), consecutive repeats collapsed.
public struct PathsQuery: Sendable, Equatable {
    public var from: Int64
    public var to: Int64
    /// How many paths to return.
    public var top: Int
    /// When set, longer paths keep only their last `maxLength` types.
    public var maxLength: Int?

    public init(from: Int64, to: Int64, top: Int = 10, maxLength: Int? = nil) {
        self.from = from
        self.to = to
        self.top = top
        self.maxLength = maxLength
    }

    /// The top paths, most frequent first (ties by type codes, shorter first).
    public func run(on frame: EventFrame) -> [PathCount] {
        let paid = StandardEvent.orderPaid.rawValue
        var counts: [[UInt8]: Int] = [:]
        var path: [UInt8] = []
        for p in 0..<frame.personCount {
            let range = frame.events(of: p)
            var end = -1
            for e in range {
                let t = frame.time[e]
                if t >= to { break }
                if t >= from && frame.type[e] == paid {
                    end = e
                    break
                }
            }
            guard end >= 0 else { continue }
            let s = frame.session[end]
            path.removeAll(keepingCapacity: true)
            for e in range.lowerBound...end where frame.session[e] == s && frame.time[e] >= from {
                let type = frame.type[e]
                if path.last != type { path.append(type) }
            }
            if let maxLength, path.count > maxLength { path.removeFirst(path.count - maxLength) }
            counts[path, default: 0] += 1
        }
        let sorted = counts.sorted { a, b in
            if a.value != b.value { return a.value > b.value }
            if a.key.count != b.key.count { return a.key.count < b.key.count }
            return a.key.lexicographicallyPrecedes(b.key)
        }
        return sorted.prefix(max(0, top)).map { item in
            PathCount(types: item.key, names: item.key.map { frame.typeName($0) ?? "#\($0)" }, count: item.value)
        }
    }
}

/// A path and the number of people who took it.
public struct PathCount: Sendable, Equatable {
    public var types: [UInt8]
    public var names: [String]
    public var count: Int
}
