import Testing
@testable import Insights

/// Hand-written cases: input errors, degenerate data, and properties any correct engine has.
@Suite struct ExperimentEdgeTests {
    func v(_ name: String, _ weight: Double, _ units: Int, _ sum: Double, _ squares: Double? = nil) -> VariantSummary {
        VariantSummary(name: name, weight: weight, units: units, sum: sum, sumSquares: squares ?? sum)
    }

    func code(_ body: () throws -> MetricComparison) -> String? {
        do { _ = try body(); return nil } catch { return (error as? ExperimentAnalysisError)?.code ?? "\(error)" }
    }

    @Test func inputErrorsHaveStableCodes() {
        let a = v("a", 0.5, 100, 10), b = v("b", 0.5, 100, 12)
        #expect(code { try ExperimentAnalysis.compare([a], type: .proportion) } == "fewer_than_two_variants")
        #expect(code { try ExperimentAnalysis.compare([a, v("b", 0.6, 100, 12)], type: .proportion) } == "weights_not_summing_to_one")
        #expect(code { try ExperimentAnalysis.compare([v("a", 1.5, 100, 10), v("b", -0.5, 100, 12)], type: .proportion) } == "invalid_weight")
        #expect(code { try ExperimentAnalysis.compare([a, v("b", 0.5, -1, 0)], type: .proportion) } == "negative_units")
        #expect(code { try ExperimentAnalysis.compare([a, v("b", 0.5, 100, 101)], type: .proportion) } == "conversions_out_of_range")
        #expect(code { try ExperimentAnalysis.compare([a, v("b", 0.5, 100, .nan)], type: .mean) } == "non_finite_value")
        #expect(code { try ExperimentAnalysis.compare([a, b], type: .ratio) } == "missing_ratio_denominator")
        #expect(code { try ExperimentAnalysis.compare([a, b], type: .mean, cuped: true) } == "missing_covariate")
        #expect(code { try ExperimentAnalysis.compare([a, b], type: .proportion, confidenceLevel: 1) } == "invalid_confidence_level")
        #expect(code { try ExperimentAnalysis.compare([a, b], type: .proportion, prior: .proper(mean: 0, standardDeviation: 0)) } == "invalid_prior")
        var ra = a, rb = b
        ra.denominatorSum = 200; rb.denominatorSum = 210
        #expect(code { try ExperimentAnalysis.compare([ra, rb], type: .ratio, cuped: true) } == "cuped_not_supported_for_ratio")
        #expect(code { try ExperimentAnalysis.compare([a, b], type: .proportion) } == nil)
    }

    /// Every numeric field of every outcome is finite, whatever the data.
    func allFinite(_ r: MetricComparison) -> Bool {
        r.variants.allSatisfy { o in
            [o.mean, o.variance, o.liftAbsolute, o.liftRelative, o.ciLow, o.ciHigh, o.pValue,
             o.chanceToWin, o.credibleLow, o.credibleHigh, o.posteriorMean].allSatisfy(\.isFinite)
        } && r.sampleRatio.pValue.isFinite && r.sampleRatio.statistic.isFinite
    }

    @Test(arguments: [
        ("no units anywhere", [0, 0], [0.0, 0.0], ComparisonIssue.controlMeanZero),
        ("control without conversions", [100, 100], [0.0, 5.0], .controlMeanZero),
        ("empty variant", [100, 0], [10.0, 0.0], .noUnits),
        ("everyone converted", [50, 50], [50.0, 50.0], .zeroVariance),
        ("one unit each", [1, 1], [1.0, 1.0], .zeroVariance),
    ])
    func degenerateDataGivesTheUninformativeResult(_ label: String, _ units: [Int], _ sums: [Double], _ issue: ComparisonIssue) throws {
        let r = try ExperimentAnalysis.compare(
            [v("a", 0.5, units[0], sums[0]), v("b", 0.5, units[1], sums[1])], type: .proportion, prior: .standard)
        #expect(allFinite(r), "\(label)")
        let o = r.variants[1]
        #expect(o.issue == issue, "\(label)")
        #expect(o.pValue == 1 && o.chanceToWin == 0.5)
        #expect(o.ciLow == 0 && o.ciHigh == 0 && o.credibleLow == 0 && o.credibleHigh == 0)
    }

    @Test func controlRowIsNeutral() throws {
        let r = try ExperimentAnalysis.compare([v("a", 0.5, 1000, 100), v("b", 0.5, 1000, 130)], type: .proportion)
        let c = r.variants[0]
        #expect(c == VariantOutcome(name: "a", units: 1000, mean: 0.1, variance: 0.1 * 0.9))
        #expect(c.issue == nil && r.variants[1].issue == nil)
    }

    @Test func swappingVariantsMirrorsTheChanceToWin() throws {
        // Same means and variances, so the relative variance is symmetric only in the absolute
        // sense; the chance to win of a better variant is above ½, of a worse one below.
        let better = try ExperimentAnalysis.compare([v("a", 0.5, 5000, 500), v("b", 0.5, 5000, 560)], type: .proportion)
        let worse = try ExperimentAnalysis.compare([v("b", 0.5, 5000, 560), v("a", 0.5, 5000, 500)], type: .proportion)
        #expect(better.variants[1].chanceToWin > 0.9)
        #expect(worse.variants[1].chanceToWin < 0.1)
        #expect(better.variants[1].liftAbsolute == -worse.variants[1].liftAbsolute)
        // p-value and chance to win agree in direction: a flat-prior chance to win near 1 − p/2.
        let o = better.variants[1]
        #expect(abs(o.chanceToWin - (1 - o.pValue / 2)) < 1e-3)
    }

    @Test func properPriorShrinksTowardItsMean() throws {
        let data = [v("a", 0.5, 300, 30), v("b", 0.5, 300, 45)]
        let flat = try ExperimentAnalysis.compare(data, type: .proportion, prior: .flat).variants[1]
        let shrunk = try ExperimentAnalysis.compare(data, type: .proportion, prior: .standard).variants[1]
        #expect(flat.posteriorMean == flat.liftRelative)
        #expect(0 < shrunk.posteriorMean && shrunk.posteriorMean < flat.posteriorMean)
        #expect(shrunk.credibleHigh - shrunk.credibleLow < flat.credibleHigh - flat.credibleLow)
        #expect(shrunk.pValue == flat.pValue) // the frequentist side ignores the prior
    }

    @Test func widerLevelWidensTheIntervals() throws {
        let data = [v("a", 0.5, 2000, 200), v("b", 0.5, 2000, 230)]
        let at90 = try ExperimentAnalysis.compare(data, type: .proportion, confidenceLevel: 0.9).variants[1]
        let at99 = try ExperimentAnalysis.compare(data, type: .proportion, confidenceLevel: 0.99).variants[1]
        #expect(at99.ciLow < at90.ciLow && at90.ciHigh < at99.ciHigh)
        #expect(at99.credibleLow < at90.credibleLow && at90.credibleHigh < at99.credibleHigh)
        #expect(at90.pValue == at99.pValue)
    }

    @Test func cupedNarrowsTheIntervalWhenTheCovariatePredicts() throws {
        // post = pre + small noise: the covariate explains most of the variance.
        func variant(_ name: String, _ shift: Double) -> VariantSummary {
            let n = 400.0
            let pre = 10.0 * n, preSquares = 140.0 * n  // mean 10, variance 40
            let sum = pre + shift * n, squares = preSquares + 2 * shift * pre + shift * shift * n + 1.0 * n
            return VariantSummary(name: name, weight: 0.5, units: Int(n), sum: sum, sumSquares: squares,
                                  covariate: CovariateSums(sum: pre, sumSquares: preSquares, sumProducts: preSquares + shift * pre))
        }
        let data = [variant("a", 0), variant("b", 0.5)]
        let plain = try ExperimentAnalysis.compare(data, type: .mean).variants[1]
        let adjusted = try ExperimentAnalysis.compare(data, type: .mean, cuped: true).variants[1]
        #expect(adjusted.ciHigh - adjusted.ciLow < 0.5 * (plain.ciHigh - plain.ciLow))
        #expect(adjusted.mean == plain.mean && adjusted.variance == plain.variance) // unadjusted
    }

    @Test func sampleRatioFlagsOnlyBelowThreshold() {
        #expect(!SampleRatioCheck.test(units: [5000, 5000], weights: [0.5, 0.5]).mismatch)
        #expect(SampleRatioCheck.test(units: [5300, 4700], weights: [0.5, 0.5]).mismatch)
        #expect(SampleRatioCheck.test(units: [5000, 5000], weights: [0.5, 0.5]).pValue == 1)
        #expect(SampleRatioCheck.test(units: [0, 0], weights: [0.5, 0.5]) == SampleRatioCheck(statistic: 0, pValue: 1))
        #expect(SampleRatioCheck.test(units: [10], weights: [1]).pValue == 1)
        #expect(SampleRatioCheck.test(units: [10, 20], weights: [0.5]).pValue == 1)
        // 2 × 2 (50/50, 60 vs 40): χ² = 4, p = P(χ²₁ > 4) = 0.0455…
        let check = SampleRatioCheck.test(units: [60, 40], weights: [0.5, 0.5])
        #expect(check.statistic == 4)
        #expect(abs(check.pValue - 0.045500263896358417) < 1e-12)
    }

    @Test func adjustmentsAreMonotoneAndBounded() {
        #expect(PValueAdjustment.holm.adjust([]) == [])
        #expect(PValueAdjustment.holm.adjust([0.03]) == [0.03])
        #expect(PValueAdjustment.holm.adjust([0.01, 0.02, 0.03]) == [0.03, 0.04, 0.04])
        #expect(PValueAdjustment.benjaminiHochberg.adjust([0.01, 0.02, 0.03]) == [0.03, 0.03, 0.03])
        #expect(PValueAdjustment.benjaminiHochberg.adjust([0.9, .nan]) == [1, 1])
        let raw = [0.04, 0.001, 0.3, 0.02, 0.7]
        for method in PValueAdjustment.allCases {
            let adjusted = method.adjust(raw)
            for (a, p) in zip(adjusted, raw) { #expect(a >= p && a <= 1) }
        }
    }
}
