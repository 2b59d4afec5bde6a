/// Validates a JSON segment rule into `SegmentNode`s, naming the offending path on error.
enum RuleParser {
    static func node(_ j: RuleJSON, path: String, depth: Int) throws(SegmentRuleError) -> SegmentNode {
        guard depth <= SegmentRule.maxDepth else {
            throw fail(SegmentRuleError.invalidRule, path, "rules nest deeper than \(SegmentRule.maxDepth) levels")
        }
        guard case .object(let o) = j else {
            throw fail(SegmentRuleError.invalidRule, path, "a rule is an object, not \(j.typeName)")
        }
        let kinds = ["all", "any", "not"].filter { o[$0] != nil }
        let isCondition = o["field"] != nil || o["op"] != nil || o["value"] != nil
        guard kinds.count + (isCondition ? 1 : 0) == 1 else {
            throw fail(SegmentRuleError.invalidRule, path,
                       "a rule has exactly one of \"all\", \"any\", \"not\" or a condition (\"field\", \"op\", \"value\")")
        }
        let allowed: Set<String> = isCondition ? ["field", "op", "value"] : [kinds[0]]
        if let extra = o.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw fail(SegmentRuleError.invalidRule, "\(path).\(extra)", "unknown key \"\(extra)\"")
        }
        if isCondition { return .condition(try condition(o, path: path)) }
        let kind = kinds[0]
        if kind == "not" { return .not(try node(o["not"]!, path: "\(path).not", depth: depth + 1)) }
        guard case .array(let items) = o[kind]!, !items.isEmpty else {
            throw fail(SegmentRuleError.invalidRule, "\(path).\(kind)", "\"\(kind)\" is a non-empty array of rules")
        }
        var children: [SegmentNode] = []
        for (k, item) in items.enumerated() {
            children.append(try node(item, path: "\(path).\(kind)[\(k)]", depth: depth + 1))
        }
        return kind == "all" ? .all(children) : .any(children)
    }

    static func condition(_ o: [String: RuleJSON], path: String) throws(SegmentRuleError) -> SegmentCondition {
        guard let f = o["field"] else { throw fail(SegmentRuleError.missingKey, "\(path).field", "a condition names a field") }
        guard case .string(let fieldName) = f, let field = SegmentField(rawValue: fieldName) else {
            throw fail(SegmentRuleError.unknownField, "\(path).field", "unknown field \(f.text)")
        }
        guard let opJSON = o["op"] else { throw fail(SegmentRuleError.missingKey, "\(path).op", "a condition names an operator") }
        guard case .string(let opName) = opJSON, let op = SegmentOperator(rawValue: opName) else {
            throw fail(SegmentRuleError.invalidOperator, "\(path).op", "unknown operator \(opJSON.text)")
        }
        guard field.operators.contains(op) else {
            let list = field.operators.map(\.rawValue).joined(separator: " ")
            throw fail(SegmentRuleError.invalidOperator, "\(path).op", "\(field.rawValue) takes \(list), not \(op.rawValue)")
        }
        guard let v = o["value"] else { throw fail(SegmentRuleError.missingKey, "\(path).value", "a condition has a value") }
        return SegmentCondition(field, op, try value(v, field: field, op: op, path: "\(path).value"))
    }

    static func value(_ v: RuleJSON, field: SegmentField, op: SegmentOperator, path: String) throws(SegmentRuleError) -> SegmentValue {
        if op.takesList {
            guard case .array(let items) = v, !items.isEmpty else {
                throw fail(SegmentRuleError.invalidValue, path, "\(op.rawValue) takes a non-empty array")
            }
            switch field.kind {
            case .number, .categorySet:
                let range = field.kind == .number ? field.range : Int64(Int32.min)...Int64(Int32.max)
                var list: [Int64] = []
                for (k, item) in items.enumerated() { list.append(try integer(item, range: range, path: "\(path)[\(k)]")) }
                return .ints(list)
            case .name, .date:
                var list: [String] = []
                for (k, item) in items.enumerated() { list.append(try name(item, field: field, path: "\(path)[\(k)]")) }
                return .strings(list)
            }
        }
        switch field.kind {
        case .number: return .int(try integer(v, range: field.range, path: path))
        case .name: return .string(try name(v, field: field, path: path))
        case .date:
            guard case .string(let s) = v, SegmentDate(s) != nil else {
                throw fail(SegmentRuleError.invalidValue, path,
                           "a date is \"YYYY-MM-DD\", \"YYYY-MM-DDTHH:MM:SSZ\" (or ±HH:MM) or days from the as-of day like \"-30d\"")
            }
            return .string(s)
        case .categorySet:
            throw fail(SegmentRuleError.invalidValue, path, "\(field.rawValue) takes a list")
        }
    }

    static func integer(_ v: RuleJSON, range: ClosedRange<Int64>, path: String) throws(SegmentRuleError) -> Int64 {
        var n: Int64?
        switch v {
        case .int(let i): n = i
        case .double(let d) where d == d.rounded() && abs(d) < 9_007_199_254_740_992: n = Int64(d)
        default: n = nil
        }
        guard let n else { throw fail(SegmentRuleError.invalidValue, path, "expected an integer, not \(v.text)") }
        guard range.contains(n) else {
            throw fail(SegmentRuleError.invalidValue, path, "\(n) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return n
    }

    static func name(_ v: RuleJSON, field: SegmentField, path: String) throws(SegmentRuleError) -> String {
        guard case .string(let s) = v, !s.isEmpty else {
            throw fail(SegmentRuleError.invalidValue, path, "expected a non-empty string, not \(v.text)")
        }
        if let names = field.names, !names.contains(s) {
            throw fail(SegmentRuleError.invalidValue, path, "\(field.rawValue) is one of \(names.joined(separator: ", ")), not \"\(s)\"")
        }
        return s
    }

    static func fail(_ code: String, _ path: String, _ message: String) -> SegmentRuleError {
        SegmentRuleError(code: code, field: path, message: message)
    }
}
