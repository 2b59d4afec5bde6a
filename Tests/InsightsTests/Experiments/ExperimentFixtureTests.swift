import Testing
@testable import Insights

/// ExperimentAnalysis against gbstats 0.8.0 (Fixtures/experiments, scripts/experiments-reference).
/// Every number within 1e-6 (relative for magnitudes above 1, e.g. a revenue variance).
@Suite struct ExperimentFixtureTests {
    static let tolerance = 1e-6
    static let cases = try! ExperimentFixtures.decode(ExperimentFixture.Experiments.self, "experiments").cases

    @Test(arguments: cases)
    func matchesGbstats(_ c: ExperimentFixture.Case) throws {
        let type = try #require(ExperimentMetricType(rawValue: c.type))
        let result = try ExperimentAnalysis.compare(
            c.variants.map(\.summary), type: type, prior: c.prior.value,
            confidenceLevel: c.confidenceLevel, cuped: c.cuped)
        Self.check(result, c.expected)
    }

    /// Compares a result field by field with gbstats' expected outcome.
    static func check(_ result: MetricComparison, _ expected: ExperimentFixture.Expected) {
        #expect(Deviation(actual: result.sampleRatio.pValue, expected: expected.srmP).within(scaled: tolerance))
        #expect(Deviation(actual: result.sampleRatio.statistic, expected: expected.srmStatistic).within(scaled: tolerance))
        #expect(result.variants.count == expected.outcomes.count)
        for (actual, e) in zip(result.variants, expected.outcomes) {
            #expect(actual.name == e.name)
            #expect(actual.units == e.units)
            #expect(actual.issue?.code == e.issue, "\(e.name) issue")
            let fields: [(String, Double, Double)] = [
                ("mean", actual.mean, e.mean), ("variance", actual.variance, e.variance),
                ("liftAbsolute", actual.liftAbsolute, e.liftAbsolute),
                ("liftRelative", actual.liftRelative, e.liftRelative),
                ("ciLow", actual.ciLow, e.ciLow), ("ciHigh", actual.ciHigh, e.ciHigh),
                ("ciAbsoluteLow", actual.ciAbsoluteLow, e.ciAbsoluteLow), ("ciAbsoluteHigh", actual.ciAbsoluteHigh, e.ciAbsoluteHigh),
                ("pValueAbsolute", actual.pValueAbsolute, e.pValueAbsolute),
                ("pValue", actual.pValue, e.pValue), ("chanceToWin", actual.chanceToWin, e.chanceToWin),
                ("credibleLow", actual.credibleLow, e.credibleLow), ("credibleHigh", actual.credibleHigh, e.credibleHigh),
                ("posteriorMean", actual.posteriorMean, e.posteriorMean),
            ]
            for (field, a, x) in fields {
                let d = Deviation(actual: a, expected: x)
                #expect(d.within(scaled: tolerance), "\(e.name).\(field): \(d)")
            }
        }
    }

    @Test(arguments: try! ExperimentFixtures.decode(ExperimentFixture.SRMCases.self, "srm").cases)
    func sampleRatioMatchesCheckSRM(_ c: ExperimentFixture.SRMCase) {
        let check = SampleRatioCheck.test(units: c.units, weights: c.weights)
        #expect(Deviation(actual: check.pValue, expected: c.pValue).within(scaled: Self.tolerance), "\(check.pValue) vs \(c.pValue)")
        #expect(Deviation(actual: check.statistic, expected: c.statistic).within(scaled: Self.tolerance))
        #expect(check.mismatch == (c.pValue < 0.001))
    }

    @Test func adjustmentsMatchStatsmodels() throws {
        let cases = try ExperimentFixtures.decode(ExperimentFixture.Adjustments.self, "adjustments").cases
        #expect(!cases.isEmpty)
        for c in cases {
            for (method, expected) in [(PValueAdjustment.holm, c.holm), (.benjaminiHochberg, c.bh)] {
                let actual = method.adjust(c.pValues)
                #expect(actual.count == expected.count)
                for (a, e) in zip(actual, expected) {
                    #expect(abs(a - e) <= 1e-12, "\(method) \(c.pValues): \(a) vs \(e)")
                }
            }
        }
    }
}
