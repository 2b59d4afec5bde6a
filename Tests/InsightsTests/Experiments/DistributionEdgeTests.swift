import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Insights

/// Identities and limits the distributions must satisfy, independent of any reference table.
@Suite struct DistributionEdgeTests {
    @Test func limitsAndInvalidInput() {
        let t = StudentTDistribution(degreesOfFreedom: 3)
        #expect(t.cdf(.infinity) == 1 && t.cdf(-.infinity) == 0 && t.cdf(0) == 0.5)
        #expect(t.quantile(0) == -.infinity && t.quantile(1) == .infinity && t.quantile(0.5) == 0)
        #expect(t.quantile(1.5).isNaN && StudentTDistribution(degreesOfFreedom: 0).cdf(1).isNaN)
        let c = ChiSquaredDistribution(degreesOfFreedom: 2)
        #expect(c.cdf(0) == 0 && c.survival(0) == 1 && c.quantile(0) == 0 && c.quantile(1) == .infinity)
        #expect(NormalDistribution.standard.quantile(0) == -.infinity && NormalDistribution.standard.quantile(-1).isNaN)
    }

    @Test(arguments: [0.7, 1.3, 2.0, 9.5, 120.0, 3e5])
    func studentTRoundTrips(_ df: Double) {
        let t = StudentTDistribution(degreesOfFreedom: df)
        for p in [1e-15, 1e-6, 0.01, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9] {
            let x = t.quantile(p)
            let back = p < 0.5 ? t.cdf(x) : 1 - t.survival(x)
            #expect(abs(back - p) <= 1e-13 * max(p, 1e-3), "ν=\(df) p=\(p): \(back)")
            #expect(abs(t.cdf(x) + t.survival(x) - 1) < 1e-15)
        }
    }

    /// Closed forms: Cauchy (ν = 1), ν = 2, and χ² with 2 degrees of freedom (exponential).
    @Test func closedForms() {
        let cauchy = StudentTDistribution(degreesOfFreedom: 1)
        let two = StudentTDistribution(degreesOfFreedom: 2)
        let chi2 = ChiSquaredDistribution(degreesOfFreedom: 2)
        for x in [-1e8, -50.0, -3.0, -0.2, 1e-9, 0.7, 4.0, 1e3, 1e12] {
            let cauchyCDF = 0.5 + atan(x) / .pi
            #expect(abs(cauchy.cdf(x) - cauchyCDF) <= 1e-15 * max(1, 1 / abs(x)), "Cauchy \(x)")
            let twoCDF = 0.5 + x / (2 * (2 + x * x).squareRoot())
            #expect(abs(two.cdf(x) - twoCDF) < 1e-15, "ν=2 \(x)")
        }
        for x in [1e-10, 0.5, 3.0, 40.0, 700.0] {
            let sf = exp(-x / 2)
            // Relative error grows like |log sf|·ε (exp of a rounded exponent): 1e-13 at sf = e^−350.
            #expect(abs(chi2.survival(x) - sf) <= 1e-13 * sf, "χ²₂ \(x)")
        }
    }
}
