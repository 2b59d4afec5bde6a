#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t distribution with any real `degreesOfFreedom` > 0 (non-integer Welch degrees of
/// freedom included). CDF and survival through the regularized incomplete beta function (for
/// ν ≥ 1e5 through the Cornish–Fisher expansion, see `StudentTExpansion`); the quantile by
/// safeguarded Newton iterations on the log tail probability.
public struct StudentTDistribution: Sendable, Equatable {
    public var degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Above this the t distribution is the standard normal to double precision.
    private static let normalLimit = 1e30

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double { survival(-t) }

    /// P(T > t), computed directly so that small upper tails keep their relative accuracy.
    public func survival(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        guard nu > 0, !t.isNaN else { return .nan }
        if nu > Self.normalLimit { return NormalDistribution.standard.survival(t) }
        if t == 0 { return 0.5 }
        if t.isInfinite { return t > 0 ? 0 : 1 }
        if nu >= StudentTExpansion.minimumDegreesOfFreedom && abs(t) <= StudentTExpansion.maximumMagnitude {
            return NormalDistribution.standardCDF(-StudentTExpansion.normalEquivalent(t: t, nu: nu))
        }
        if abs(t) > 1e100 {
            // x = ν/(ν + t²) would underflow; I_x(ν/2, ½) = x^(ν/2)/((ν/2)·B(ν/2, ½))·(1 + O(x)).
            let a = nu / 2
            let logX = log(nu) - 2 * log(abs(t))
            let tail = 0.5 * exp(a * logX - SpecialFunctions.logBeta(a, 0.5)) / a
            return t > 0 ? tail : 1 - tail
        }
        let (x, y) = Self.betaArguments(t, nu)
        // I_x(ν/2, ½) is P(|T| > |t|); its complement is P(|T| ≤ |t|).
        let beta = SpecialFunctions.regularizedBeta(a: nu / 2, b: 0.5, x: x, y: y)
        return t > 0 ? 0.5 * beta.lower : 0.5 + 0.5 * beta.upper
    }

    /// The density at t.
    public func pdf(_ t: Double) -> Double { exp(logPDF(t)) }

    /// The t with P(T ≤ t) = p; ∓∞ at p = 0 and 1, NaN outside [0, 1].
    public func quantile(_ p: Double) -> Double {
        let nu = degreesOfFreedom
        guard nu > 0, p >= 0, p <= 1 else { return .nan }
        if nu > Self.normalLimit { return NormalDistribution.standardQuantile(p) }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if nu >= StudentTExpansion.minimumDegreesOfFreedom {
            let t = StudentTExpansion.quantile(z: NormalDistribution.standardQuantile(p), nu: nu).t
            if abs(t) <= StudentTExpansion.maximumMagnitude { return t }
        }
        let q = p < 0.5 ? p : 1 - p // upper tail probability of |t|
        let target = log(q)
        let evaluate = { (t: Double) -> (value: Double, slope: Double) in
            let s = self.survival(t)
            return (log(s), -t * exp(self.logPDF(t)) / s)
        }
        let guess = initialGuess(q)
        let t = QuantileSolver.solve(initial: guess, target: target, increasing: false, evaluate: evaluate)
        return p < 0.5 ? -t : t
    }

    /// x = ν/(ν + t²) and y = t²/(ν + t²), each without rounding loss or overflow.
    static func betaArguments(_ t: Double, _ nu: Double) -> (x: Double, y: Double) {
        let a = abs(t)
        if a * a > nu {
            let u = (nu / a) / a
            return (u / (1 + u), 1 / (1 + u))
        }
        let v = (a / nu) * a
        return (1 / (1 + v), v / (1 + v))
    }

    /// log density: −log B(ν/2, ½) − ½·log ν − (ν + 1)/2 · log(1 + t²/ν).
    func logPDF(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        let a = abs(t)
        let logTerm: Double
        if a * a > nu && a > 1 {
            logTerm = 2 * log(a) - log(nu) + log1p((nu / a) / a)
        } else {
            logTerm = log1p((a / nu) * a)
        }
        return -SpecialFunctions.logBeta(nu / 2, 0.5) - 0.5 * log(nu) - (nu + 1) / 2 * logTerm
    }

    /// The better of a Cornish–Fisher expansion around the normal quantile (large ν) and the
    /// power-law tail P(T > t) ≈ C·t^(−ν) (small ν, far tails), judged by the tail each gives.
    private func initialGuess(_ q: Double) -> Double {
        let nu = degreesOfFreedom
        let z = -NormalDistribution.standardQuantile(q)
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        let cornishFisher = z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
        // The density's tail ν^(ν/2)·t^(−ν−1)/B(ν/2, ½) integrates to C·t^(−ν), C = ν^(ν/2−1)/B.
        let logC = -SpecialFunctions.logBeta(nu / 2, 0.5) + (nu / 2 - 1) * log(nu)
        let powerTail = exp((logC - log(q)) / nu)
        var best = 1.0, bestError = Double.infinity
        for candidate in [cornishFisher, powerTail] where candidate.isFinite && candidate > 0 {
            let error = abs(log(survival(candidate)) - log(q))
            if error < bestError { best = candidate; bestError = error }
        }
        return best
    }
}
