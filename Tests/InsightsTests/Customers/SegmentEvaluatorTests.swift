import Foundation
import Testing
@testable import Insights

/// Vectorised evaluation of segment rules: by hand against the pandas table of the fixture, and
/// against the per-row evaluator on random rules.
@Suite struct SegmentEvaluatorTests {
    static func table(tiers: Bool = true) throws -> CustomerTable {
        var t = try CustomerTableFixtureTests.table("main_shanghai_365", "main")
        if tiers {
            t.tier = (0..<t.count).map { UInt8($0 % 4) }
            t.points = (0..<t.count).map { Int64(($0 * 7919) % 5000) - 100 }
        }
        return t
    }

    /// Customer ids matching a rule, ascending.
    func ids(_ t: CustomerTable, _ json: String) throws -> [Int64] {
        let rule = try SegmentRule.parse(json: json)
        let rows = rule.evaluate(on: t)
        #expect(rows == rows.sorted())
        #expect(rows == (0..<t.count).filter { rule.matches(row: $0, in: t) }.map(Int32.init))
        return rows.map { t.customerID[Int($0)] }.sorted()
    }

    /// Customer ids of the pandas table rows passing `filter`.
    func expected(_ filter: ([String: String]) -> Bool) throws -> [Int64] {
        try CRMFixtures.csv("table").filter { $0["case"] == "main_shanghai_365" && filter($0) }
            .map { Int64($0["customer_id"]!)! }.sorted()
    }

    @Test func rulesAgainstPandasColumns() throws {
        let t = try Self.table()
        func int(_ r: [String: String], _ k: String) -> Int64 { Int64(r[k]!)! }
        #expect(try ids(t, #"{"field":"days_since_last_order","op":"<=","value":0}"#) == expected { int($0, "days_since_last_order") == 0 })
        #expect(try ids(t, #"{"field":"last_order_at","op":"=","value":"0d"}"#) == expected { int($0, "days_since_last_order") == 0 })
        #expect(try ids(t, #"{"field":"last_order_at","op":">=","value":"-30d"}"#) == expected {
            (0...30).contains(int($0, "days_since_last_order"))
        })
        // The as-of instant exactly (customer 903 paid then).
        #expect(try ids(t, #"{"field":"last_order_at","op":">=","value":"2026-11-15T10:00:00+08:00"}"#) == [903])
        #expect(try ids(t, #"{"field":"first_order_at","op":"<","value":"2025-11-16T00:00:00+08:00"}"#) == expected {
            int($0, "first_order_at_ms") >= 0 && int($0, "first_order_at_ms") < 1_763_222_400_000
        })
        #expect(try ids(t, #"{"all":[{"field":"lifecycle","op":"in","value":["churned","at_risk"]},{"field":"intent","op":"=","value":"high"}]}"#)
            == expected { ["churned", "at_risk"].contains($0["lifecycle"]!) && $0["intent"] == "high" })
        #expect(try ids(t, #"{"field":"categories","op":"contains_any","value":[30, 999]}"#) == expected {
            $0["categories"]!.split(separator: "|").contains("30")
        })
        #expect(try ids(t, #"{"field":"r","op":"in","value":[5]}"#) == expected { $0["r"] == "5" })
        // Missing values fail the condition, even "!=": unscored customers are not "not champions"…
        #expect(try ids(t, #"{"field":"rfm_segment","op":"!=","value":"champions"}"#) == expected {
            !$0["segment"]!.isEmpty && $0["segment"] != "champions"
        })
        // … but "not" turns the failure into a match.
        #expect(try ids(t, #"{"not":{"field":"rfm_segment","op":"=","value":"champions"}}"#) == expected { $0["segment"] != "champions" })
        #expect(try ids(t, #"{"any":[{"field":"spend","op":">","value":40000},{"field":"aov","op":">=","value":20000}]}"#)
            == expected { int($0, "spend") > 40000 || int($0, "aov") >= 20000 })
        #expect(try ids(t, #"{"field":"views_7d","op":">=","value":2}"#) == expected { int($0, "views_7d") >= 2 })
        #expect(try ids(t, #"{"field":"carts_7d","op":"not_in","value":[0]}"#) == expected { int($0, "carts_7d") != 0 })
        #expect(try ids(t, #"{"field":"orders","op":">","value":3}"#) == expected { int($0, "orders") > 3 })
    }

    @Test func channelsTiersAndPoints() throws {
        let t = try Self.table()
        let channel = { (k: Int) in t.channel(ofRow: k) }
        let all = (0..<t.count)
        func ids(_ rows: [Int]) -> [Int64] { rows.map { t.customerID[$0] }.sorted() }
        #expect(try self.ids(t, #"{"field":"acquisition_channel","op":"=","value":"social"}"#) == ids(all.filter { channel($0) == "social" }))
        #expect(try self.ids(t, #"{"field":"acquisition_channel","op":"!=","value":"social"}"#)
            == ids(all.filter { channel($0) != nil && channel($0) != "social" }))
        #expect(try self.ids(t, #"{"field":"acquisition_channel","op":"=","value":"nowhere"}"#).isEmpty)
        #expect(try self.ids(t, #"{"field":"acquisition_channel","op":"not_in","value":["nowhere"]}"#) == ids(all.filter { channel($0) != nil }))
        #expect(try self.ids(t, #"{"field":"tier","op":">=","value":2}"#) == ids(all.filter { $0 % 4 >= 2 }))
        #expect(try self.ids(t, #"{"field":"points","op":"<","value":0}"#) == ids(all.filter { ($0 * 7919) % 5000 < 100 }))
        // Without tier / points columns nothing matches them.
        let bare = try Self.table(tiers: false)
        #expect(try self.ids(bare, #"{"field":"tier","op":">=","value":0}"#).isEmpty)
        #expect(try self.ids(bare, #"{"field":"points","op":"!=","value":5}"#).isEmpty)
        #expect(try self.ids(bare, #"{"not":{"field":"tier","op":"=","value":1}}"#).count == bare.count)
    }

    @Test func rowSetOperations() {
        var a = RowSet(rowCount: 130, full: true)
        #expect(a.memberCount == 130)
        a.invert()
        #expect(a.isEmpty && a.rows.isEmpty)
        let b = RowSet.build(130) { $0 % 3 == 0 }
        var c = b
        c.invert()
        #expect(b.memberCount + c.memberCount == 130)
        c.formIntersection(b)
        #expect(c.isEmpty)
        c.formUnion(b)
        #expect(c.rows == stride(from: 0, to: 130, by: 3).map(Int32.init))
        #expect(c.contains(129) && !c.contains(128))
    }

    @Test func randomRulesMatchThePerRowEvaluator() throws {
        var rng = SplitMix64(seed: 20261125)
        let tables = [try Self.table(), try Self.table(tiers: false)]
        var informative = 0
        for k in 0..<600 {
            let t = tables[k % 2]
            let rule = try SegmentRule(RandomRules.node(&rng, depth: 0))
            let fast = rule.evaluate(on: t)
            let slow = (0..<t.count).filter { rule.matches(row: $0, in: t) }.map(Int32.init)
            #expect(fast == slow, "\(rule.jsonText)")
            if !fast.isEmpty && fast.count < t.count { informative += 1 }
        }
        #expect(informative >= 200, "most random rules should split the table")
    }
}

/// Random valid rules over every field and operator.
enum RandomRules {
    static func node(_ rng: inout SplitMix64, depth: Int) -> SegmentNode {
        let pick = rng.next() % 10
        if depth < 3 && pick < 2 { return .all((0...rng.next() % 3).map { _ in node(&rng, depth: depth + 1) }) }
        if depth < 3 && pick < 4 { return .any((0...rng.next() % 3).map { _ in node(&rng, depth: depth + 1) }) }
        if depth < 3 && pick < 5 { return .not(node(&rng, depth: depth + 1)) }
        return .condition(condition(&rng))
    }

    static func condition(_ rng: inout SplitMix64) -> SegmentCondition {
        let field = SegmentField.allCases[Int(rng.next() % UInt64(SegmentField.allCases.count))]
        let ops = field.operators
        let op = ops[Int(rng.next() % UInt64(ops.count))]
        func int() -> Int64 {
            switch field {
            case .r, .f, .m: Int64(rng.next() % 5) + 1
            case .tier: Int64(rng.next() % 5)
            case .points: Int64(rng.next() % 5200) - 150
            case .orders, .views7d, .carts7d: Int64(rng.next() % 6)
            case .spend, .aov: Int64(rng.next() % 60_000)
            case .daysSinceLastOrder: Int64(rng.next() % 400)
            default: Int64(rng.next() % 80)  // categories
            }
        }
        func name() -> String {
            let names = field.names ?? ["direct", "paid_search", "social", "live_stream", "email_sms", "kol"]
            return names[Int(rng.next() % UInt64(names.count))]
        }
        func pad(_ v: some BinaryInteger) -> String { v < 10 ? "0\(v)" : "\(v)" }
        func date() -> String {
            let kind = rng.next() % 3
            if kind == 0 { return "-\(rng.next() % 400)d" }
            let (y, m, d) = ShopCalendar.civil(20_400 + Int32(rng.next() % 300))
            let day = "\(y)-\(pad(m))-\(pad(d))"
            return kind == 1 ? day : "\(day)T\(pad(rng.next() % 24)):00:00+08:00"
        }
        let list = (0...rng.next() % 3)
        let value: SegmentValue = switch field.kind {
        case .number: op.takesList ? .ints(list.map { _ in int() }) : .int(int())
        case .categorySet: .ints(list.map { _ in int() })
        case .name: op.takesList ? .strings(list.map { _ in name() }) : .string(name())
        case .date: .string(date())
        }
        return SegmentCondition(field, op, value)
    }
}
