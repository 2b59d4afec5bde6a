/// Scans each person's contiguous run once with fixed-size state (docs/analytics.md, "Funnels").
struct FunnelEngine {
    let query: FunnelQuery
    let frame: EventFrame
    let matcher: StepMatcher
    let anyFiltered: Bool

    init(query: FunnelQuery, frame: EventFrame) {
        self.query = query
        self.frame = frame
        matcher = StepMatcher(steps: query.steps)
        anyFiltered = query.steps.contains { $0.isFiltered }
    }

    /// Furthest step index reached (-1 = none), the session that starts the first attempt, and
    /// the time to convert of the first completed attempt (-1 = none).
    struct Outcome {
        var reached: Int = -1
        var session: Int32 = -1
        var convertMs: Int64 = -1
    }

    func run() -> FunnelResult {
        let n = query.steps.count
        var counts = [Int](repeating: 0, count: n)  // people whose furthest step is k
        let groupCount = query.breakdown == nil ? 0 : (query.breakdown == .channel ? Channel.allCases.count : Device.allCases.count)
        var groupCounts = [Int](repeating: 0, count: groupCount * n)
        var convertTimes: [Int64] = []
        let slots = UnsafeMutablePointer<Int64>.allocate(capacity: 16)
        defer { slots.deallocate() }
        var buffer: [(t: Int64, mask: UInt16, session: Int32)] = []
        let byChannel = query.breakdown == .channel
        frame.withView { view in
            for p in 0..<view.personCount {
                let lo = Int(view.personStart[p]), hi = Int(view.personStart[p + 1])
                guard lo < hi else { continue }
                let outcome: Outcome
                switch query.mode {
                case .ordered: outcome = ordered(lo, hi, view, strict: false, slots)
                case .strict: outcome = ordered(lo, hi, view, strict: true, slots)
                case .unordered: outcome = unordered(lo, hi, view, &buffer)
                }
                guard outcome.reached >= 0 else { continue }
                counts[outcome.reached] += 1
                if outcome.convertMs >= 0 { convertTimes.append(outcome.convertMs) }
                if groupCount > 0 {
                    let s = Int(outcome.session)
                    let g = Int(byChannel ? view.sessionChannel[s] : view.sessionDevice[s])
                    if g < groupCount { groupCounts[g * n + outcome.reached] += 1 }
                }
            }
        }
        func cumulative(_ furthest: ArraySlice<Int>) -> [Int] {
            var out = Array(furthest)
            for k in stride(from: n - 2, through: 0, by: -1) { out[k] += out[k + 1] }
            return out
        }
        var groups: [FunnelGroup] = []
        for g in 0..<groupCount {
            let c = cumulative(groupCounts[(g * n)..<(g * n + n)])
            guard c[0] > 0 else { continue }
            let name = byChannel ? Channel(rawValue: UInt8(g))!.name : Device(rawValue: UInt8(g))!.name
            groups.append(FunnelGroup(code: UInt8(g), name: name, steps: FunnelCounts(counts: c)))
        }
        return FunnelResult(
            steps: FunnelCounts(counts: cumulative(counts[...])),
            medianTimeToConvertMs: Self.median(&convertTimes), groups: groups)
    }

    static func median(_ values: inout [Int64]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let mid = values.count / 2
        if values.count % 2 == 1 { return Double(values[mid]) }
        return (Double(values[mid - 1]) + Double(values[mid])) / 2
    }

    /// Ordered and strict: `slot[k]` is the start of the latest-starting attempt at step k.
    /// Steps are checked from last to first so one event advances an attempt at most one step.
    @inline(__always)
    func ordered(_ lo: Int, _ hi: Int, _ view: FrameView, strict: Bool, _ slot: UnsafeMutablePointer<Int64>) -> Outcome {
        let last = query.steps.count - 1
        let window = query.windowMs, from = query.from, to = query.to
        var outcome = Outcome()
        for k in 0...last { slot[k] = .min }
        var e = lo
        while e < hi && view.time[e] < from { e += 1 }
        while e < hi {
            let t = view.time[e]
            if t >= to { break }
            let m = anyFiltered ? matcher.mask(e, view) : matcher.plain[Int(view.type[e])]
            if !strict {
                // Only the steps this event matches can change: highest first.
                var bits = m & ~1
                while bits != 0 {
                    let k = 15 - bits.leadingZeroBitCount
                    bits &= ~(1 << UInt16(k))
                    let start = slot[k - 1]
                    if start != .min && t - start <= window {
                        slot[k] = start
                        if k > outcome.reached { outcome.reached = k }
                        if k == last && outcome.convertMs < 0 { outcome.convertMs = t - start }
                    }
                }
            } else {
                // Every attempt either takes this event as its next step or is abandoned.
                var k = last
                while k > 0 {
                    let start = slot[k - 1]
                    if start != .min {
                        if m & (1 << UInt16(k)) != 0 && t - start <= window {
                            slot[k] = start
                            if k > outcome.reached { outcome.reached = k }
                            if k == last && outcome.convertMs < 0 { outcome.convertMs = t - start }
                        }
                        slot[k - 1] = .min
                    }
                    k -= 1
                }
            }
            if m & 1 != 0 {
                slot[0] = t
                if outcome.reached < 0 {
                    outcome.reached = 0
                    outcome.session = view.session[e]
                }
            }
            e += 1
        }
        return outcome
    }

    /// Unordered: every matching event anchors a window; later events in it are assigned
    /// greedily to the first step they match that is still unmatched. The time to convert is that
    /// of the window that completes first (at the earliest completing event; of the windows it
    /// completes, the latest-starting one), as in the ordered modes.
    func unordered(_ lo: Int, _ hi: Int, _ view: FrameView, _ buffer: inout [(t: Int64, mask: UInt16, session: Int32)]) -> Outcome {
        let n = query.steps.count
        let full: UInt16 = (1 << UInt16(n)) - 1
        buffer.removeAll(keepingCapacity: true)
        for e in lo..<hi {
            let t = view.time[e]
            if t < query.from { continue }
            if t >= query.to { break }
            let m = matcher.mask(e, view)
            if m != 0 { buffer.append((t, m, view.session[e])) }
        }
        var outcome = Outcome()
        guard let first = buffer.first else { return outcome }
        outcome.session = first.session
        var firstCompletion = Int.max  // index of the earliest completing event so far
        for i in buffer.indices {
            // A window anchored after the earliest completion cannot complete earlier.
            if i > firstCompletion { break }
            var matched: UInt16 = 0
            var j = i
            while j < buffer.count && j <= firstCompletion && buffer[j].t - buffer[i].t <= query.windowMs {
                let free = buffer[j].mask & ~matched
                if free != 0 {
                    matched |= free & (0 &- free)
                    if matched == full {
                        // j <= firstCompletion and i is later than any earlier anchor: this window
                        // completes first, or as early and starts later.
                        firstCompletion = j
                        outcome.convertMs = buffer[j].t - buffer[i].t
                        break
                    }
                }
                j += 1
            }
            outcome.reached = max(outcome.reached, matched.nonzeroBitCount - 1)
        }
        return outcome
    }
}
