/// One variant's result in a `MetricComparison`.
///
/// Lifts, intervals and the p-value are relative to the control's mean unless named absolute.
/// The control row (the first) and any variant that cannot be compared (`issue` set) carry the
/// uninformative values gbstats returns: lifts from the plain means where defined, p-value 1,
/// chance to win 0.5, confidence and credible intervals [0, 0]. No field is ever NaN.
public struct VariantOutcome: Sendable, Equatable {
    public var name: String
    public var units: Int
    /// The variant's mean (conversion rate, mean value or ratio), without CUPED adjustment.
    public var mean: Double
    /// The per-unit variance of the metric (the statistic's, without CUPED adjustment).
    public var variance: Double
    /// Variant mean − control mean (CUPED-adjusted means when CUPED is on).
    public var liftAbsolute: Double
    /// (variant mean − control mean) / control mean; 0 when the control mean is not positive.
    public var liftRelative: Double
    /// Frequentist confidence interval of the relative lift (Welch t, delta method).
    public var ciLow: Double
    public var ciHigh: Double
    /// Frequentist confidence interval of the absolute lift (Welch t on the difference of means).
    public var ciAbsoluteLow: Double = 0
    public var ciAbsoluteHigh: Double = 0
    /// Two-sided p-value of "absolute lift = 0", the test behind the absolute interval.
    public var pValueAbsolute: Double = 1
    /// Two-sided p-value of "relative lift = 0".
    public var pValue: Double
    /// Bayesian posterior probability that the variant's mean exceeds the control's.
    public var chanceToWin: Double
    /// Bayesian credible interval of the relative lift.
    public var credibleLow: Double
    public var credibleHigh: Double
    /// Posterior mean of the relative lift (equals `liftRelative` with a flat prior).
    public var posteriorMean: Double
    /// Why the comparison is uninformative; nil for the control and for compared variants.
    public var issue: ComparisonIssue?

    public init(
        name: String, units: Int, mean: Double, variance: Double,
        liftAbsolute: Double = 0, liftRelative: Double = 0, ciLow: Double = 0, ciHigh: Double = 0,
        pValue: Double = 1, chanceToWin: Double = 0.5, credibleLow: Double = 0, credibleHigh: Double = 0,
        posteriorMean: Double = 0, issue: ComparisonIssue? = nil
    ) {
        self.name = name
        self.units = units
        self.mean = mean
        self.variance = variance
        self.liftAbsolute = liftAbsolute
        self.liftRelative = liftRelative
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.pValue = pValue
        self.chanceToWin = chanceToWin
        self.credibleLow = credibleLow
        self.credibleHigh = credibleHigh
        self.posteriorMean = posteriorMean
        self.issue = issue
    }
}
