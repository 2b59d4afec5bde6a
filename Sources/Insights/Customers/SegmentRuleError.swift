/// Why a segment rule was refused: a stable `code`, the `field` path of the offending part
/// (e.g. `rules.all[2].op`) and a human-readable `message`.
public struct SegmentRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var field: String
    public var message: String

    public init(code: String, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// The input is not JSON.
    public static let invalidJSON = "invalid_json"
    /// A node is not a rule: not an object, not exactly one of `all`/`any`/`not`/a condition,
    /// an unknown key, an empty `all`/`any`, or nesting deeper than `SegmentRule.maxDepth`.
    public static let invalidRule = "invalid_rule"
    /// A condition lacks `field`, `op` or `value`.
    public static let missingKey = "missing_key"
    /// `field` names no field.
    public static let unknownField = "unknown_field"
    /// `op` is no operator, or not one the field takes.
    public static let invalidOperator = "invalid_operator"
    /// `value` has the wrong type or is out of range for the field and operator.
    public static let invalidValue = "invalid_value"

    public var description: String { "\(code) at \(field): \(message)" }
}
