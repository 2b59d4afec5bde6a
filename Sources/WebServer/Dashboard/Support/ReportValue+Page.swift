import Operations

/// Reading report values on pages: numbers for charts, text for cells, rows for tables.
extension ReportValue {
    /// The value as a number (money in minor units); `nil` for text, null and containers.
    var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value.isFinite ? value : nil
        case .money(let amount, _): Double(amount)
        default: nil
        }
    }

    var text: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var items: [ReportValue] {
        if case .array(let values) = self { return values }
        return []
    }
}
