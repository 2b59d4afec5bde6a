/// A shop calendar's zone offsets cached for a range of instants: buckets by arithmetic.
///
/// The offset is sampled once per UTC day over the range and each change is located to the
/// second, so zones with DST or changed offsets bucket exactly; outside the range the offset of
/// the nearest end is used.
public struct LocalClock: Sendable {
    /// Instants at which an offset begins (first entry: Int64.min), and the offsets (ms).
    let changes: [Int64]
    let offsets: [Int64]
    let fixed: Int64?

    init(calendar: ShopCalendar, from: Int64, to: Int64) {
        let day = ShopCalendar.msPerDay
        precondition(from <= to && to.subtractingReportingOverflow(from).overflow == false
            && to - from <= 400 * 366 * day, "a clock covers at most 400 years")
        var changes: [Int64] = [Int64.min]
        var offsets: [Int64] = [calendar.offsetMs(at: from)]
        var t = from
        let end = max(from, to)
        while t < end {
            let next = min(t + day, end)
            let off = calendar.offsetMs(at: next)
            if off != offsets[offsets.count - 1] {
                // Binary search the first second with the new offset in (t, next].
                var lo = t, hi = next
                while hi - lo > 1000 {
                    let mid = lo + (hi - lo) / 2
                    if calendar.offsetMs(at: mid) == off { hi = mid } else { lo = mid }
                }
                changes.append(hi)
                offsets.append(off)
            }
            t = next
        }
        self.changes = changes
        self.offsets = offsets
        fixed = offsets.count == 1 ? offsets[0] : nil
    }

    /// The zone offset (ms) at an instant.
    @inline(__always)
    public func offset(_ ms: Int64) -> Int64 {
        if let fixed { return fixed }
        var i = changes.count - 1
        while changes[i] > ms { i -= 1 }
        return offsets[i]
    }

    /// Local days since 1970-01-01.
    @inline(__always)
    public func day(_ ms: Int64) -> Int32 {
        Int32(truncatingIfNeeded: ShopCalendar.floorDiv(ms &+ offset(ms), ShopCalendar.msPerDay))
    }
}
