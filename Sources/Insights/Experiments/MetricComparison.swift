/// The comparison of every variant of one metric with the control.
public struct MetricComparison: Sendable, Equatable {
    public var type: ExperimentMetricType
    /// One outcome per input variant, in input order; the first is the control.
    public var variants: [VariantOutcome]
    /// The sample ratio mismatch check of the variants' units against their weights.
    public var sampleRatio: SampleRatioCheck

    public init(type: ExperimentMetricType, variants: [VariantOutcome], sampleRatio: SampleRatioCheck) {
        self.type = type
        self.variants = variants
        self.sampleRatio = sampleRatio
    }
}
