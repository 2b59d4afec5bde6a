/// Integer slots for customer ids: `slot(of:)` in `0..<count`, -1 for an id not held.
///
/// Ids within a small range (the usual case: database row ids) map through an array indexed by
/// `id - base`; scattered ids through a hash map.
struct CustomerSlots: Sendable {
    /// Id of each slot.
    let ids: [Int64]
    /// Slots in ascending id order.
    let ascending: [Int32]
    private let base: Int64
    /// Slot by `id - base` (dense mode), -1 = absent.
    private let dense: [Int32]
    private let hashed: [Int64: Int32]
    private let isDense: Bool

    var count: Int { ids.count }

    /// Slots of the distinct ids among `candidates` (repeats allowed), numbered in ascending id
    /// order. `candidates` is read twice.
    init<C: Collection>(distinct candidates: C) where C.Element == Int64 {
        var lo = Int64.max, hi = Int64.min, n = 0
        for id in candidates { lo = min(lo, id); hi = max(hi, id); n += 1 }
        if let span = Self.denseSpan(lo, hi, n) {
            var table = [Int32](repeating: -1, count: span)
            table.withUnsafeMutableBufferPointer { t in for id in candidates { t[Int(id &- lo)] = 0 } }
            var ids: [Int64] = []
            table.withUnsafeMutableBufferPointer { t in
                for k in 0..<t.count where t[k] == 0 {
                    t[k] = Int32(ids.count)
                    ids.append(lo + Int64(k))
                }
            }
            self.init(ids: ids, ascending: Array(0..<Int32(ids.count)), base: lo, dense: table)
        } else {
            let sorted = Array(Set(candidates)).sorted()
            var map: [Int64: Int32] = [:]
            map.reserveCapacity(sorted.count)
            for (k, id) in sorted.enumerated() { map[id] = Int32(k) }
            self.init(ids: sorted, ascending: Array(0..<Int32(sorted.count)), hashed: map)
        }
    }

    /// Slots that are the positions of `ids` (which must be distinct).
    init(positionsOf ids: [Int64]) {
        var lo = Int64.max, hi = Int64.min
        for id in ids { lo = min(lo, id); hi = max(hi, id) }
        if let span = Self.denseSpan(lo, hi, ids.count) {
            var table = [Int32](repeating: -1, count: span)
            var ascending: [Int32] = []
            ascending.reserveCapacity(ids.count)
            table.withUnsafeMutableBufferPointer { t in
                for (k, id) in ids.enumerated() {
                    precondition(t[Int(id &- lo)] < 0, "customer ids must be distinct")
                    t[Int(id &- lo)] = Int32(k)
                }
                for k in 0..<t.count where t[k] >= 0 { ascending.append(t[k]) }
            }
            self.init(ids: ids, ascending: ascending, base: lo, dense: table)
        } else {
            var map: [Int64: Int32] = [:]
            map.reserveCapacity(ids.count)
            for (k, id) in ids.enumerated() {
                precondition(map.updateValue(Int32(k), forKey: id) == nil, "customer ids must be distinct")
            }
            let ascending = (0..<Int32(ids.count)).sorted { ids[Int($0)] < ids[Int($1)] }
            self.init(ids: ids, ascending: ascending, hashed: map)
        }
    }

    private init(ids: [Int64], ascending: [Int32], base: Int64 = 0, dense: [Int32] = [], hashed: [Int64: Int32] = [:]) {
        self.ids = ids
        self.ascending = ascending
        self.base = base
        self.dense = dense
        self.hashed = hashed
        isDense = hashed.isEmpty
    }

    /// The size of a dense table for ids in `lo...hi` (n of them), nil when too sparse.
    private static func denseSpan(_ lo: Int64, _ hi: Int64, _ n: Int) -> Int? {
        guard n > 0 else { return 0 }
        let span = hi.subtractingReportingOverflow(lo)
        guard !span.overflow, span.partialValue < Int64(2 * n + 4096) else { return nil }
        return Int(span.partialValue) + 1
    }

    /// The slot of `id`, -1 when absent.
    @inline(__always)
    func slot(of id: Int64) -> Int32 {
        if isDense {
            let k = id &- base
            return k >= 0 && k < Int64(dense.count) ? dense[Int(k)] : -1
        }
        return hashed[id] ?? -1
    }
}
