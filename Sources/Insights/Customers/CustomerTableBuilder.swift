/// Fills the columns of a `CustomerTable` pass by pass (orders, events, categories, RFM).
struct CustomerTableBuilder {
    let customers: [Int64]
    let asOf: Int64
    let asOfDay: Int32
    let calendar: ShopCalendar
    let rules: LifecycleRules
    /// Row of each customer id.
    let rows: CustomerSlots
    var rowsByID: [Int32] { rows.ascending }
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
        rows = CustomerSlots(positionsOf: customers)
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
    func row(of id: Int64) -> Int32 { rows.slot(of: id) }

    /// Orders, spend, AOV, first / last paid order, lifecycle stage.
    mutating func addOrders(_ o: OrderFacts) {
        let n = customers.count, asOf = asOf, rows = rows
        // One cache line per customer touched.
        var acc = [Accumulator](repeating: Accumulator(), count: n)
        var orderRow = [Int32](repeating: -1, count: o.orderCount)
        o.paidAt.withUnsafeBufferPointer { paid in
            o.customer.withUnsafeBufferPointer { customer in
                o.total.withUnsafeBufferPointer { total in
                    acc.withUnsafeMutableBufferPointer { a in
                        orderRow.withUnsafeMutableBufferPointer { rowOf in
                            for i in 0..<paid.count {
                                let t = paid[i]
                                guard t >= 0 && t <= asOf && customer[i] != 0 else { continue }
                                let row = rows.slot(of: customer[i])
                                guard row >= 0 else { continue }
                                rowOf[i] = row
                                let k = Int(row)
                                a[k].orders += 1
                                a[k].money += total[i]
                                if t < a[k].first { a[k].first = t }
                                if t > a[k].last { a[k].last = t }
                            }
                        }
                    }
                }
            }
        }
        for x in 0..<o.refundCount where o.refundAt[x] <= asOf {
            let row = orderRow[Int(o.refundOrder[x])]
            if row >= 0 { acc[Int(row)].money -= o.refundAmount[x] }
        }
        self.orderRow = orderRow
        var earliest = asOf
        for a in acc where a.orders > 0 { earliest = min(earliest, a.first) }
        let clock = calendar.clock(from: earliest, to: asOf + 1)
        lifecycle = [UInt8](repeating: 0, count: n)
        for k in 0..<n {
            let a = acc[k]
            orders[k] = a.orders
            spend[k] = max(a.money, 0)
            aov[k] = MoneyMath.ratio(spend[k], Int64(a.orders))
            var sinceFirst: Int?, sinceLast: Int?
            if a.orders > 0 {
                firstAt[k] = a.first
                lastAt[k] = a.last
                firstDay[k] = clock.day(a.first)
                lastDay[k] = clock.day(a.last)
                daysSinceLast[k] = asOfDay - lastDay[k]
                sinceFirst = Int(asOfDay - firstDay[k])
                sinceLast = Int(daysSinceLast[k])
            }
            lifecycle[k] = rules.stage(daysSinceFirstOrder: sinceFirst, daysSinceLastOrder: sinceLast).code
        }
    }

    struct Accumulator {
        var orders: Int32 = 0
        var money: Int64 = 0
        var first = Int64.max
        var last = Int64.min
    }

    /// Views and add-to-carts in the intent window, and the intent (after `addOrders`).
    ///
    /// Counts once per person, then hands them to every table customer linked into the person.
    mutating func addEvents(_ frame: EventFrame?) {
        let start = calendar.start(ofDay: asOfDay - Int32(rules.intentDays) + 1)
        if let frame {
            let view = StandardEvent.productView.code, cart = StandardEvent.addToCart.code
            let asOf = asOf
            func counts(_ p: Int) -> (Int32, Int32) {
                let events = frame.events(of: p)
                // A person's events are sorted by time: find the window's first.
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
                return (v, c)
            }
            for p in 0..<frame.personCount where frame.personCustomer[p] != 0 {
                let row = row(of: frame.personCustomer[p])
                if row >= 0 { (views[Int(row)], carts[Int(row)]) = counts(p) }
            }
            for (id, p) in frame.otherCustomers {
                let row = row(of: id)
                if row >= 0 { (views[Int(row)], carts[Int(row)]) = counts(Int(p)) }
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
        // SKU → category code: an array when SKU ids are small, else a dictionary.
        let maxSKU = categoryOfSKU.keys.max() ?? 0, minSKU = categoryOfSKU.keys.min() ?? 0
        let denseSKU = minSKU >= 0 && Int(maxSKU) < 4 * categoryOfSKU.count + 65_536
        var skuTable = [Int32](repeating: -1, count: denseSKU ? Int(maxSKU) + 1 : 0)
        var skuMap: [Int32: Int32] = [:]
        for (sku, c) in categoryOfSKU {
            if denseSKU { skuTable[Int(sku)] = codeOfCategory[c]! } else { skuMap[sku] = codeOfCategory[c]! }
        }
        @inline(__always) func code(_ sku: Int32) -> Int32 {
            denseSKU ? (sku >= 0 && Int(sku) < skuTable.count ? skuTable[Int(sku)] : -1) : (skuMap[sku] ?? -1)
        }
        let n = customers.count
        // Two passes over the lines: count per row, then place (CSR).
        var start = [Int32](repeating: 0, count: n + 1)
        for l in 0..<o.lineCount {
            let row = orderRow[Int(o.lineOrder[l])]
            if row >= 0 && code(o.lineSKU[l]) >= 0 { start[Int(row) + 1] += 1 }
        }
        for k in 0..<n { start[k + 1] += start[k] }
        var fill = start
        var codes = [Int32](repeating: 0, count: Int(start[n]))
        for l in 0..<o.lineCount {
            let row = orderRow[Int(o.lineOrder[l])]
            let c = row >= 0 ? code(o.lineSKU[l]) : -1
            guard c >= 0 else { continue }
            codes[Int(fill[Int(row)])] = c
            fill[Int(row)] += 1
        }
        // Sort and deduplicate each row's codes, compacting in place.
        var out = 0
        for k in 0..<n {
            let lo = Int(start[k]), hi = Int(start[k + 1])
            start[k] = Int32(out)
            if hi - lo > 1 { codes[lo..<hi].sort() }
            var previous: Int32 = -1
            for x in lo..<hi where codes[x] != previous {
                previous = codes[x]
                codes[out] = previous
                out += 1
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
