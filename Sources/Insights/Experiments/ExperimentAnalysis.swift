/// The statistics engine for A/B experiments: compares variants' sufficient statistics the way
/// GrowthBook's gbstats 0.8 does (rules and formulas in docs/experiments.md).
public enum ExperimentAnalysis {
    /// Whether weights sum to 1 within 1e-6 (room for weights written with six decimals): the
    /// one rule for definitions, summary files and the analysis.
    public static func weightsSumToOne(_ weights: [Double]) -> Bool {
        abs(weights.reduce(0, +) - 1) <= 1e-6
    }

    /// Compares every variant with the first (control): frequentist Welch t-test and Bayesian
    /// posterior on the relative lift, plus the sample ratio mismatch check.
    ///
    /// - Parameters:
    ///   - prior: the Bayesian prior on the relative lift.
    ///   - confidenceLevel: level of the confidence and credible intervals, in (0, 1).
    ///   - cuped: regression-adjust with each variant's `covariate` (proportion and mean metrics).
    public static func compare(
        _ variants: [VariantSummary], type: ExperimentMetricType, prior: ExperimentPrior = .flat,
        confidenceLevel: Double = 0.95, cuped: Bool = false
    ) throws(ExperimentAnalysisError) -> MetricComparison {
        try validate(variants, type: type, prior: prior, confidenceLevel: confidenceLevel, cuped: cuped)
        let statistics = variants.map { statistic($0, type: type, cuped: cuped) }
        let alpha = 1 - confidenceLevel
        var outcomes: [VariantOutcome] = []
        for (index, summary) in variants.enumerated() {
            let s = statistics[index]
            var outcome = VariantOutcome(name: summary.name, units: summary.units,
                                         mean: s.unadjustedMean, variance: s.unadjustedVariance)
            if index > 0 {
                PairwiseTest(control: statistics[0], variant: s).fill(&outcome, alpha: alpha, prior: prior)
            }
            outcomes.append(outcome)
        }
        let srm = SampleRatioCheck.test(units: variants.map(\.units), weights: variants.map(\.weight))
        return MetricComparison(type: type, variants: outcomes, sampleRatio: srm)
    }

    /// The gbstats statistic of one variant.
    static func statistic(_ v: VariantSummary, type: ExperimentMetricType, cuped: Bool) -> VariantStatistic {
        let main = MomentStatistic(isProportion: type == .proportion, n: v.units, sum: v.sum, sumSquares: v.sumSquares)
        switch type {
        case .ratio:
            let denominator = MomentStatistic(isProportion: false, n: v.units, sum: v.denominatorSum,
                                              sumSquares: v.denominatorSumSquares)
            return .ratio(numerator: main, denominator: denominator, sumProducts: v.sumProducts)
        case .proportion, .mean:
            guard cuped, let c = v.covariate else { return .plain(main) }
            let pre = MomentStatistic(isProportion: type == .proportion, n: v.units, sum: c.sum, sumSquares: c.sumSquares)
            return .regression(post: main, pre: pre, sumProducts: c.sumProducts, theta: 0)
        }
    }

    static func validate(
        _ variants: [VariantSummary], type: ExperimentMetricType, prior: ExperimentPrior,
        confidenceLevel: Double, cuped: Bool
    ) throws(ExperimentAnalysisError) {
        guard variants.count >= 2 else { throw .fewerThanTwoVariants }
        guard confidenceLevel > 0, confidenceLevel < 1 else { throw .invalidConfidenceLevel(confidenceLevel) }
        if case .proper(let mean, let sd) = prior, !(mean.isFinite && sd.isFinite && sd > 0) {
            throw .invalidPrior
        }
        for v in variants {
            guard v.weight.isFinite, v.weight >= 0 else { throw .invalidWeight(variant: v.name) }
            guard v.units >= 0 else { throw .negativeUnits(variant: v.name) }
            var values = [v.sum, v.sumSquares, v.denominatorSum, v.denominatorSumSquares, v.sumProducts]
            if let c = v.covariate { values += [c.sum, c.sumSquares, c.sumProducts] }
            guard values.allSatisfy(\.isFinite) else { throw .nonFiniteValue(variant: v.name) }
            if type == .proportion, v.sum < 0 || v.sum > Double(v.units) {
                throw .conversionsOutOfRange(variant: v.name)
            }
            if cuped, type != .ratio, v.covariate == nil { throw .missingCovariate(variant: v.name) }
        }
        guard weightsSumToOne(variants.map(\.weight)) else { throw .weightsNotSummingToOne(sum: variants.reduce(0) { $0 + $1.weight }) }
        if type == .ratio {
            if cuped { throw .cupedNotSupportedForRatio }
            if variants.allSatisfy({ $0.denominatorSum == 0 }) { throw .missingRatioDenominator }
        }
    }
}
