/// A set of 128-bit ids: open addressing with linear probing, at most half full. Swift's `Set`
/// hashes every key with SipHash and showed up as a tenth of the server's time while ingesting;
/// ids are already random or distinct, so a multiplicative mix of their bits is enough.
struct UIDSet {
    private var slots: [UInt128]
    private var mask: Int
    private var containsZero = false
    private(set) var count = 0

    init(minimumCapacity: Int = 1024) {
        var size = 1024
        while size < minimumCapacity * 2 { size *= 2 }
        slots = [UInt128](repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds `key`; false when it was already present.
    mutating func insert(_ key: UInt128) -> Bool {
        if key == 0 {
            defer { containsZero = true }
            if containsZero { return false }
            count += 1
            return true
        }
        if (count + 1) * 2 > slots.count { grow() }
        var index = Self.hash(key) & mask
        while true {
            let slot = slots[index]
            if slot == 0 {
                slots[index] = key
                count += 1
                return true
            }
            if slot == key { return false }
            index = (index + 1) & mask
        }
    }

    /// Removes `key` if present.
    mutating func remove(_ key: UInt128) {
        if key == 0 {
            if containsZero { count -= 1 }
            containsZero = false
            return
        }
        var index = Self.hash(key) & mask
        while slots[index] != 0, slots[index] != key { index = (index + 1) & mask }
        guard slots[index] == key else { return }
        // Backward-shift deletion keeps every probe sequence unbroken.
        slots[index] = 0
        count -= 1
        var next = (index + 1) & mask
        while slots[next] != 0 {
            let moved = slots[next]
            slots[next] = 0
            count -= 1
            _ = insert(moved)
            next = (next + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt128](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        count = containsZero ? 1 : 0
        for key in old where key != 0 { _ = insert(key) }
    }

    private static func hash(_ key: UInt128) -> Int {
        let mixed = (UInt64(truncatingIfNeeded: key) ^ UInt64(truncatingIfNeeded: key >> 64)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 20)
    }
}
