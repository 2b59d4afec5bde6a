import Testing
@testable import Insights

/// The distributions against scipy 1.17 (Fixtures/experiments/distributions.json).
///
/// Tolerances (docs/experiments.md, "Accuracy"): probabilities within 1e-10 absolute, and in the
/// tails (values below 1e-3) also within `tailRelative` of the value; quantiles within 1e-10
/// absolute, or relative when larger than 1 in magnitude.
@Suite struct DistributionTests {
    struct Tables: Decodable {
        var normalCdf: [[Double]]
        var normalSf: [[Double]]
        var normalPpf: [[Double]]
        var tCdf: [[Double]]
        var tSf: [[Double]]
        var tPpf: [[Double]]
        var chi2Cdf: [[Double]]
        var chi2Sf: [[Double]]
        var chi2Ppf: [[Double]]
    }

    static let tables = try! ExperimentFixtures.decode(Tables.self, "distributions")
    static let absolute = 1e-10
    static let tailRelative = 1e-10 // achieved: 4e-12 (t), 9e-14 (chi-square), 3e-14 (normal)

    /// Checks a probability: absolute 1e-10 everywhere, relative `tailRelative` below 1e-3.
    func checkProbability(_ actual: Double, _ expected: Double, _ label: String) {
        let d = Deviation(actual: actual, expected: expected)
        #expect(d.absolute <= Self.absolute, "\(label): \(d)")
        if expected < 1e-3 && expected > 1e-300 { // subnormal results have fewer digits
            #expect(d.relative <= Self.tailRelative, "\(label): \(d)")
        }
    }

    func checkQuantile(_ actual: Double, _ expected: Double, _ label: String) {
        let d = Deviation(actual: actual, expected: expected)
        #expect(d.within(scaled: Self.absolute), "\(label): \(d)")
    }

    @Test func normal() {
        let n = NormalDistribution.standard
        for r in Self.tables.normalCdf { checkProbability(n.cdf(r[0]), r[1], "Φ(\(r[0]))") }
        for r in Self.tables.normalSf { checkProbability(n.survival(r[0]), r[1], "1−Φ(\(r[0]))") }
        for r in Self.tables.normalPpf { checkQuantile(n.quantile(r[0]), r[1], "Φ⁻¹(\(r[0]))") }
    }

    @Test func studentT() {
        for r in Self.tables.tCdf {
            checkProbability(StudentTDistribution(degreesOfFreedom: r[1]).cdf(r[0]), r[2], "F(\(r[0]); ν=\(r[1]))")
        }
        for r in Self.tables.tSf {
            checkProbability(StudentTDistribution(degreesOfFreedom: r[1]).survival(r[0]), r[2], "S(\(r[0]); ν=\(r[1]))")
        }
        for r in Self.tables.tPpf {
            checkQuantile(StudentTDistribution(degreesOfFreedom: r[1]).quantile(r[0]), r[2], "F⁻¹(\(r[0]); ν=\(r[1]))")
        }
    }

    @Test func chiSquared() {
        for r in Self.tables.chi2Cdf {
            checkProbability(ChiSquaredDistribution(degreesOfFreedom: r[1]).cdf(r[0]), r[2], "F(\(r[0]); k=\(r[1]))")
        }
        for r in Self.tables.chi2Sf {
            checkProbability(ChiSquaredDistribution(degreesOfFreedom: r[1]).survival(r[0]), r[2], "S(\(r[0]); k=\(r[1]))")
        }
        for r in Self.tables.chi2Ppf {
            checkQuantile(ChiSquaredDistribution(degreesOfFreedom: r[1]).quantile(r[0]), r[2], "F⁻¹(\(r[0]); k=\(r[1]))")
        }
    }
}
