/// Dense slots `0..<count` for a set of customer ids, in ascending id order.
///
/// Ids within a small range (the usual case: database row ids) map by subtraction; scattered
/// ids through a hash map. `slot(of:)` is -1 for an id not in the set.
struct CustomerSlots: Sendable {
    /// Id of each slot, ascending.
    let ids: [Int64]
    private let base: Int64
    /// Slot by `id - base` (dense mode), -1 = absent.
    private let dense: [Int32]
    private let hashed: [Int64: Int32]
    private let isDense: Bool

    var count: Int { ids.count }

    /// Slots of the distinct ids among `candidates` (any order, repeats allowed).
    init(distinct candidates: [Int64]) {
        var lo = Int64.max, hi = Int64.min
        for id in candidates { lo = min(lo, id); hi = max(hi, id) }
        if candidates.isEmpty {
            ids = []; base = 0; dense = []; hashed = [:]; isDense = true
            return
        }
        let span = hi.subtractingReportingOverflow(lo)
        if !span.overflow && span.partialValue < Int64(2 * candidates.count + 4096) {
            var present = [Bool](repeating: false, count: Int(span.partialValue) + 1)
            for id in candidates { present[Int(id - lo)] = true }
            var table = [Int32](repeating: -1, count: present.count)
            var ids: [Int64] = []
            for k in 0..<present.count where present[k] {
                table[k] = Int32(ids.count)
                ids.append(lo + Int64(k))
            }
            self.ids = ids; base = lo; dense = table; hashed = [:]; isDense = true
        } else {
            let sortedIDs = Array(Set(candidates)).sorted()
            var map: [Int64: Int32] = [:]
            map.reserveCapacity(sortedIDs.count)
            for (k, id) in sortedIDs.enumerated() { map[id] = Int32(k) }
            ids = sortedIDs; base = 0; dense = []; hashed = map; isDense = false
        }
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
