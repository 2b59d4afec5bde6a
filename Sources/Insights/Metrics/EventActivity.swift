/// Event-side counts of the KPIs for consecutive buckets of a period, from one scan of the frame:
/// page views, people, sessions, sessions with an add-to-cart, daily people, and the people of the
/// 7 and 30 days ending on each bucket's last day.
public struct EventActivity: Sendable, Equatable {
    /// Local days (inclusive) of each bucket, clipped to the period.
    public let bucketFirstDay: [Int32]
    public let bucketLastDay: [Int32]
    public var pv: [Int]
    public var uv: [Int]
    public var sessions: [Int]
    public var addToCartSessions: [Int]
    /// Sum over the bucket's days of that day's distinct people.
    public var personDays: [Int]
    public var wau: [Int]
    public var mau: [Int]

    /// The whole period as one bucket.
    public init(frame: EventFrame, period: ReportPeriod, calendar: ShopCalendar) {
        self.init(frame: frame, period: period, calendar: calendar, by: nil)
    }

    /// One bucket per calendar day, ISO week or month of the period (clipped to it); nil: one bucket.
    public init(frame: EventFrame, period: ReportPeriod, calendar: ShopCalendar, by: CalendarPeriod?) {
        // Buckets as runs of days.
        var firsts: [Int32] = [], lasts: [Int32] = []
        var bucketOfDay = [Int32](repeating: 0, count: period.dayCount)
        for d in period.firstDay...period.lastDay {
            let newBucket: Bool
            if let by { newBucket = firsts.isEmpty || ShopCalendar.bucket(ofDay: d, by) != ShopCalendar.bucket(ofDay: d - 1, by) }
            else { newBucket = firsts.isEmpty }
            if newBucket { firsts.append(d); lasts.append(d) } else { lasts[lasts.count - 1] = d }
            bucketOfDay[Int(d - period.firstDay)] = Int32(firsts.count - 1)
        }
        bucketFirstDay = firsts
        bucketLastDay = lasts
        let k = firsts.count
        pv = Array(repeating: 0, count: k)
        uv = pv; sessions = pv; addToCartSessions = pv; personDays = pv; wau = pv; mau = pv

        // Days scanned: the period plus the 29 days before it (for the 30-day active window).
        let scanFirst = period.firstDay - 29
        let scanDays = Int(period.lastDay - scanFirst) + 1
        let scanFrom = calendar.start(ofDay: scanFirst), scanTo = period.to, from = period.from
        // For an active day d: buckets whose last day L satisfies d ≤ L ≤ d + w − 1 form the
        // range lo[d] ... hi[d] (empty when hi < lo).
        var lo = [Int32](repeating: 0, count: scanDays)
        var hi7 = lo, hi30 = lo
        for i in 0..<scanDays {
            let d = scanFirst + Int32(i)
            var a = 0
            while a < k && lasts[a] < d { a += 1 }
            lo[i] = Int32(a)
            var b7 = a - 1, b30 = a - 1
            while b7 + 1 < k && lasts[b7 + 1] <= d + 6 { b7 += 1 }
            while b30 + 1 < k && lasts[b30 + 1] <= d + 29 { b30 += 1 }
            hi7[i] = Int32(b7)
            hi30[i] = Int32(b30)
        }

        let clock = calendar.clock(from: scanFrom, to: scanTo)
        let pageView = StandardEvent.pageView.rawValue, addToCart = StandardEvent.addToCart.rawValue
        var lastSession = SessionMarks(sessionCount: frame.sessionCount)
        var lastCart = lastSession
        let firstDay = period.firstDay
        var pvC = pv, uvC = pv, sessC = pv, cartC = pv, pdC = pv, wauC = pv, mauC = pv

        frame.time.withUnsafeBufferPointer { time in
        frame.type.withUnsafeBufferPointer { type in
        frame.session.withUnsafeBufferPointer { session in
        frame.personStart.withUnsafeBufferPointer { start in
            for p in 0..<(start.count - 1) {
                lastSession.reset()
                lastCart.reset()
                var lastDay = Int32.min, lastBucket: Int32 = -1
                var covered7: Int32 = -1, covered30: Int32 = -1
                for e in Int(start[p])..<Int(start[p + 1]) {
                    let t = time[e]
                    if t < scanFrom { continue }
                    if t >= scanTo { break }  // a person's events are in time order
                    let d = clock.day(t)
                    if d != lastDay {
                        lastDay = d
                        let i = Int(d - scanFirst)
                        if i >= 0 && i < scanDays {
                            var b = max(lo[i], covered7 + 1)
                            while b <= hi7[i] { wauC[Int(b)] += 1; b += 1 }
                            covered7 = max(covered7, hi7[i])
                            b = max(lo[i], covered30 + 1)
                            while b <= hi30[i] { mauC[Int(b)] += 1; b += 1 }
                            covered30 = max(covered30, hi30[i])
                        }
                        if t >= from && d >= firstDay {
                            pdC[Int(bucketOfDay[Int(d - firstDay)])] += 1
                        }
                    }
                    if t < from || d < firstDay { continue }
                    let b = bucketOfDay[Int(d - firstDay)]
                    if b != lastBucket { uvC[Int(b)] += 1; lastBucket = b }
                    let s = session[e]
                    if lastSession.mark(s, b) { sessC[Int(b)] += 1 }
                    let ty = type[e]
                    if ty == pageView { pvC[Int(b)] += 1 }
                    else if ty == addToCart && lastCart.mark(s, b) { cartC[Int(b)] += 1 }
                }
            }
        }}}}
        pv = pvC; uv = uvC; sessions = sessC; addToCartSessions = cartC; personDays = pdC; wau = wauC; mau = mauC
    }

    public var bucketCount: Int { bucketFirstDay.count }

    /// Mean daily people of bucket `k`.
    public func dau(_ k: Int) -> Double {
        Double(personDays[k]) / Double(Int(bucketLastDay[k] - bucketFirstDay[k]) + 1)
    }
}
