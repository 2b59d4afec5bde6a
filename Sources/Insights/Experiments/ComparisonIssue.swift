/// Why a variant could not be compared with the control. Its outcome then carries gbstats'
/// uninformative result: p-value 1, chance to win 0.5, intervals [0, 0].
public enum ComparisonIssue: String, Sendable, Equatable, CaseIterable {
    /// The control's mean is 0 (no conversions, or no units): a relative lift is undefined.
    case controlMeanZero = "control_mean_zero"
    /// The variant has no units.
    case noUnits = "no_units"
    /// The control's or the variant's variance is 0 (e.g. one unit, or all values equal).
    case zeroVariance = "zero_variance"

    /// Stable code for the wire.
    public var code: String { rawValue }
}
