/// SplitMix64: a small, fast, seedable generator, so a simulation is the same on every machine.
public struct SimulationRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Streams of one seed start at unrelated points of the sequence (their starts are mixed),
    /// so days drawn from streams 1, 2, 3… do not repeat each other.
    public init(seed: UInt64, stream: UInt64 = 0) {
        state = Self.mix(seed ^ Self.mix(stream &+ 0x5851_F42D_4C95_7F2D))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's finalizer: every input bit affects every output bit.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func below(_ count: Int) -> Int { Int(next() % UInt64(max(1, count))) }

    mutating func between(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// An index drawn with the given cumulative weights (last = total).
    mutating func pick(cumulative: [Double]) -> Int {
        let target = unit() * (cumulative.last ?? 0)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// A random version-4 UUID's 16 bytes.
    mutating func uuidBytes() -> [UInt8] {
        var bytes = withUnsafeBytes(of: (next(), next())) { Array($0) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        return bytes
    }
}

extension Array where Element == Double {
    /// Running sums, for `SimulationRandom.pick(cumulative:)`.
    var cumulative: [Double] {
        var total = 0.0
        return map { total += $0; return total }
    }
}
