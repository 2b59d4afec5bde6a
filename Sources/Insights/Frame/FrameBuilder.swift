/// Compaction shared by `EventLog.frame()` and the integer-column initializer: counting sort by
/// person with one scatter pass in arrival order that also sessionises, then runs that arrived
/// out of time order are sorted by (time, arrival); session channel/device from its first event.
struct FrameBuilder {
    let person: [Int32]
    let personCount: Int
    let personCustomer: [Int64]
    let time: [Int64]
    let type: [UInt8]
    let sku: [Int32]
    let channel: [UInt8]
    let device: [UInt8]
    let clientSession: [Int32]?
    /// Campaign code of the events that name one (arrival index → code).
    var campaignOfEvent: [Int32: Int32] = [:]
    let sessionTimeoutMs: Int64

    /// Per-person state of the arrival-order pass.
    private struct PersonState {
        var cursor: Int32      // next slot of the person's run
        var session: Int32     // current server session, -1 = none yet
        var last: Int64        // time of the previous server-sessionised event (arrival order)
        var previous: Int64    // time of the previous event (arrival order)
        var latest: Int32      // the session of the person's previous event (arrival order), -1 = none
    }

    func build(
        typeNames: [UInt8: String], otherCustomers: [(customer: Int64, person: Int32)], campaignNames: [String] = []
    ) -> EventFrame {
        let n = time.count
        precondition(
            [person.count, type.count, sku.count, channel.count, device.count, clientSession?.count ?? n].allSatisfy { $0 == n }
                && personCustomer.count == personCount && n < Int(Int32.max),
            "event columns must have equal length")
        // 1. Run starts: counting sort by person.
        var start = [Int32](repeating: 0, count: personCount + 1)
        person.withUnsafeBufferPointer { pp in
            start.withUnsafeMutableBufferPointer { s in
                for i in 0..<n {
                    let p = Int(pp[i])
                    precondition(p >= 0 && p < personCount, "person id out of range")
                    s[p + 1] &+= 1
                }
                for p in 0..<personCount { s[p + 1] &+= s[p] }
            }
        }
        // 2. One pass in arrival order gives each event its slot in its person's run (runs are
        //    in arrival order), sessionises, and gives each session the channel/device of its
        //    earliest event (ties: first arrival). Its writes are sequential; the per-person and
        //    per-session state it touches at once is small because arrival is roughly time order.
        var state = [PersonState](unsafeUninitializedCapacity: personCount) { buf, count in
            for p in 0..<personCount {
                buf.initializeElement(at: p, to: PersonState(cursor: start[p], session: -1, last: 0, previous: .min, latest: -1))
            }
            count = personCount
        }
        var slotOf = [Int32](unsafeUninitializedCapacity: n) { _, count in count = n }
        var sessionOf = [Int32](unsafeUninitializedCapacity: n) { _, count in count = n }
        var sessionChannel: [UInt8] = [], sessionDevice: [UInt8] = [], sessionFirstEvent: [Int32] = []
        var unsorted: [Int32] = []
        let client = clientSession ?? []
        person.withUnsafeBufferPointer { pp in
        time.withUnsafeBufferPointer { tt in
        type.withUnsafeBufferPointer { ty in
        channel.withUnsafeBufferPointer { chan in
        device.withUnsafeBufferPointer { dev in
        client.withUnsafeBufferPointer { cs in
        slotOf.withUnsafeMutableBufferPointer { slots in
        sessionOf.withUnsafeMutableBufferPointer { sessions in
        state.withUnsafeMutableBufferPointer { st in
            (sessionChannel, sessionDevice, sessionFirstEvent, unsorted) = Self.assignSlots(
                person: pp, time: tt, type: ty, channel: chan, device: dev, client: clientSession == nil ? nil : cs,
                timeout: sessionTimeoutMs, state: st, slots: slots, sessions: sessions)
        }}}}}}}}}
        state = []
        // Scatter one column at a time (one random-write stream per pass stays TLB-friendly).
        func scatter<T>(_ column: [T]) -> [T] {
            [T](unsafeUninitializedCapacity: n) { out, count in
                column.withUnsafeBufferPointer { src in
                    slotOf.withUnsafeBufferPointer { slots in
                        for i in 0..<n { out.initializeElement(at: Int(slots[i]), to: src[i]) }
                    }
                }
                count = n
            }
        }
        var outTime = scatter(time)
        var outType = scatter(type)
        var outSku = scatter(sku)
        var outSession = scatter(sessionOf)
        slotOf = []
        sessionOf = []
        var present = [Bool](repeating: false, count: 256)
        outType.withUnsafeBufferPointer { ty in for c in ty { present[Int(c)] = true } }
        // 3. Runs that arrived out of time order: stable sort by time (ties keep arrival order).
        for p32 in unsorted {
            let lo = Int(start[Int(p32)]), hi = Int(start[Int(p32) + 1])
            let run = (lo..<hi).sorted { a, b in
                outTime[a] != outTime[b] ? outTime[a] < outTime[b] : a < b
            }
            let times = run.map { outTime[$0] }, types = run.map { outType[$0] }
            let skus = run.map { outSku[$0] }, sessions = run.map { outSession[$0] }
            for k in 0..<run.count {
                outTime[lo + k] = times[k]; outType[lo + k] = types[k]
                outSku[lo + k] = skus[k]; outSession[lo + k] = sessions[k]
            }
        }
        let sortedTime = outTime, sortedType = outType, sortedSku = outSku, sessionOfSlot = outSession
        // 6. Lookup tables.
        var typeCodes: [String: UInt8] = [:]
        for (code, name) in typeNames where present[Int(code)] { typeCodes[name] = code }
        var customerOrder: [Int32] = []
        var increasing = true
        var prev = Int64.min
        for p in 0..<personCount where personCustomer[p] != 0 {
            if personCustomer[p] <= prev { increasing = false }
            prev = personCustomer[p]
            customerOrder.append(Int32(p))
        }
        if !increasing { customerOrder.sort { personCustomer[Int($0)] < personCustomer[Int($1)] } }
        var others: [Int64: Int32] = [:]
        for item in otherCustomers { others[item.customer] = item.person }
        var sessionCampaign: [Int32: Int32] = [:]
        if !campaignOfEvent.isEmpty {
            for (s, first) in sessionFirstEvent.enumerated() {
                if let campaign = campaignOfEvent[first] { sessionCampaign[Int32(s)] = campaign }
            }
        }
        return EventFrame(
            personStart: start, time: sortedTime, type: sortedType, sku: sortedSku,
            session: sessionOfSlot, sessionChannel: sessionChannel, sessionDevice: sessionDevice,
            personCustomer: personCustomer, customerOrder: customerOrder, otherCustomers: others,
            typeCodes: typeCodes, sessionCampaign: sessionCampaign, campaignNames: campaignNames)
    }

    /// The arrival-order pass: slot of each event in its person's run, its session, and the
    /// channel/device of each session's earliest event. Returns the people whose events arrived
    /// out of time order.
    private static func assignSlots(
        person pp: UnsafeBufferPointer<Int32>, time tt: UnsafeBufferPointer<Int64>, type ty: UnsafeBufferPointer<UInt8>,
        channel chan: UnsafeBufferPointer<UInt8>, device dev: UnsafeBufferPointer<UInt8>,
        client cs: UnsafeBufferPointer<Int32>?, timeout: Int64, state st: UnsafeMutableBufferPointer<PersonState>,
        slots: UnsafeMutableBufferPointer<Int32>, sessions: UnsafeMutableBufferPointer<Int32>
    ) -> (channel: [UInt8], device: [UInt8], firstEvent: [Int32], unsorted: [Int32]) {
        let n = tt.count
        var sessionChannel: [UInt8] = [], sessionDevice: [UInt8] = [], sessionFirst: [Int64] = []
        var sessionFirstEvent: [Int32] = []  // arrival index of each session's earliest event
        sessionFirstEvent.reserveCapacity(n / 4 + 16)
        sessionChannel.reserveCapacity(n / 4 + 16)
        sessionDevice.reserveCapacity(n / 4 + 16)
        sessionFirst.reserveCapacity(n / 4 + 16)
        var clientSessions: [Int64: Int32] = [:]
        var unsorted: [Int32] = []
        for i in 0..<n {
            let p = Int(pp[i])
            let t = tt[i]
            slots[i] = st[p].cursor
            st[p].cursor &+= 1
            if t < st[p].previous && unsorted.last != Int32(p) { unsorted.append(Int32(p)) }
            st[p].previous = t
            var s: Int32
            if let cs, cs[i] >= 0 {
                let key = Int64(p) << 32 | Int64(cs[i])
                s = clientSessions[key] ?? -1
                if s < 0 {
                    s = Int32(sessionFirst.count)
                    clientSessions[key] = s
                    sessionChannel.append(chan[i]); sessionDevice.append(dev[i]); sessionFirst.append(t)
                    sessionFirstEvent.append(Int32(i))
                } else if t < sessionFirst[Int(s)] {
                    sessionFirst[Int(s)] = t
                    sessionFirstEvent[Int(s)] = Int32(i)
                    sessionChannel[Int(s)] = chan[i]
                    sessionDevice[Int(s)] = dev[i]
                }
            } else if st[p].latest >= 0, ty[i] == StandardEvent.orderPlaced.rawValue || ty[i] == StandardEvent.orderPaid.rawValue {
                // Order events the commerce core records (placing, paying) are not visits: they
                // join the person's latest session instead of opening one.
                s = st[p].latest
            } else {
                s = st[p].session
                if s < 0 || t &- st[p].last > timeout {
                    s = Int32(sessionFirst.count)
                    st[p].session = s
                    sessionChannel.append(chan[i]); sessionDevice.append(dev[i]); sessionFirst.append(t)
                    sessionFirstEvent.append(Int32(i))
                } else if t < sessionFirst[Int(s)] {
                    sessionFirst[Int(s)] = t
                    sessionFirstEvent[Int(s)] = Int32(i)
                    sessionChannel[Int(s)] = chan[i]
                    sessionDevice[Int(s)] = dev[i]
                }
                st[p].last = t
            }
            sessions[i] = s
            st[p].latest = s
        }
        return (sessionChannel, sessionDevice, sessionFirstEvent, unsorted)
    }
}
