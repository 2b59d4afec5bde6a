#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Special functions behind the experiment distributions: log-gamma, log-beta, and the
/// regularized incomplete beta and gamma functions.
///
/// Hand-written because no Swift package with these is available offline: swift-numerics offers
/// only `erf`/`erfc`/`gamma`/`logGamma` (no incomplete beta or gamma), and Foundation exposes the
/// C library's `erfc` and `lgamma_r`, which are used where they suffice. The algorithms are the
/// textbook ones (series and Lentz continued fractions, Stirling series for large arguments);
/// checked against scipy in `Tests/InsightsTests/Experiments` (docs/experiments.md, "Accuracy").
enum SpecialFunctions {
    static let logSqrt2Pi = 0.918_938_533_204_672_741_78 // ½·log(2π)
    static let epsilon = 1e-16
    static let tiny = 1e-300

    /// log Γ(x) for x > 0. The C library's reentrant `lgamma_r` (the plain `lgamma` writes a
    /// global sign variable, a data race under strict concurrency); Stirling's series for x ≥ 10.
    static func logGamma(_ x: Double) -> Double {
        if x >= 10 { return (x - 0.5) * log(x) - x + logSqrt2Pi + stirlingCorrection(x) }
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// δ(x) = log Γ(x) − [(x − ½)·log x − x + ½·log 2π], the Stirling series for x ≥ 10
    /// (eight terms: the first omitted one is below 1e-17 at x = 10).
    static func stirlingCorrection(_ x: Double) -> Double {
        let coefficients: [Double] = [
            1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
            -691.0 / 360_360, 1.0 / 156, -3617.0 / 122_400,
        ]
        let z2 = 1 / (x * x)
        var sum = 0.0
        for c in coefficients.reversed() { sum = sum * z2 + c }
        return sum / x
    }

    /// log Γ(q) − log Γ(q + p) for q ≥ 10 without the cancellation of two large log-gammas.
    static func logGammaDifference(_ q: Double, _ p: Double) -> Double {
        -(q - 0.5) * log1p(p / q) - p * log(q + p) + p + stirlingCorrection(q) - stirlingCorrection(q + p)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), accurate also when a or b is large.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b)
        if q < 10 { return logGamma(p) + logGamma(q) - logGamma(p + q) }
        if p < 10 { return logGamma(p) + logGammaDifference(q, p) }
        // Both large: Stirling for all three, regrouped.
        return logSqrt2Pi - 0.5 * log(q) - (p - 0.5) * log1p(q / p) + q * log(q / (p + q))
            + stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
    }

    /// log(1 + x) − x, accurate near 0 (series) where the difference cancels.
    static func log1pmx(_ x: Double) -> Double {
        guard abs(x) < 0.5 else { return log1p(x) - x }
        // −x²/2 + x³/3 − x⁴/4 + …
        var term = x, sum = 0.0
        for k in 2...200 {
            term *= -x
            let next = term / Double(k)
            sum += next
            if abs(next) <= abs(sum) * epsilon { break }
        }
        return sum
    }

    /// Regularized incomplete beta I_x(a, b) and its complement 1 − I_x(a, b) = I_y(b, a), where
    /// the caller passes y = 1 − x computed without rounding loss. Each result is computed
    /// directly where it is the smaller one, so tiny tails keep their relative accuracy.
    static func regularizedBeta(a: Double, b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        if x < (a + 1) / (a + b + 2) {
            let lower = betaContinuedFraction(a: a, b: b, x: x, y: y)
            return (lower, 1 - lower)
        }
        let upper = betaContinuedFraction(a: b, b: a, x: y, y: x)
        return (1 - upper, upper)
    }

    /// I_x(a, b) by its continued fraction (modified Lentz), for x < (a + 1)/(a + b + 2).
    private static func betaContinuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let logX = x < 0.5 ? log(x) : log1p(-y)
        let logY = y < 0.5 ? log(y) : log1p(-x)
        let front = exp(a * logX + b * logY - logBeta(a, b)) / a
        if front == 0 { return 0 }
        var c = 1.0
        // 1 − (a + b)·x/(a + 1), rewritten with y = 1 − x so that it does not cancel when x ≈ 1.
        var d = ((1 - b) * x + (a + 1) * y) / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return min(1, front * h)
    }

    /// log(xᵃ·e⁻ˣ/Γ(a)); for large a through log1pmx so that a·log x, x and log Γ(a) do not cancel.
    static func logGammaPrefix(a: Double, x: Double) -> Double {
        if a < 10 { return a * log(x) - x - logGamma(a) }
        let d = (x - a) / a
        // a·(log(x/a) − x/a + 1), through log1pmx only where x/a is near 1 (d loses x when x ≪ a).
        let core = abs(d) < 0.5 ? a * log1pmx(d) : a * log(x / a) + (a - x)
        return core + 0.5 * log(a) - logSqrt2Pi - stirlingCorrection(a)
    }

    /// Regularized incomplete gamma P(a, x) and Q(a, x) = 1 − P(a, x): the series where
    /// x < a + 1 (gives P), the continued fraction otherwise (gives Q).
    static func regularizedGamma(a: Double, x: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let prefix = exp(logGammaPrefix(a: a, x: x))
        if x < a + 1 {
            var term = 1 / a, sum = term, n = a
            for _ in 0..<100_000 {
                n += 1
                term *= x / n
                sum += term
                if term < sum * epsilon { break }
            }
            let lower = min(1, prefix * sum)
            return (lower, 1 - lower)
        }
        // Q = prefix · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …)))
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        let upper = min(1, prefix * h)
        return (1 - upper, upper)
    }
}
