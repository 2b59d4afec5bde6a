/// Quintile scores 1–5 of integer values, as `numpy.quantile(values, [0.2, 0.4, 0.6, 0.8])`
/// with the default (linear) method: the same floating-point steps as numpy, so bin edges agree
/// bit for bit.
///
/// Bins are half-open `[q_k, q_k+1)`, the top bin closed: a value's score is 1 + the number of
/// edges `q_k ≤ value`. Equal values always share a score; when every value is equal all score 5.
public struct Quintiles: Sendable, Equatable {
    /// The four inner edges q(0.2), q(0.4), q(0.6), q(0.8).
    public let edges: [Double]

    /// The probabilities of the edges.
    public static let probabilities: [Double] = [0.2, 0.4, 0.6, 0.8]

    /// Edges of `values` (not empty).
    public init(_ values: [Int64]) {
        precondition(!values.isEmpty, "quintiles of no values")
        let n = values.count
        // Order statistics at the few indexes the edges need (numpy partitions; a selection
        // gives the same values).
        var needed: [Int] = []
        for p in Self.probabilities {
            let virtual = Double(n - 1) * p
            if virtual >= Double(n - 1) { needed.append(n - 1); continue }
            let lo = Int(virtual.rounded(.down))
            needed.append(lo)
            needed.append(lo + 1)
        }
        let stats = Self.orderStatistics(values, at: needed)
        edges = Self.probabilities.map { p in
            let virtual = Double(n - 1) * p
            let previous = virtual.rounded(.down)
            var lo = Int(previous), hi = lo + 1
            if virtual >= Double(n - 1) { lo = n - 1; hi = n - 1 }
            let a = stats[lo]!, b = stats[hi]!
            let gamma = virtual - previous
            let diff = Double(b - a)  // numpy subtracts in the integer dtype
            return gamma >= 0.5 ? Double(b) - diff * (1 - gamma) : Double(a) + diff * gamma
        }
    }

    /// Score 1…5 of a value.
    @inline(__always)
    public func score(_ value: Int64) -> Int {
        let v = Double(value)
        var s = 1
        for e in edges where e <= v { s += 1 }
        return s
    }

    /// Values at the sorted positions `indexes` (ascending-order statistics).
    static func orderStatistics(_ values: [Int64], at indexes: [Int]) -> [Int: Int64] {
        var sorted = values
        var result: [Int: Int64] = [:]
        let wanted = Set(indexes).sorted()
        if values.count <= 64 || wanted.count * 4 > values.count {
            sorted.sort()
            for k in wanted { result[k] = sorted[k] }
            return result
        }
        sorted.withUnsafeMutableBufferPointer { buf in
            var lo = 0
            for k in wanted {
                select(buf, k, lo: lo, hi: buf.count - 1)
                result[k] = buf[k]
                lo = k  // everything below k is ≤ buf[k]: later ranks lie right of it
            }
        }
        return result
    }

    /// Quickselect (median-of-three pivots, three-way partition): puts the k-th smallest of
    /// `buf[lo...hi]` at index k.
    private static func select(_ buf: UnsafeMutableBufferPointer<Int64>, _ k: Int, lo: Int, hi: Int) {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            let a = buf[lo], b = buf[mid], c = buf[hi]
            let pivot = max(min(a, b), min(max(a, b), c))
            // Dutch national flag: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
            var lt = lo, i = lo, gt = hi
            while i <= gt {
                let v = buf[i]
                if v < pivot {
                    buf.swapAt(lt, i); lt += 1; i += 1
                } else if v > pivot {
                    buf.swapAt(i, gt); gt -= 1
                } else {
                    i += 1
                }
            }
            if k < lt { hi = lt - 1 } else if k > gt { lo = gt + 1 } else { return }
        }
    }
}
