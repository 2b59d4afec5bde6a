#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The chi-square distribution with real `degreesOfFreedom` k > 0: CDF P(k/2, x/2) and survival
/// Q(k/2, x/2) through the regularized incomplete gamma function; quantile by safeguarded Newton.
public struct ChiSquaredDistribution: Sendable, Equatable {
    public var degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        guard degreesOfFreedom > 0, !x.isNaN else { return .nan }
        return SpecialFunctions.regularizedGamma(a: degreesOfFreedom / 2, x: max(0, x) / 2).lower
    }

    /// P(X > x), computed directly so that small upper tails keep their relative accuracy.
    public func survival(_ x: Double) -> Double {
        guard degreesOfFreedom > 0, !x.isNaN else { return .nan }
        return SpecialFunctions.regularizedGamma(a: degreesOfFreedom / 2, x: max(0, x) / 2).upper
    }

    /// The density at x.
    public func pdf(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 && degreesOfFreedom == 2 ? 0.5 : 0 }
        return exp(SpecialFunctions.logGammaPrefix(a: degreesOfFreedom / 2, x: x / 2)) / x
    }

    /// The x with P(X ≤ x) = p; 0 at p = 0, +∞ at p = 1, NaN outside [0, 1].
    public func quantile(_ p: Double) -> Double {
        let a = degreesOfFreedom / 2
        guard a > 0, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        // Solve in the smaller tail: log P(x) = log p, or log Q(x) = log(1 − p).
        let lowerTail = p <= 0.5
        let target = lowerTail ? log(p) : log1p(-p)
        let evaluate = { (x: Double) -> (value: Double, slope: Double) in
            let g = SpecialFunctions.regularizedGamma(a: a, x: x / 2)
            let xDensity = exp(SpecialFunctions.logGammaPrefix(a: a, x: x / 2)) // x·pdf(x)
            return lowerTail ? (log(g.lower), xDensity / g.lower) : (log(g.upper), -xDensity / g.upper)
        }
        // Wilson–Hilferty, or the lower-tail power law P ≈ (x/2)^a/Γ(a + 1) for small p.
        let k = degreesOfFreedom
        let z = NormalDistribution.standardQuantile(p)
        let c = 2 / (9 * k)
        let wilson = k * pow(1 - c + z * c.squareRoot(), 3)
        let power = 2 * exp((log(p) + SpecialFunctions.logGamma(a + 1)) / a)
        var best = max(k, 1e-300), bestError = Double.infinity
        for candidate in [wilson, power] where candidate.isFinite && candidate > 0 {
            let error = abs(evaluate(candidate).value - target)
            if error < bestError { best = candidate; bestError = error }
        }
        return QuantileSolver.solve(initial: best, target: target, increasing: lowerTail, evaluate: evaluate)
    }
}
