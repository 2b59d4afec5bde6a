/// A customer field a segment condition tests (wire names in snake_case).
public enum SegmentField: String, CaseIterable, Sendable, Codable {
    case r, f, m
    case rfmSegment = "rfm_segment"
    case tier, points, orders, spend, aov
    case firstOrderAt = "first_order_at"
    case lastOrderAt = "last_order_at"
    case daysSinceLastOrder = "days_since_last_order"
    case acquisitionChannel = "acquisition_channel"
    case categories, lifecycle, intent
    case views7d = "views_7d"
    case carts7d = "carts_7d"

    /// How the field's values are written and compared.
    public enum Kind: Sendable {
        /// Integers, compared with `= != < <= > >= in not_in`.
        case number
        /// Instants or days: ISO dates, date-times, or days relative to the as-of day ("-30d").
        case date
        /// Names, compared with `= != in not_in`.
        case name
        /// A set of category ids, tested with `contains_any`.
        case categorySet
    }

    public var kind: Kind {
        switch self {
        case .r, .f, .m, .tier, .points, .orders, .spend, .aov, .daysSinceLastOrder, .views7d, .carts7d: .number
        case .firstOrderAt, .lastOrderAt: .date
        case .rfmSegment, .acquisitionChannel, .lifecycle, .intent: .name
        case .categories: .categorySet
        }
    }

    /// Operators the field takes.
    public var operators: [SegmentOperator] {
        switch kind {
        case .number: [.eq, .ne, .lt, .le, .gt, .ge, .in, .notIn]
        case .date: [.eq, .ne, .lt, .le, .gt, .ge]
        case .name: [.eq, .ne, .in, .notIn]
        case .categorySet: [.containsAny]
        }
    }

    /// Allowed integers of a number field.
    var range: ClosedRange<Int64> {
        switch self {
        case .r, .f, .m: 1...5
        case .tier: 0...255
        case .orders, .views7d, .carts7d, .daysSinceLastOrder: 0...Int64(Int32.max)
        default: Int64.min...Int64.max
        }
    }

    /// Allowed names of a name field; nil = any non-empty name.
    var names: [String]? {
        switch self {
        case .rfmSegment: RFMSegment.allCases.map(\.rawValue)
        case .lifecycle: LifecycleStage.allCases.map(\.rawValue)
        case .intent: PurchaseIntent.allCases.map(\.rawValue)
        default: nil
        }
    }
}

/// A comparison operator of a segment condition.
public enum SegmentOperator: String, CaseIterable, Sendable, Codable {
    case eq = "="
    case ne = "!="
    case lt = "<"
    case le = "<="
    case gt = ">"
    case ge = ">="
    case `in` = "in"
    case notIn = "not_in"
    case containsAny = "contains_any"

    /// Whether the operator takes a list value.
    public var takesList: Bool { self == .in || self == .notIn || self == .containsAny }

    /// `lhs op rhs` for a scalar operator (`in`, `not_in`, `contains_any` are false here).
    @inline(__always)
    func compare<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
        switch self {
        case .eq: lhs == rhs
        case .ne: lhs != rhs
        case .lt: lhs < rhs
        case .le: lhs <= rhs
        case .gt: lhs > rhs
        case .ge: lhs >= rhs
        case .in, .notIn, .containsAny: false
        }
    }
}
