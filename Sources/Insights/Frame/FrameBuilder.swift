/// Compaction shared by `EventLog.frame()` and the integer-column initializer: counting sort by
/// person (stable, so arrival order), server sessionisation in arrival order, then each person's
/// run ordered by (time, arrival); session channel/device from each session's first event.
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
    let sessionTimeoutMs: Int64

    func build(typeNames: [UInt8: String], otherCustomers: [(customer: Int64, person: Int32)]) -> EventFrame {
        let n = time.count
        // 1. Counting sort by person.
        var start = [Int32](repeating: 0, count: personCount + 1)
        person.withUnsafeBufferPointer { pp in
            start.withUnsafeMutableBufferPointer { s in
                for i in 0..<n { s[Int(pp[i]) + 1] &+= 1 }
                for p in 0..<personCount { s[p + 1] &+= s[p] }
            }
        }
        var order = [Int32](repeating: 0, count: n)
        var cursor = start
        person.withUnsafeBufferPointer { pp in
            order.withUnsafeMutableBufferPointer { o in
                cursor.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        let p = Int(pp[i])
                        o[Int(c[p])] = Int32(i)
                        c[p] &+= 1
                    }
                }
            }
        }
        cursor = []
        // 2. Sessionise in arrival order (order is arrival order within each run).
        var sessionOfSlot = [Int32](repeating: 0, count: n)
        var sessions: Int32 = 0
        var clientSessions: [Int64: Int32] = [:]
        let timeout = sessionTimeoutMs
        time.withUnsafeBufferPointer { t in
            order.withUnsafeBufferPointer { o in
                sessionOfSlot.withUnsafeMutableBufferPointer { so in
                    for p in 0..<personCount {
                        var last = Int64.min
                        var current: Int32 = -1
                        for slot in Int(start[p])..<Int(start[p + 1]) {
                            let e = Int(o[slot])
                            if let cs = clientSession, cs[e] >= 0 {
                                let key = Int64(p) << 32 | Int64(cs[e])
                                if let s = clientSessions[key] {
                                    so[slot] = s
                                } else {
                                    clientSessions[key] = sessions
                                    so[slot] = sessions
                                    sessions += 1
                                }
                                continue
                            }
                            if current < 0 || t[e] &- last > timeout {
                                current = sessions
                                sessions += 1
                            }
                            last = t[e]
                            so[slot] = current
                        }
                    }
                }
            }
        }
        // 3. Order each run by (time, arrival); runs are usually already in time order.
        time.withUnsafeBufferPointer { t in
            for p in 0..<personCount {
                let lo = Int(start[p]), hi = Int(start[p + 1])
                guard hi - lo > 1 else { continue }
                var sorted = true
                order.withUnsafeBufferPointer { o in
                    var prev = t[Int(o[lo])]
                    for slot in (lo + 1)..<hi {
                        let cur = t[Int(o[slot])]
                        if cur < prev { sorted = false; break }
                        prev = cur
                    }
                }
                if sorted { continue }
                var run = (lo..<hi).map { (order[$0], sessionOfSlot[$0]) }
                run.sort { a, b in
                    let ta = t[Int(a.0)], tb = t[Int(b.0)]
                    return ta != tb ? ta < tb : a.0 < b.0
                }
                for (k, item) in run.enumerated() {
                    order[lo + k] = item.0
                    sessionOfSlot[lo + k] = item.1
                }
            }
        }
        // 4. Gather.
        func gather<T>(_ column: [T]) -> [T] {
            column.withUnsafeBufferPointer { src in
                order.withUnsafeBufferPointer { o in
                    [T](unsafeUninitializedCapacity: n) { dst, count in
                        for i in 0..<n { dst.initializeElement(at: i, to: src[Int(o[i])]) }
                        count = n
                    }
                }
            }
        }
        let sortedTime = gather(time)
        let sortedType = gather(type)
        let sortedSku = gather(sku)
        // 5. Session channel/device: the first event of each session in (time, arrival) order.
        var sessionChannel = [UInt8](repeating: 255, count: Int(sessions))
        var sessionDevice = [UInt8](repeating: 0, count: Int(sessions))
        order.withUnsafeBufferPointer { o in
            sessionOfSlot.withUnsafeBufferPointer { so in
                for slot in 0..<n {
                    let s = Int(so[slot])
                    if sessionChannel[s] == 255 {
                        let e = Int(o[slot])
                        sessionChannel[s] = channel[e]
                        sessionDevice[s] = device[e]
                    }
                }
            }
        }
        // 6. Lookup tables.
        var present = [Bool](repeating: false, count: 256)
        sortedType.withUnsafeBufferPointer { ty in for c in ty { present[Int(c)] = true } }
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
        return EventFrame(
            personStart: start, time: sortedTime, type: sortedType, sku: sortedSku,
            session: sessionOfSlot, sessionChannel: sessionChannel, sessionDevice: sessionDevice,
            personCustomer: personCustomer, customerOrder: customerOrder, otherCustomers: others,
            typeCodes: typeCodes)
    }
}
