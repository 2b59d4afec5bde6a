/// Splits an integer amount across weights with the largest-remainder (Hamilton) method:
/// the parts always sum exactly to the total, each part is within one unit of its exact
/// proportional share, and no part is negative when the total and weights are non-negative.
public enum Allocation {
    /// - Parameters:
    ///   - total: the amount to split, in minor units (≥ 0).
    ///   - weights: non-negative weights, e.g. line subtotals. All zero → split evenly.
    ///   - caps: optional upper bounds per part (e.g. a line's own subtotal); the total must fit.
    /// - Returns: one part per weight. Ties in remainders go to the earlier index.
    public static func largestRemainder(_ total: Int64, weights: [Int64], caps: [Int64]? = nil) -> [Int64] {
        precondition(total >= 0 && weights.allSatisfy { $0 >= 0 })
        guard !weights.isEmpty else { return [] }
        let effective = weights.allSatisfy { $0 == 0 } ? Array(repeating: Int64(1), count: weights.count) : weights
        let sum = effective.reduce(0, +)
        var parts = [Int64](repeating: 0, count: effective.count)
        var remainders: [(index: Int, remainder: Int64)] = []
        remainders.reserveCapacity(effective.count)
        var assigned: Int64 = 0
        for (index, weight) in effective.enumerated() {
            let (quotient, remainder) = multiplyDivide(total, weight, sum)
            parts[index] = quotient
            assigned += quotient
            remainders.append((index, remainder))
        }
        remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        var left = total - assigned
        var cursor = 0
        while left > 0 {
            parts[remainders[cursor % remainders.count].index] += 1
            left -= 1
            cursor += 1
        }
        if let caps { return spill(parts, caps: caps) }
        return parts
    }

    /// (a × b) ÷ c without overflow, as quotient and remainder.
    static func multiplyDivide(_ a: Int64, _ b: Int64, _ c: Int64) -> (Int64, Int64) {
        // The common case in 64 bits (the same truncating division, without a 128-bit divide).
        let (narrow, overflow) = a.multipliedReportingOverflow(by: b)
        if !overflow, c > 0 { return narrow.quotientAndRemainder(dividingBy: c) }
        let product = a.multipliedFullWidth(by: b)
        let (quotient, remainder) = c.dividingFullWidth(product)
        return (quotient, remainder)
    }

    /// Moves any excess above a part's cap to later parts with room, keeping the sum.
    static func spill(_ parts: [Int64], caps: [Int64]) -> [Int64] {
        precondition(caps.count == parts.count)
        var result = parts
        var excess: Int64 = 0
        for index in result.indices where result[index] > caps[index] {
            excess += result[index] - caps[index]
            result[index] = caps[index]
        }
        var index = 0
        while excess > 0 && index < result.count {
            let room = caps[index] - result[index]
            let moved = min(room, excess)
            result[index] += moved
            excess -= moved
            index += 1
        }
        precondition(excess == 0, "allocation exceeds the caps")
        return result
    }
}
