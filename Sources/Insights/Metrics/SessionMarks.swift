/// "Last mark" per session while scanning one person at a time: a short list for the usual few
/// sessions of a person (cache-friendly), a shared array over all sessions for people with many.
/// A session belongs to one person, so marks never need clearing between people.
struct SessionMarks {
    private var ids: [Int32] = []
    private var marks: [Int32] = []
    private var global: [Int32] = []
    private var usingGlobal = false
    private let sessionCount: Int
    private static let shortList = 16

    init(sessionCount: Int) {
        self.sessionCount = sessionCount
        ids.reserveCapacity(Self.shortList)
        marks.reserveCapacity(Self.shortList)
    }

    /// Starts the next person.
    @inline(__always)
    mutating func reset() {
        ids.removeAll(keepingCapacity: true)
        marks.removeAll(keepingCapacity: true)
        usingGlobal = false
    }

    /// Sets session `s`'s mark to `m`; true if it was different (or unset).
    @inline(__always)
    mutating func mark(_ s: Int32, _ m: Int32) -> Bool {
        if usingGlobal {
            if global[Int(s)] == m { return false }
            global[Int(s)] = m
            return true
        }
        var i = ids.count - 1
        while i >= 0 {
            if ids[i] == s {
                if marks[i] == m { return false }
                marks[i] = m
                return true
            }
            i -= 1
        }
        if ids.count == Self.shortList {
            if global.isEmpty { global = [Int32](repeating: -1, count: sessionCount) }
            for k in 0..<ids.count { global[Int(ids[k])] = marks[k] }
            usingGlobal = true
            global[Int(s)] = m
            return true
        }
        ids.append(s)
        marks.append(m)
        return true
    }
}
