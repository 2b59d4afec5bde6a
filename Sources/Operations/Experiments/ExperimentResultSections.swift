import Insights

/// The per-metric, per-variant figures of an experiment as report values, with p-values
/// adjusted across every metric × variant when a correction is chosen.
struct ExperimentResultSections {
    static let columns = [
        "metric", "variant", "units", "mean", "lift_absolute", "ci_absolute_low", "ci_absolute_high", "lift_relative", "ci_low", "ci_high",
        "p_value", "p_value_adjusted",
        "chance_to_win", "credible_low", "credible_high",
    ]

    let metrics: [ReportValue]
    let rows: [[ReportValue]]
    /// The primary metric's comparison (nil when it could not be computed).
    let primary: MetricComparison?
    let primaryMetric: ExperimentMetric
    let adjusted: [String: Double]

    init(comparisons: [(ExperimentMetric, MetricComparison?)], correction: PValueAdjustment?, currency: String, primary: ExperimentMetric) {
        primaryMetric = primary
        self.primary = comparisons.first { $0.0 == primary }?.1
        // Adjust across metrics × treatment variants.
        var keys: [String] = [], pValues: [Double] = []
        for (metric, comparison) in comparisons {
            for outcome in comparison?.variants.dropFirst() ?? [] {
                keys.append(metric.name + "/" + outcome.name)
                pValues.append(outcome.pValue)
            }
        }
        let adjustedValues = correction?.adjust(pValues) ?? pValues
        var adjusted: [String: Double] = [:]
        for (index, key) in keys.enumerated() { adjusted[key] = adjustedValues[index] }
        self.adjusted = adjusted
        var metrics: [ReportValue] = [], rows: [[ReportValue]] = []
        for (metric, comparison) in comparisons {
            let role = metric == primary ? "primary" : "guardrail"
            guard let comparison else {
                metrics.append(.object([("metric", .string(metric.name)), ("role", .string(role)), ("type", .string(metric.type.rawValue)),
                                        ("error", .string("Not enough data to compare the variants."))]))
                continue
            }
            var variants: [ReportValue] = []
            for (index, outcome) in comparison.variants.enumerated() {
                let values = Self.values(outcome, isControl: index == 0, adjusted: adjusted[metric.name + "/" + outcome.name])
                variants.append(.object([("variant", .string(outcome.name))] + values))
                rows.append([.string(metric.name), .string(outcome.name)] + values.map(\.1))
            }
            metrics.append(.object([
                ("metric", .string(metric.name)), ("role", .string(role)), ("type", .string(metric.type.rawValue)),
                ("unit", .string(metric.isMoney ? "minor_units_\(currency)" : "rate")), ("variants", .array(variants)),
            ]))
        }
        self.metrics = metrics
        self.rows = rows
    }

    /// The figures of one variant; comparison fields are null on the control.
    static func values(_ outcome: VariantOutcome, isControl: Bool, adjusted: Double?) -> [(String, ReportValue)] {
        func compared(_ value: Double) -> ReportValue { isControl ? .null : .double(value) }
        return [
            ("units", .int(outcome.units)), ("mean", .double(outcome.mean)),
            ("lift_absolute", compared(outcome.liftAbsolute)),
            ("ci_absolute_low", compared(outcome.ciAbsoluteLow)), ("ci_absolute_high", compared(outcome.ciAbsoluteHigh)),
            ("p_value_absolute", compared(outcome.pValueAbsolute)),
            ("lift_relative", compared(outcome.liftRelative)),
            ("ci_low", compared(outcome.ciLow)), ("ci_high", compared(outcome.ciHigh)),
            ("p_value", compared(outcome.pValue)), ("p_value_adjusted", isControl ? .null : adjusted.map { .double($0) } ?? .null),
            ("chance_to_win", compared(outcome.chanceToWin)),
            ("credible_low", compared(outcome.credibleLow)), ("credible_high", compared(outcome.credibleHigh)),
        ]
    }

    static func srm(_ check: SampleRatioCheck) -> ReportValue {
        .object([("statistic", .double(check.statistic)), ("p_value", .double(check.pValue)), ("mismatch", .bool(check.mismatch))])
    }
}
