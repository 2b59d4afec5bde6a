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
        var allZero = true, negative = false
        for weight in weights {
            if weight != 0 { allZero = false }
            if weight < 0 { negative = true }
        }
        precondition(total >= 0 && !negative)
        guard !weights.isEmpty else { return [] }
        var sum: Int64 = 0
        if allZero { sum = Int64(weights.count) } else { for weight in weights { sum += weight } }
        var parts = [Int64](repeating: 0, count: weights.count)
        var remainders: [(index: Int, remainder: Int64)] = []
        remainders.reserveCapacity(weights.count)
        var assigned: Int64 = 0
        for index in weights.indices {
            let (quotient, remainder) = multiplyDivide(total, allZero ? 1 : weights[index], sum)
            parts[index] = quotient
            assigned += quotient
            // Largest remainder first, ties to the earlier index: an insertion sort with plain
            // comparisons (the lists are a cart's lines).
            var position = remainders.count
            remainders.append((index, remainder))
            while position > 0, remainders[position - 1].remainder < remainder {
                remainders[position] = remainders[position - 1]
                position -= 1
            }
            remainders[position] = (index, remainder)
        }
        var left = total - assigned
        var cursor = 0
        while left > 0 {
            parts[remainders[cursor % remainders.count].index] += 1
            left -= 1
            cursor += 1
        }
        if let caps { spill(&parts, caps: caps) }
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
        var result = parts
        spill(&result, caps: caps)
        return result
    }

    /// `spill` in place.
    static func spill(_ result: inout [Int64], caps: [Int64]) {
        precondition(caps.count == result.count)
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
    }
}
