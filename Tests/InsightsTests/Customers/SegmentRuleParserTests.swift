import Foundation
import Testing
@testable import Insights

/// Parsing and validation of segment rules: every error code with its path.
@Suite struct SegmentRuleParserTests {
    func error(_ json: String) -> SegmentRuleError? {
        do {
            _ = try SegmentRule.parse(json: json)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesNestedRules() throws {
        let rule = try SegmentRule.parse(json: """
            {"all": [{"field": "r", "op": ">=", "value": 4},
                     {"any": [{"field": "rfm_segment", "op": "in", "value": ["champions", "loyal"]},
                              {"field": "last_order_at", "op": ">=", "value": "-30d"}]},
                     {"not": {"field": "categories", "op": "contains_any", "value": [10, 20]}}]}
            """)
        #expect(rule.root == .all([
            .condition(SegmentCondition(.r, .ge, .int(4))),
            .any([.condition(SegmentCondition(.rfmSegment, .in, .strings(["champions", "loyal"]))),
                  .condition(SegmentCondition(.lastOrderAt, .ge, .string("-30d")))]),
            .not(.condition(SegmentCondition(.categories, .containsAny, .ints([10, 20])))),
        ]))
    }

    @Test func codableRoundTrip() throws {
        let json = #"{"any":[{"field":"spend","op":">","value":100000},{"not":{"field":"acquisition_channel","op":"not_in","value":["social","kol"]}}]}"#
        let rule = try SegmentRule.parse(json: json)
        #expect(rule.jsonText == json)
        let data = try JSONEncoder().encode(rule)
        #expect(try JSONDecoder().decode(SegmentRule.self, from: data) == rule)
        #expect(try SegmentRule(rule.root) == rule)
        // Decoding validates too.
        #expect(throws: SegmentRuleError.self) {
            try JSONDecoder().decode(SegmentRule.self, from: Data(#"{"field":"r","op":"=","value":9}"#.utf8))
        }
    }

    @Test(arguments: [
        // (json, code, field path)
        ("{", "invalid_json", "rules"),
        ("[1]", "invalid_rule", "rules"),
        ("{}", "invalid_rule", "rules"),
        (#"{"all": [], "field": "r"}"#, "invalid_rule", "rules"),
        (#"{"all": []}"#, "invalid_rule", "rules.all"),
        (#"{"any": {"field": "r"}}"#, "invalid_rule", "rules.any"),
        (#"{"all": [{"field": "r", "op": "=", "value": 1, "note": "x"}]}"#, "invalid_rule", "rules.all[0].note"),
        (#"{"not": {"field": "r", "op": "=", "value": 1}, "extra": 1}"#, "invalid_rule", "rules.extra"),
        (#"{"all": [{"field": "r", "op": "=", "value": 1}, 3]}"#, "invalid_rule", "rules.all[1]"),
        (#"{"all": [{"op": "=", "value": 1}]}"#, "missing_key", "rules.all[0].field"),
        (#"{"field": "r", "value": 1}"#, "missing_key", "rules.op"),
        (#"{"field": "r", "op": "="}"#, "missing_key", "rules.value"),
        (#"{"all": [{"field": "r", "op": "=", "value": 1}, {"field": "x", "op": "=", "value": 1}]}"#, "unknown_field", "rules.all[1].field"),
        (#"{"field": 3, "op": "=", "value": 1}"#, "unknown_field", "rules.field"),
        (#"{"all": [{"field": "r", "op": "=", "value": 1}, {"field": "f", "op": "=", "value": 1}, {"field": "m", "op": "~", "value": 1}]}"#, "invalid_operator", "rules.all[2].op"),
        (#"{"field": "r", "op": "contains_any", "value": [1]}"#, "invalid_operator", "rules.op"),
        (#"{"field": "lifecycle", "op": "<", "value": "new"}"#, "invalid_operator", "rules.op"),
        (#"{"field": "first_order_at", "op": "in", "value": ["2026-01-01"]}"#, "invalid_operator", "rules.op"),
        (#"{"field": "categories", "op": "=", "value": 10}"#, "invalid_operator", "rules.op"),
        (#"{"field": "r", "op": "=", "value": 6}"#, "invalid_value", "rules.value"),
        (#"{"field": "r", "op": "=", "value": 2.5}"#, "invalid_value", "rules.value"),
        (#"{"field": "r", "op": "=", "value": "4"}"#, "invalid_value", "rules.value"),
        (#"{"field": "tier", "op": ">=", "value": 256}"#, "invalid_value", "rules.value"),
        (#"{"field": "orders", "op": "in", "value": 3}"#, "invalid_value", "rules.value"),
        (#"{"field": "orders", "op": "in", "value": []}"#, "invalid_value", "rules.value"),
        (#"{"field": "f", "op": "in", "value": [1, 2, 7]}"#, "invalid_value", "rules.value[2]"),
        (#"{"field": "rfm_segment", "op": "=", "value": "vip"}"#, "invalid_value", "rules.value"),
        (#"{"not": {"field": "lifecycle", "op": "in", "value": ["new", "gone"]}}"#, "invalid_value", "rules.not.value[1]"),
        (#"{"field": "intent", "op": "=", "value": true}"#, "invalid_value", "rules.value"),
        (#"{"field": "acquisition_channel", "op": "=", "value": ""}"#, "invalid_value", "rules.value"),
        (#"{"field": "last_order_at", "op": ">=", "value": "-30"}"#, "invalid_value", "rules.value"),
        (#"{"field": "last_order_at", "op": ">=", "value": "2026-02-30"}"#, "invalid_value", "rules.value"),
        (#"{"field": "last_order_at", "op": ">=", "value": "2026-02-03T25:00:00Z"}"#, "invalid_value", "rules.value"),
        (#"{"field": "first_order_at", "op": "<", "value": 20260101}"#, "invalid_value", "rules.value"),
        (#"{"field": "categories", "op": "contains_any", "value": ["shoes"]}"#, "invalid_value", "rules.value[0]"),
    ])
    func refusesWithCodeAndPath(_ json: String, _ code: String, _ field: String) {
        let e = error(json)
        #expect(e?.code == code, "\(json)")
        #expect(e?.field == field, "\(json)")
        let message = e?.message ?? ""
        #expect(message.count > 3)
    }

    @Test func depthIsBounded() {
        var json = #"{"field": "r", "op": "=", "value": 1}"#
        for _ in 0..<40 { json = #"{"not": "# + json + "}" }
        #expect(error(json)?.code == SegmentRuleError.invalidRule)
    }

    @Test func everyCodeHasAConstant() {
        let codes = [SegmentRuleError.invalidJSON, SegmentRuleError.invalidRule, SegmentRuleError.missingKey,
                     SegmentRuleError.unknownField, SegmentRuleError.invalidOperator, SegmentRuleError.invalidValue]
        #expect(codes == ["invalid_json", "invalid_rule", "missing_key", "unknown_field", "invalid_operator", "invalid_value"])
    }

    @Test func dateForms() {
        let utc = ShopCalendar(timeZone: TimeZone(identifier: "UTC")!)
        #expect(SegmentDate("-30d") == .relative(-30))
        #expect(SegmentDate("+7d") == .relative(7))
        #expect(SegmentDate("0d") == .relative(0))
        #expect(SegmentDate("2026-11-02") == .day(utc.dayIndex(1_793_577_600_000)))
        #expect(SegmentDate("2026-11-02T00:00:00Z") == .instant(1_793_577_600_000))
        #expect(SegmentDate("2026-11-02T08:00:00.5+08:00") == .instant(1_793_577_600_500))
        #expect(SegmentDate("2026-11-02T00:00Z") == .instant(1_793_577_600_000))
        #expect(SegmentDate("2026-11-02T00:00:00.123456Z") == .instant(1_793_577_600_123))
        for bad in ["", "d", "--3d", "2026-13-01", "2026-11-02T00:00:00", "2026-11-02 00:00:00Z", "yesterday"] {
            #expect(SegmentDate(bad) == nil, "\(bad)")
        }
    }
}
