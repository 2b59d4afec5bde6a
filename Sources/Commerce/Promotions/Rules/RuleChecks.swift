/// Small validation helpers shared by the promotion rules, so every message and code is alike.
enum RuleChecks {
    // Field names are built only when a check fails (pricing validates live promotions on every call).

    /// The index of the first id seen before among `count` ids, if any.
    static func firstRepeat(count: Int, _ id: (Int) -> Int64) -> Int? {
        if count <= 32 {
            for index in 0..<count {
                let value = id(index)
                for earlier in 0..<index where id(earlier) == value { return index }
            }
            return nil
        }
        var seen = Set<Int64>()
        return (0..<count).first { !seen.insert(id($0)).inserted }
    }

    /// An amount in minor units: 1 … Money.maximumAmount.
    static func positiveAmount(_ value: Int64, _ field: @autoclosure () -> String) throws(CommerceError) {
        guard value > 0 else { throw .invalid(field(), "Must be greater than 0.", code: "invalid_amount") }
        guard value <= Money.maximumAmount else { throw .invalid(field(), "Amount is too large.", code: "invalid_amount") }
    }

    /// An amount in minor units: 0 … Money.maximumAmount.
    static func nonNegativeAmount(_ value: Int64, _ field: @autoclosure () -> String) throws(CommerceError) {
        guard value >= 0 else { throw .invalid(field(), "Must not be negative.", code: "invalid_amount") }
        guard value <= Money.maximumAmount else { throw .invalid(field(), "Amount is too large.", code: "invalid_amount") }
    }

    /// A count of units: 1 … StockRules.maxUnits.
    static func positiveCount(_ value: Int64, _ field: @autoclosure () -> String) throws(CommerceError) {
        guard value > 0, value <= StockRules.maxUnits else {
            throw .invalid(field(), "Must be between 1 and \(StockRules.maxUnits).", code: "invalid_quantity")
        }
    }

    static func positiveID(_ value: Int64, _ field: @autoclosure () -> String) throws(CommerceError) {
        guard value > 0 else { throw .invalid(field(), "Must be a positive id.") }
    }
}
