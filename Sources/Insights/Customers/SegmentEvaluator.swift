/// Vectorised evaluation of a segment rule: each condition scans one column into a `RowSet`,
/// and `all` / `any` / `not` combine the sets word by word.
extension SegmentRule {
    /// Rows of `table` matching the rule, ascending.
    public func evaluate(on table: CustomerTable) -> [Int32] { rowSet(on: table).rows }

    /// Rows of `table` matching the rule, as a bitset.
    public func rowSet(on table: CustomerTable) -> RowSet { SegmentEvaluator(table: table).node(root) }
}

struct SegmentEvaluator {
    let table: CustomerTable
    var n: Int { table.count }

    func node(_ node: SegmentNode) -> RowSet {
        switch node {
        case .all(let children):
            var set = self.node(children[0])
            for child in children.dropFirst() where !set.isEmpty { set.formIntersection(self.node(child)) }
            return set
        case .any(let children):
            var set = self.node(children[0])
            for child in children.dropFirst() { set.formUnion(self.node(child)) }
            return set
        case .not(let child):
            var set = self.node(child)
            set.invert()
            return set
        case .condition(let c):
            return condition(c)
        }
    }

    func condition(_ c: SegmentCondition) -> RowSet {
        let t = table
        switch c.field {
        case .r: return bytes(t.r, missing: 0, c)
        case .f: return bytes(t.f, missing: 0, c)
        case .m: return bytes(t.m, missing: 0, c)
        case .tier: return t.tier.map { bytes($0, missing: nil, c) } ?? RowSet(rowCount: n)
        case .rfmSegment: return names(t.rfmSegment, RFMSegment.allCases.map(\.rawValue), c)
        case .lifecycle: return names(t.lifecycle, LifecycleStage.allCases.map(\.rawValue), c)
        case .intent: return names(t.intent, PurchaseIntent.allCases.map(\.rawValue), c)
        case .points: return t.points.map { numbers($0, missing: nil, c.op, c.value) } ?? RowSet(rowCount: n)
        case .orders: return numbers(t.orders, missing: nil, c.op, c.value)
        case .spend: return numbers(t.spend, missing: nil, c.op, c.value)
        case .aov: return numbers(t.aov, missing: nil, c.op, c.value)
        case .daysSinceLastOrder: return numbers(t.daysSinceLastOrder, missing: -1, c.op, c.value)
        case .views7d: return numbers(t.views7d, missing: nil, c.op, c.value)
        case .carts7d: return numbers(t.carts7d, missing: nil, c.op, c.value)
        case .firstOrderAt: return date(t.firstOrderDay, t.firstOrderAt, c)
        case .lastOrderAt: return date(t.lastOrderDay, t.lastOrderAt, c)
        case .acquisitionChannel: return channel(c)
        case .categories: return categories(c)
        }
    }

    /// A one-byte column through a 256-entry table of which codes match.
    func bytes(_ column: [UInt8], missing: UInt8?, _ c: SegmentCondition) -> RowSet {
        var match = [Bool](repeating: false, count: 256)
        for code in 0...255 where code != missing.map(Int.init) {
            match[code] = Self.test(Int64(code), c.op, c.value)
        }
        return lookup(column, match)
    }

    /// A name column stored as codes (positions in `names`), through a code table.
    func names(_ column: [UInt8], _ names: [String], _ c: SegmentCondition) -> RowSet {
        let wanted: [String]
        switch c.value {
        case .string(let s): wanted = [s]
        case .strings(let list): wanted = list
        default: wanted = []
        }
        let positive = c.op == .eq || c.op == .in
        var match = [Bool](repeating: false, count: 256)
        for (code, name) in names.enumerated() { match[code] = wanted.contains(name) == positive }
        return lookup(column, match)
    }

    func lookup(_ column: [UInt8], _ match: [Bool]) -> RowSet {
        column.withUnsafeBufferPointer { col in
            match.withUnsafeBufferPointer { m in RowSet.build(col.count) { m[Int(col[$0])] } }
        }
    }

    /// An integer column compared with the condition's value; rows holding `missing` never match.
    func numbers<T: FixedWidthInteger>(_ column: [T], missing: T?, _ op: SegmentOperator, _ value: SegmentValue) -> RowSet {
        let hole = missing ?? 0, hasHole = missing != nil
        return column.withUnsafeBufferPointer { col -> RowSet in
            @inline(__always) func scan(_ test: (Int64) -> Bool) -> RowSet {
                RowSet.build(col.count) { i in
                    let x = col[i]
                    return (!hasHole || x != hole) && test(Int64(x))
                }
            }
            switch value {
            case .int(let v):
                switch op {
                case .eq: return scan { $0 == v }
                case .ne: return scan { $0 != v }
                case .lt: return scan { $0 < v }
                case .le: return scan { $0 <= v }
                case .gt: return scan { $0 > v }
                case .ge: return scan { $0 >= v }
                case .in, .notIn, .containsAny: return RowSet(rowCount: col.count)
                }
            case .ints(let list):
                let sorted = list.sorted()
                let positive = op == .in
                return sorted.withUnsafeBufferPointer { s in
                    scan { x in Self.binaryContains(s, x) == positive }
                }
            default:
                return RowSet(rowCount: col.count)
            }
        }
    }

    /// A date condition: on local days for day and relative values, on instants otherwise.
    func date(_ days: [Int32], _ instants: [Int64], _ c: SegmentCondition) -> RowSet {
        guard case .string(let s) = c.value, let d = SegmentDate(s) else { return RowSet(rowCount: n) }
        if let day = d.day(asOfDay: table.asOfDay) {
            return numbers(days, missing: CustomerTable.noDay, c.op, .int(Int64(day)))
        }
        guard case .instant(let ms) = d else { return RowSet(rowCount: n) }
        return numbers(instants, missing: -1, c.op, .int(ms))
    }

    /// Acquisition channel: names to codes (unknown names match no row), then a code scan.
    func channel(_ c: SegmentCondition) -> RowSet {
        var wanted: [String] = []
        switch c.value {
        case .string(let s): wanted = [s]
        case .strings(let list): wanted = list
        default: break
        }
        var codes: [Int64] = []
        for name in wanted {
            if let k = Self.index(of: name, in: table.channelNames) { codes.append(Int64(k)) }
        }
        let positive = c.op == .eq || c.op == .in
        if codes.isEmpty {
            // Nothing named exists: "=" / "in" match no row, "!=" / "not_in" every row with a channel.
            return positive ? RowSet(rowCount: n) : numbers(table.acquisitionChannel, missing: -1, .ge, .int(0))
        }
        return numbers(table.acquisitionChannel, missing: -1, positive ? .in : .notIn, .ints(codes))
    }

    /// Categories: rows that bought any of the listed category ids.
    func categories(_ c: SegmentCondition) -> RowSet {
        guard case .ints(let ids) = c.value else { return RowSet(rowCount: n) }
        var match = [Bool](repeating: false, count: table.categoryIDs.count)
        for id in ids {
            if let k = Self.index(of: Int32(truncatingIfNeeded: id), in: table.categoryIDs) { match[k] = true }
        }
        return table.categoryStart.withUnsafeBufferPointer { start in
            table.categoryCodes.withUnsafeBufferPointer { codes in
                match.withUnsafeBufferPointer { m in
                    RowSet.build(n) { row in
                        var k = Int(start[row])
                        let end = Int(start[row + 1])
                        while k < end {
                            if m[Int(codes[k])] { return true }
                            k += 1
                        }
                        return false
                    }
                }
            }
        }
    }

    /// `x op value` for a scalar or list operator on an integer.
    static func test(_ x: Int64, _ op: SegmentOperator, _ value: SegmentValue) -> Bool {
        switch value {
        case .int(let v): return op.compare(x, v)
        case .ints(let list): return list.contains(x) == (op == .in)
        default: return false
        }
    }

    @inline(__always)
    static func binaryContains(_ s: UnsafeBufferPointer<Int64>, _ x: Int64) -> Bool {
        var lo = 0, hi = s.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if s[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < s.count && s[lo] == x
    }

    /// Position of `x` in an ascending array.
    static func index<T: Comparable>(of x: T, in sorted: [T]) -> Int? {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == x ? lo : nil
    }
}
