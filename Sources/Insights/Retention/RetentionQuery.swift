/// What puts a person in a cohort.
public enum RetentionCohort: Sendable, Equatable {
    /// The period of the person's first event in the frame.
    case firstEvent
    /// The period of the person's first paid order: ms per person (`firstPaid[p]`), or
    /// `RetentionCohort.never` for people who never paid. Orders are outside the event frame,
    /// so the caller passes these times in.
    case firstPaid([Int64])

    /// Marks a person without a paid order in `.firstPaid`.
    public static let never = Int64.min

    /// `.firstPaid` from a person → first-paid-ms map.
    public static func firstPaid(byPerson: [Int32: Int64], personCount: Int) -> RetentionCohort {
        var column = [Int64](repeating: never, count: personCount)
        for (p, ms) in byPerson where Int(p) < personCount && p >= 0 { column[Int(p)] = ms }
        return .firstPaid(column)
    }
}

/// Bounded ("on period N") or unbounded ("on or after period N") retention.
public enum RetentionMode: String, CaseIterable, Sendable {
    case bounded, unbounded
}

/// A retention matrix over the report range `[from, to)` (docs/analytics.md, "Retention").
///
/// Cohorts are the periods of the range; a person whose cohort event falls outside it is in no
/// cohort. Return events are read inside the range only; periods run up to the range's last.
public struct RetentionQuery: Sendable {
    public var calendar: ShopCalendar
    public var period: CalendarPeriod
    public var from: Int64
    public var to: Int64
    public var cohort: RetentionCohort
    /// Type code of the return event; nil = any event.
    public var returnType: UInt8?
    public var mode: RetentionMode

    public init(
        calendar: ShopCalendar, period: CalendarPeriod, from: Int64, to: Int64,
        cohort: RetentionCohort = .firstEvent, returnType: UInt8? = nil, mode: RetentionMode = .bounded
    ) {
        self.calendar = calendar
        self.period = period
        self.from = from
        self.to = to
        self.cohort = cohort
        self.returnType = returnType
        self.mode = mode
    }

    /// Computes the matrix in one pass over each person's run.
    public func run(on frame: EventFrame) -> RetentionMatrix {
        guard to > from else { return RetentionMatrix(period: period, mode: mode, cohorts: []) }
        let clock = calendar.clock(from: from, to: to)
        let firstDay = clock.day(from), lastDay = clock.day(to - 1)
        // Bucket of each local day of the range (one table lookup per event in the hot loop).
        let bucketOfDay = (firstDay...lastDay).map { ShopCalendar.bucket(ofDay: $0, period) }
        let firstBucket = bucketOfDay[0]
        let buckets = Int(bucketOfDay[bucketOfDay.count - 1] - firstBucket) + 1
        var size = [Int](repeating: 0, count: buckets)
        var retained = [Int](repeating: 0, count: buckets * buckets)  // [cohort * buckets + N]
        // Start instant of every bucket, and the end of the last: events are in time order within
        // a person, so the bucket only ever moves forward and is found by comparing with the next edge.
        var edges = (0...buckets).map { calendar.start(of: firstBucket + Int32($0), period) }
        edges[buckets] = Int64.max
        let wantType = Int(returnType ?? 0), anyType = returnType == nil
        let from = from, to = to
        let bounded = mode == .bounded
        var paidColumn: [Int64] = []
        var byFirstEvent = true
        if case .firstPaid(let column) = cohort {
            paidColumn = column
            byFirstEvent = false
        }
        frame.time.withUnsafeBufferPointer { time in
            frame.type.withUnsafeBufferPointer { type in
                frame.personStart.withUnsafeBufferPointer { start in
                    bucketOfDay.withUnsafeBufferPointer { dayBucket in
                    edges.withUnsafeBufferPointer { edge in
                    retained.withUnsafeMutableBufferPointer { retained in
                        for p in 0..<(start.count - 1) {
                            let lo = Int(start[p]), hi = Int(start[p + 1])
                            guard lo < hi else { continue }
                            let cohortTime: Int64
                            if byFirstEvent {
                                cohortTime = time[lo]
                            } else {
                                guard p < paidColumn.count else { continue }
                                cohortTime = paidColumn[p]
                            }
                            guard cohortTime >= from && cohortTime < to else { continue }
                            let c = Int(dayBucket[Int(clock.day(cohortTime) - firstDay)] - firstBucket)
                            size[c] += 1
                            let row = c * buckets
                            var b = c, nextEdge = edge[c + 1]
                            var lastN = 0  // the latest period N marked (bounded) or reached (unbounded)
                            var e = lo
                            while e < hi && time[e] < cohortTime { e += 1 }
                            while e < hi {
                                let t = time[e]
                                e += 1
                                if t >= to { break }
                                if t >= nextEdge {
                                    repeat { b += 1 } while t >= edge[b + 1]
                                    nextEdge = edge[b + 1]
                                }
                                let n = b - c
                                guard n > lastN, anyType || Int(type[e - 1]) == wantType else { continue }
                                lastN = n
                                if bounded { retained[row + n] += 1 }
                            }
                            if !bounded && lastN > 0 { retained[row + lastN] += 1 }
                        }
                    }
                    }
                    }
                }
            }
        }
        var rows: [RetentionRow] = []
        for c in 0..<buckets {
            let periods = buckets - c
            var counts = Array(retained[(c * buckets)..<(c * buckets + periods)])
            if !bounded {  // people whose last return is at N count for every period up to N
                for n in stride(from: periods - 2, through: 1, by: -1) { counts[n] += counts[n + 1] }
            }
            counts[0] = size[c]
            let b = firstBucket + Int32(c)
            rows.append(RetentionRow(bucket: b, label: calendar.label(b, period), size: size[c], retained: counts))
        }
        return RetentionMatrix(period: period, mode: mode, cohorts: rows)
    }
}
