/// Integer money arithmetic shared by the reports: rounded money ratios, plain rates, and the
/// largest-remainder split. Money is always `Int64` minor units.
public enum MoneyMath {
    /// `a ÷ b` rounded to the minor unit, halves away from zero (`(2a + b) div (2b)` for
    /// non-negative operands); 0 when `b` is 0. Never overflows.
    public static func ratio(_ a: Int64, _ b: Int64) -> Int64 {
        guard b != 0 else { return 0 }
        let negative = (a < 0) != (b < 0)
        let ua = a.magnitude, ub = b.magnitude
        let q = ua / ub, r = ua % ub
        let rounded = r >= ub - r ? q + 1 : q  // 2r >= b without overflow
        return negative ? -Int64(rounded) : Int64(rounded)
    }

    /// `a ÷ b` as a fraction; 0 when `b` is 0.
    @inline(__always)
    public static func rate(_ a: Int, _ b: Int) -> Double {
        b == 0 ? 0 : Double(a) / Double(b)
    }

    /// `a ÷ b` as a fraction for money amounts; 0 when `b` is 0.
    @inline(__always)
    public static func rate(_ a: Int64, _ b: Int64) -> Double {
        b == 0 ? 0 : Double(a) / Double(b)
    }

    /// Rounds real-valued parts to integers that sum exactly to `total` (largest remainder):
    /// each part is floored, then the units still missing go to the parts with the largest
    /// fractional parts (ties: earlier part first). If the parts do not sum to `total` (rounding
    /// error), the difference is spread the same way, one unit per part per round.
    public static func largestRemainder(_ parts: [Double], total: Int64) -> [Int64] {
        guard !parts.isEmpty else { return [] }
        var result = parts.map { Int64($0.rounded(.down)) }
        var missing = total - result.reduce(0, +)
        let fractions = parts.enumerated().map { ($0.offset, $0.element - $0.element.rounded(.down)) }
        let up = fractions.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        let down = fractions.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.map(\.0)
        var k = 0
        while missing > 0 {
            result[up[k % up.count]] += 1
            missing -= 1
            k += 1
        }
        k = 0
        while missing < 0 {
            result[down[k % down.count]] -= 1
            missing += 1
            k += 1
        }
        return result
    }
}
