/// Per-row evaluation of a segment rule: reads one customer's values through the table's typed
/// accessors and walks the rule tree. Simple and slow; the reference for `evaluate(on:)`.
extension SegmentRule {
    /// Whether row `row` of `table` matches the rule.
    public func matches(row: Int, in table: CustomerTable) -> Bool { Self.matches(root, row, table) }

    static func matches(_ node: SegmentNode, _ row: Int, _ t: CustomerTable) -> Bool {
        switch node {
        case .all(let children): return children.allSatisfy { matches($0, row, t) }
        case .any(let children): return children.contains { matches($0, row, t) }
        case .not(let child): return !matches(child, row, t)
        case .condition(let c): return matches(c, row, t)
        }
    }

    static func matches(_ c: SegmentCondition, _ k: Int, _ t: CustomerTable) -> Bool {
        switch c.field.kind {
        case .number:
            guard let x = number(c.field, k, t) else { return false }
            switch c.value {
            case .int(let v): return c.op.compare(x, v)
            case .ints(let list): return list.contains(x) == (c.op == .in)
            default: return false
            }
        case .name:
            guard let x = name(c.field, k, t) else { return false }
            switch c.value {
            case .string(let s): return (x == s) == (c.op == .eq)
            case .strings(let list): return list.contains(x) == (c.op == .in)
            default: return false
            }
        case .date:
            guard case .string(let s) = c.value, let d = SegmentDate(s) else { return false }
            let at = c.field == .firstOrderAt ? t.firstOrderAt[k] : t.lastOrderAt[k]
            guard at >= 0 else { return false }
            if let day = d.day(asOfDay: t.asOfDay) {
                return c.op.compare(Int64(t.calendar.dayIndex(at)), Int64(day))
            }
            guard case .instant(let ms) = d else { return false }
            return c.op.compare(at, ms)
        case .categorySet:
            guard case .ints(let ids) = c.value else { return false }
            let bought = Set(t.categories(ofRow: k).map(Int64.init))
            return ids.contains { bought.contains($0) }
        }
    }

    /// A row's value of a number field; nil when it has none.
    static func number(_ field: SegmentField, _ k: Int, _ t: CustomerTable) -> Int64? {
        func score(_ s: UInt8) -> Int64? { s == 0 ? nil : Int64(s) }
        switch field {
        case .r: return score(t.r[k])
        case .f: return score(t.f[k])
        case .m: return score(t.m[k])
        case .tier: return t.tier.map { Int64($0[k]) }
        case .points: return t.points.map { $0[k] }
        case .orders: return Int64(t.orders[k])
        case .spend: return t.spend[k]
        case .aov: return t.aov[k]
        case .daysSinceLastOrder:
            return t.lastOrderAt[k] < 0 ? nil : Int64(t.asOfDay - t.calendar.dayIndex(t.lastOrderAt[k]))
        case .views7d: return Int64(t.views7d[k])
        case .carts7d: return Int64(t.carts7d[k])
        default: return nil
        }
    }

    /// A row's value of a name field; nil when it has none.
    static func name(_ field: SegmentField, _ k: Int, _ t: CustomerTable) -> String? {
        switch field {
        case .rfmSegment: return t.segment(ofRow: k)?.rawValue
        case .lifecycle: return t.lifecycleStage(ofRow: k).rawValue
        case .intent: return t.purchaseIntent(ofRow: k).rawValue
        case .acquisitionChannel: return t.channel(ofRow: k)
        default: return nil
        }
    }
}
