/// A customer segment written as a small rule language (docs/crm.md, "Segment rules"):
/// `all` / `any` / `not` over conditions `{"field", "op", "value"}`, e.g.
///
///     {"all": [{"field": "r", "op": ">=", "value": 4},
///              {"not": {"field": "lifecycle", "op": "=", "value": "churned"}}]}
///
/// Coding reads and writes exactly that JSON, validating like `parse(json:)`.
public struct SegmentRule: Codable, Sendable, Equatable {
    public var root: SegmentNode

    /// Deepest nesting of `all` / `any` / `not` accepted.
    public static let maxDepth = 32

    /// A rule from a node, validated like parsed JSON.
    public init(_ root: SegmentNode) throws(SegmentRuleError) {
        self.root = try RuleParser.node(root.json, path: "rules", depth: 0)
    }

    init(validated root: SegmentNode) { self.root = root }

    /// Parses and validates UTF-8 JSON.
    public static func parse(json: [UInt8]) throws(SegmentRuleError) -> SegmentRule {
        SegmentRule(validated: try RuleParser.node(try RuleJSON.decode(json), path: "rules", depth: 0))
    }

    /// Parses and validates JSON text.
    public static func parse(json: String) throws(SegmentRuleError) -> SegmentRule {
        try parse(json: Array(json.utf8))
    }

    public init(from decoder: any Decoder) throws {
        root = try RuleParser.node(try RuleJSON(from: decoder), path: "rules", depth: 0)
    }

    public func encode(to encoder: any Encoder) throws { try root.json.encode(to: encoder) }

    /// The JSON text of the rule (keys sorted).
    public var jsonText: String { root.json.text }
}

/// A node of a segment rule.
public indirect enum SegmentNode: Sendable, Equatable {
    /// Every child matches (at least one child).
    case all([SegmentNode])
    /// Some child matches (at least one child).
    case any([SegmentNode])
    /// The child does not match.
    case not(SegmentNode)
    case condition(SegmentCondition)

    var json: RuleJSON {
        switch self {
        case .all(let children): .object(["all": .array(children.map(\.json))])
        case .any(let children): .object(["any": .array(children.map(\.json))])
        case .not(let child): .object(["not": child.json])
        case .condition(let c): .object(["field": .string(c.field.rawValue), "op": .string(c.op.rawValue), "value": c.value.json])
        }
    }
}

/// One test of a field against a value. A row without a value for the field (no RFM score, no
/// paid order for the date fields, no tier or points, no acquisition channel) fails every
/// condition on it; `not` turns that into a match.
public struct SegmentCondition: Sendable, Equatable {
    public var field: SegmentField
    public var op: SegmentOperator
    public var value: SegmentValue

    public init(_ field: SegmentField, _ op: SegmentOperator, _ value: SegmentValue) {
        self.field = field
        self.op = op
        self.value = value
    }
}

/// The value of a condition: an integer, a string (name or date), or a list of either.
public enum SegmentValue: Sendable, Equatable {
    case int(Int64)
    case string(String)
    case ints([Int64])
    case strings([String])

    var json: RuleJSON {
        switch self {
        case .int(let v): .int(v)
        case .string(let s): .string(s)
        case .ints(let list): .array(list.map { .int($0) })
        case .strings(let list): .array(list.map { .string($0) })
        }
    }
}

extension SegmentRule {
    /// Whether a condition reads storefront behaviour (intent, views, carts), which needs the
    /// event frame; other fields come from orders and membership alone.
    public var readsBehaviour: Bool { Self.readsBehaviour(root) }

    private static func readsBehaviour(_ node: SegmentNode) -> Bool {
        switch node {
        case .all(let children), .any(let children): children.contains(where: readsBehaviour)
        case .not(let child): readsBehaviour(child)
        case .condition(let c): [.intent, .views7d, .carts7d].contains(c.field)
        }
    }
}
