#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Inverts a monotone function of x > 0 by Newton's method in log x, safeguarded by bisection
/// inside the bracket the iterates have established (so it cannot diverge or cycle).
enum QuantileSolver {
    /// The x > 0 with g(x) = target. `evaluate(x)` returns g(x) and dg/d(log x); g must be
    /// increasing when `increasing` is true, decreasing otherwise. `initial` is the first guess.
    static func solve(
        initial: Double, target: Double, increasing: Bool,
        evaluate: (Double) -> (value: Double, slope: Double)
    ) -> Double {
        let maxLog = 709.0 // exp overflows beyond this
        let sign = increasing ? 1.0 : -1.0
        var w = min(log(initial), maxLog)
        var low = -Double.infinity, high = Double.infinity
        var expansion = 1.0
        for _ in 0..<400 {
            let (value, slope) = evaluate(exp(w))
            let h = sign * (value - target)
            if h == 0 { break }
            if h < 0 { low = w } else { high = w }
            if low >= maxLog { return .infinity } // the root lies beyond the largest Double
            var next = w - (value - target) / slope
            if !next.isFinite || next <= low || next >= high {
                if low.isFinite && high.isFinite {
                    next = 0.5 * (low + high)
                } else if low.isFinite {
                    expansion *= 2
                    next = min(low + expansion, maxLog)
                } else {
                    expansion *= 2
                    next = high - expansion
                }
            }
            if abs(next - w) < 1e-15 || (high - low) < 1e-15 { w = next; break }
            w = next
        }
        return exp(w)
    }
}
