/// Overflow-free helpers for amounts that an absurd input could push past Int64.
enum Saturating {
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int64.max : value
    }

    static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int64.max : value
    }

    /// ceil(a × b / c) for non-negative a, b and positive c; saturates unless b ≤ c.
    static func ceilMultiplyDivide(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        guard b <= c else { return Int64.max }
        // The common case in 64 bits (the same result without a 128-bit divide).
        let (narrow, overflow) = a.multipliedReportingOverflow(by: b)
        if !overflow, narrow >= 0, c > 0 {
            let (quotient, remainder) = narrow.quotientAndRemainder(dividingBy: c)
            return remainder > 0 ? quotient + 1 : quotient
        }
        let product = a.multipliedFullWidth(by: b)
        let (quotient, remainder) = c.dividingFullWidth(product)
        return remainder > 0 ? quotient + 1 : quotient
    }
}

/// A 256-bit filter of ids: `mayContain` is false only for ids surely not inserted.
struct IDFilter {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    private static func slot(_ id: Int64) -> (Int, UInt64) {
        let hashed = UInt64(bitPattern: id) &* 0x9E37_79B9_7F4A_7C15
        let bit = Int(hashed >> 56)
        return (bit >> 6, 1 << UInt64(bit & 63))
    }

    mutating func insert(_ id: Int64) {
        let (word, mask) = Self.slot(id)
        switch word {
        case 0: words.0 |= mask
        case 1: words.1 |= mask
        case 2: words.2 |= mask
        default: words.3 |= mask
        }
    }

    func mayContain(_ id: Int64) -> Bool {
        let (word, mask) = Self.slot(id)
        switch word {
        case 0: return words.0 & mask != 0
        case 1: return words.1 & mask != 0
        case 2: return words.2 & mask != 0
        default: return words.3 & mask != 0
        }
    }
}

/// A stack of indices that keeps its storage: dropping a node's entries only sets the count
/// (an array's `removeLast` checks that its storage is unshared once per element, and
/// `removeLast(_:)` is a generic call).
struct SlotStack {
    private var items: [Int] = []
    private(set) var count = 0

    subscript(slot: Int) -> Int {
        assert(slot < count)
        return items[slot]
    }

    @inline(__always)
    mutating func push(_ value: Int) {
        if count < items.count { items[count] = value } else { items.append(value) }
        count += 1
    }

    @inline(__always)
    mutating func truncate(to newCount: Int) { count = min(count, newCount) }

    mutating func removeAll() { count = 0 }
}

/// A cart line by one of its keys (SKU or category id), for sorted look-ups.
struct KeyLine {
    var key: Int64
    var line: Int
}

extension Array {
    /// Makes the array `count` copies of `value`, reusing its storage when it is large enough
    /// (what a search workspace does instead of allocating a new array per call).
    @inline(__always)
    mutating func reset(count: Int, repeating value: Element) {
        removeAll(keepingCapacity: true)
        append(contentsOf: repeatElement(value, count: count))
    }

    /// Makes the array a copy of `other` in its own storage (so that later writes do not copy).
    @inline(__always)
    mutating func assign(_ other: [Element]) {
        removeAll(keepingCapacity: true)
        append(contentsOf: other)
    }

    /// Empties the array keeping its storage, skipping the generic `removeAll` call when it
    /// is empty already.
    @inline(__always)
    mutating func clear() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }

    /// Drops the elements from `count` on: `removeLast(_:)` goes through the generic
    /// `replaceSubrange`, much slower for the few elements a search node drops.
    @inline(__always)
    mutating func truncate(to count: Int) {
        while self.count > count { removeLast() }
    }
}
