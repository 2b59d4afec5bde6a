#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One control-versus-variant comparison: gbstats' `TwoSidedTTest` (frequentist) and
/// `EffectBayesianABTest` (Bayesian) on the relative lift, with the same degenerate-case rules.
struct PairwiseTest {
    var control: VariantStatistic
    var variant: VariantStatistic

    /// Sets CUPED's θ from the pooled pair (a no-op for other statistics).
    init(control: VariantStatistic, variant: VariantStatistic) {
        let theta = VariantStatistic.theta(control, variant)
        self.control = control.adjusted(theta: theta)
        self.variant = variant.adjusted(theta: theta)
    }

    /// Why the pair cannot be compared, in gbstats' order of checks.
    var issue: ComparisonIssue? {
        if control.mean == 0 || control.unadjustedMean == 0 { return .controlMeanZero }
        if control.n == 0 || variant.n == 0 { return .noUnits }
        if control.variance <= 0 || variant.variance <= 0 { return .zeroVariance }
        return nil
    }

    /// (variant − control)/control-unadjusted: the relative lift's point estimate.
    var relativeLift: Double { (variant.mean - control.mean) / control.unadjustedMean }

    /// Delta-method variance of the relative lift (gbstats `frequentist_variance`, relative).
    var relativeVariance: Double {
        let ma = control.unadjustedMean, mb = variant.unadjustedMean
        return variant.variance / (ma * ma * Double(variant.n))
            + control.variance * mb * mb / (ma * ma * ma * ma * Double(control.n))
    }

    /// Variance of the difference of means.
    var absoluteVariance: Double {
        variant.variance / Double(variant.n) + control.variance / Double(control.n)
    }

    /// Welch–Satterthwaite degrees of freedom.
    var degreesOfFreedom: Double {
        let va = control.variance, vb = variant.variance
        let na = Double(control.n), nb = Double(variant.n)
        let s = vb / nb + va / na
        return s * s / (vb * vb / (nb * nb * (nb - 1)) + va * va / (na * na * (na - 1)))
    }

    /// Fills the comparison fields of `outcome` at level 1 − alpha.
    func fill(_ outcome: inout VariantOutcome, alpha: Double, prior: ExperimentPrior) {
        outcome.liftAbsolute = variant.mean - control.mean
        outcome.liftRelative = control.unadjustedMean > 0 ? relativeLift : 0
        if let issue {
            outcome.issue = issue
            return
        }
        // Frequentist: Welch t on the relative lift.
        let estimate = relativeLift, variance = relativeVariance
        let standardError = variance.squareRoot()
        let t = StudentTDistribution(degreesOfFreedom: degreesOfFreedom)
        outcome.pValue = min(1, 2 * t.survival(abs(estimate / standardError)))
        let width = t.quantile(1 - alpha / 2) * standardError
        outcome.ciLow = estimate - width
        outcome.ciHigh = estimate + width
        // The same test on the difference of means (gbstats' absolute difference type).
        let absoluteError = absoluteVariance.squareRoot()
        outcome.pValueAbsolute = min(1, 2 * t.survival(abs(outcome.liftAbsolute / absoluteError)))
        let absoluteWidth = t.quantile(1 - alpha / 2) * absoluteError
        outcome.ciAbsoluteLow = outcome.liftAbsolute - absoluteWidth
        outcome.ciAbsoluteHigh = outcome.liftAbsolute + absoluteWidth
        // Bayesian: normal likelihood on the relative lift, times the prior.
        var precision = 1 / variance
        var mean = estimate
        if case .proper(let priorMean, let priorSD) = prior {
            let priorVariance = priorSD * priorSD
            precision += 1 / priorVariance
            mean = (estimate / variance + priorMean / priorVariance) / precision
        }
        let sd = (1 / precision).squareRoot()
        let posterior = NormalDistribution(mean: mean, standardDeviation: sd)
        outcome.posteriorMean = mean
        outcome.chanceToWin = posterior.survival(0)
        outcome.credibleLow = posterior.quantile(alpha / 2)
        outcome.credibleHigh = posterior.quantile(1 - alpha / 2)
    }
}
