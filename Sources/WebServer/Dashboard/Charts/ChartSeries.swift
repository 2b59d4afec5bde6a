/// A named series of values; `nil` is a gap. Non-finite numbers are stored as `nil`.
struct ChartSeries: Sendable, Equatable {
    let name: String
    let values: [Double?]

    init(name: String, values: [Double?]) {
        self.name = name
        self.values = values.map(Self.finite)
    }

    /// `value` if it is a finite number, otherwise `nil` (missing).
    static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// The finite values among the first `limit` entries.
    func presentValues(limit: Int) -> [Double] {
        values.prefix(max(limit, 0)).compactMap { $0 }
    }

    /// Consecutive runs of present values among the first `limit` entries, with their indices.
    func runs(limit: Int) -> [[(index: Int, value: Double)]] {
        var runs: [[(index: Int, value: Double)]] = []
        var current: [(index: Int, value: Double)] = []
        for (index, value) in values.prefix(max(limit, 0)).enumerated() {
            if let value {
                current.append((index, value))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
