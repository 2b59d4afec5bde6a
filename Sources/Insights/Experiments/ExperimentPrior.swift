/// The Bayesian prior on the relative lift (docs/experiments.md, "Priors").
public enum ExperimentPrior: Sendable, Equatable {
    /// No prior information: the posterior is the data's normal likelihood.
    case flat
    /// A normal prior N(mean, standardDeviation²) on the relative lift, which shrinks noisy
    /// lifts toward `mean`.
    case proper(mean: Double, standardDeviation: Double)

    /// N(0, 0.3²): lifts beyond ±60 % are a priori unlikely.
    public static let standard = ExperimentPrior.proper(mean: 0, standardDeviation: 0.3)
}
