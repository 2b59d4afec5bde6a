/// What kind of metric an experiment compares (docs/experiments.md, "Metric types").
public enum ExperimentMetricType: String, Sendable, CaseIterable {
    /// Share of units that converted: mean = conversions/units, variance p(1 − p)
    /// (gbstats `ProportionStatistic`).
    case proportion
    /// Mean of a per-unit value such as revenue: sample mean and sample variance
    /// (gbstats `SampleMeanStatistic`).
    case mean
    /// Ratio of two per-unit sums such as orders per session: Σnumerator/Σdenominator with a
    /// delta-method variance (gbstats `RatioStatistic`, both parts as sample means).
    case ratio
}
