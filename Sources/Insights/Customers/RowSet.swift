/// A set of table rows as a bitset (64 rows a word); the result of vectorised rule evaluation.
public struct RowSet: Sendable, Equatable {
    public private(set) var words: [UInt64]
    /// Rows in the table (the universe), not members.
    public let rowCount: Int

    public init(rowCount: Int, full: Bool = false) {
        self.rowCount = rowCount
        words = [UInt64](repeating: full ? ~0 : 0, count: (rowCount + 63) >> 6)
        if full { clearTail() }
    }

    init(words: [UInt64], rowCount: Int) {
        self.words = words
        self.rowCount = rowCount
    }

    /// The rows `k` in `0..<rowCount` with `test(k)`, 64 at a time.
    @inline(__always)
    static func build(_ rowCount: Int, _ test: (Int) -> Bool) -> RowSet {
        var words = [UInt64](repeating: 0, count: (rowCount + 63) >> 6)
        words.withUnsafeMutableBufferPointer { w in
            var base = 0
            for k in 0..<w.count {
                let end = min(base + 64, rowCount)
                var bits: UInt64 = 0
                for i in base..<end {
                    bits |= UInt64(test(i) ? 1 : 0) &<< UInt64(i - base)
                }
                w[k] = bits
                base = end
            }
        }
        return RowSet(words: words, rowCount: rowCount)
    }

    public func contains(_ row: Int) -> Bool { words[row >> 6] & (1 << UInt64(row & 63)) != 0 }

    /// Number of member rows.
    public var memberCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    public mutating func formIntersection(_ other: RowSet) {
        words.withUnsafeMutableBufferPointer { w in
            other.words.withUnsafeBufferPointer { o in for k in 0..<w.count { w[k] &= o[k] } }
        }
    }

    public mutating func formUnion(_ other: RowSet) {
        words.withUnsafeMutableBufferPointer { w in
            other.words.withUnsafeBufferPointer { o in for k in 0..<w.count { w[k] |= o[k] } }
        }
    }

    /// Complement within `0..<rowCount`.
    public mutating func invert() {
        words.withUnsafeMutableBufferPointer { w in for k in 0..<w.count { w[k] = ~w[k] } }
        clearTail()
    }

    /// Member rows, ascending.
    public var rows: [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(memberCount)
        for (k, word) in words.enumerated() {
            var w = word
            while w != 0 {
                out.append(Int32(k << 6 + w.trailingZeroBitCount))
                w &= w &- 1
            }
        }
        return out
    }

    private mutating func clearTail() {
        let extra = rowCount & 63
        if extra != 0 { words[words.count - 1] &= (1 << UInt64(extra)) - 1 }
    }
}
