/// Fills the columns of a `CustomerTable` pass by pass (orders, events, categories, RFM).
struct CustomerTableBuilder {
    let customers: [Int64]
    let asOf: Int64
    let asOfDay: Int32
    let calendar: ShopCalendar
    let rules: LifecycleRules
    let slots: CustomerSlots
    /// Row of each slot (slots are in ascending id order).
    let rowOfSlot: [Int32]
    let rowsByID: [Int32]
    /// Row of each order counted (paid at or before `asOf`, of a customer in the table), else -1.
    var orderRow: [Int32] = []

    var orders: [Int32], spend: [Int64], aov: [Int64]
    var firstAt: [Int64], lastAt: [Int64], firstDay: [Int32], lastDay: [Int32], daysSinceLast: [Int32]
    var r: [UInt8], f: [UInt8], m: [UInt8], segment: [UInt8]
    var lifecycle: [UInt8] = [], intent: [UInt8] = []
    var views: [Int32], carts: [Int32]
    var categoryStart: [Int32] = [], categoryCodes: [Int32] = [], categoryIDs: [Int32] = []

    init(customers: [Int64], asOf: Int64, calendar: ShopCalendar, rules: LifecycleRules) {
        self.customers = customers
        self.asOf = asOf
        self.calendar = calendar
        self.rules = rules
        asOfDay = calendar.dayIndex(asOf)
        slots = CustomerSlots(distinct: customers)
        precondition(slots.count == customers.count, "customer ids must be distinct")
        var rowOfSlot = [Int32](repeating: 0, count: customers.count)
        for (row, id) in customers.enumerated() { rowOfSlot[Int(slots.slot(of: id))] = Int32(row) }
        self.rowOfSlot = rowOfSlot
        rowsByID = rowOfSlot
        let n = customers.count
        orders = [Int32](repeating: 0, count: n)
        spend = [Int64](repeating: 0, count: n)
        aov = [Int64](repeating: 0, count: n)
        firstAt = [Int64](repeating: -1, count: n)
        lastAt = [Int64](repeating: -1, count: n)
        firstDay = [Int32](repeating: CustomerTable.noDay, count: n)
        lastDay = [Int32](repeating: CustomerTable.noDay, count: n)
        daysSinceLast = [Int32](repeating: -1, count: n)
        r = [UInt8](repeating: 0, count: n)
        f = r
        m = r
        segment = [UInt8](repeating: CustomerTable.noSegment, count: n)
        views = [Int32](repeating: 0, count: n)
        carts = views
    }

    @inline(__always)
    func row(of id: Int64) -> Int32 {
        let s = slots.slot(of: id)
        return s < 0 ? -1 : rowOfSlot[Int(s)]
    }

    /// Orders, spend, AOV, first / last paid order, lifecycle stage.
    mutating func addOrders(_ o: OrderFacts) {
        orderRow = [Int32](repeating: -1, count: o.orderCount)
        for i in 0..<o.orderCount {
            let paid = o.paidAt[i]
            guard paid >= 0 && paid <= asOf && o.customer[i] != 0 else { continue }
            let row = row(of: o.customer[i])
            guard row >= 0 else { continue }
            let k = Int(row)
            orderRow[i] = row
            orders[k] += 1
            spend[k] += o.total[i]
            if firstAt[k] < 0 || paid < firstAt[k] { firstAt[k] = paid }
            if paid > lastAt[k] { lastAt[k] = paid }
        }
        for x in 0..<o.refundCount where o.refundAt[x] <= asOf {
            let row = orderRow[Int(o.refundOrder[x])]
            if row >= 0 { spend[Int(row)] -= o.refundAmount[x] }
        }
        var earliest = asOf
        for t in firstAt where t >= 0 { earliest = min(earliest, t) }
        let clock = calendar.clock(from: earliest, to: asOf + 1)
        for k in 0..<customers.count {
            if spend[k] < 0 { spend[k] = 0 }
            aov[k] = MoneyMath.ratio(spend[k], Int64(orders[k]))
            var sinceFirst: Int?, sinceLast: Int?
            if firstAt[k] >= 0 {
                firstDay[k] = clock.day(firstAt[k])
                lastDay[k] = clock.day(lastAt[k])
                daysSinceLast[k] = asOfDay - lastDay[k]
                sinceFirst = Int(asOfDay - firstDay[k])
                sinceLast = Int(daysSinceLast[k])
            }
            lifecycle.append(rules.stage(daysSinceFirstOrder: sinceFirst, daysSinceLastOrder: sinceLast).code)
        }
    }

    /// Views and add-to-carts in the intent window, and the intent (after `addOrders`).
    mutating func addEvents(_ frame: EventFrame?) {
        let start = calendar.start(ofDay: asOfDay - Int32(rules.intentDays) + 1)
        if let frame {
            let view = StandardEvent.productView.code, cart = StandardEvent.addToCart.code
            for k in 0..<customers.count {
                guard let p = frame.person(ofCustomer: customers[k]) else { continue }
                let events = frame.events(of: Int(p))
                // Events of a person are sorted by time: find the window's first.
                var lo = events.lowerBound, hi = events.upperBound
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if frame.time[mid] < start { lo = mid + 1 } else { hi = mid }
                }
                var v: Int32 = 0, c: Int32 = 0
                var e = lo
                while e < events.upperBound && frame.time[e] <= asOf {
                    let t = frame.type[e]
                    if t == view { v += 1 } else if t == cart { c += 1 }
                    e += 1
                }
                views[k] = v
                carts[k] = c
            }
        }
        intent = (0..<customers.count).map { k in
            rules.intent(views: Int(views[k]), carts: Int(carts[k]), boughtInWindow: lastAt[k] >= start).code
        }
    }

    /// Categories of the lines of counted orders (after `addOrders`).
    mutating func addCategories(_ o: OrderFacts, categoryOfSKU: [Int32: Int32]) {
        categoryIDs = Array(Set(categoryOfSKU.values)).sorted()
        var codeOfCategory: [Int32: Int32] = [:]
        for (k, c) in categoryIDs.enumerated() { codeOfCategory[c] = Int32(k) }
        let skuCode = categoryOfSKU.mapValues { codeOfCategory[$0]! }
        var pairs: [(row: Int32, code: Int32)] = []
        for l in 0..<o.lineCount {
            let row = orderRow[Int(o.lineOrder[l])]
            guard row >= 0, let code = skuCode[o.lineSKU[l]] else { continue }
            pairs.append((row, code))
        }
        let n = customers.count
        var counts = [Int32](repeating: 0, count: n + 1)
        for p in pairs { counts[Int(p.row) + 1] += 1 }
        for k in 0..<n { counts[k + 1] += counts[k] }
        var fill = counts
        var codes = [Int32](repeating: 0, count: pairs.count)
        for p in pairs {
            codes[Int(fill[Int(p.row)])] = p.code
            fill[Int(p.row)] += 1
        }
        // Sort and deduplicate each row's codes, compacting in place.
        var start = [Int32](repeating: 0, count: n + 1)
        var out = 0
        for k in 0..<n {
            let lo = Int(counts[k]), hi = Int(counts[k + 1])
            start[k] = Int32(out)
            if hi > lo {
                codes[lo..<hi].sort()
                var previous: Int32 = -1
                for x in lo..<hi where codes[x] != previous {
                    previous = codes[x]
                    codes[out] = previous
                    out += 1
                }
            }
        }
        start[n] = Int32(out)
        codes.removeLast(codes.count - out)
        categoryStart = start
        categoryCodes = codes
    }

    /// RFM columns from rows of an RFM query.
    mutating func addRFM(_ rows: [RFMRow]) {
        for x in rows {
            let row = row(of: x.customerID)
            guard row >= 0 else { continue }
            let k = Int(row)
            r[k] = UInt8(x.r)
            f[k] = UInt8(x.f)
            m[k] = UInt8(x.m)
            segment[k] = x.segment.code
        }
    }

    /// Dictionary-encodes channel names: sorted distinct names and a code per row (-1 = nil).
    static func encode(_ names: [String?]) -> ([String], [Int32]) {
        let distinct = Array(Set(names.compactMap { $0 })).sorted()
        var code: [String: Int32] = [:]
        for (k, name) in distinct.enumerated() { code[name] = Int32(k) }
        return (distinct, names.map { $0.flatMap { code[$0] } ?? -1 })
    }
}
