/// Input an experiment analysis rejects, with stable codes (docs/experiments.md, "Errors").
/// Data that is valid but uninformative (a zero control mean, zero variance, an empty variant)
/// is not an error: it yields a `ComparisonIssue` on the variant's outcome.
public enum ExperimentAnalysisError: Error, Equatable, Sendable {
    case fewerThanTwoVariants
    case weightsNotSummingToOne(sum: Double)
    case invalidWeight(variant: String)
    case negativeUnits(variant: String)
    case nonFiniteValue(variant: String)
    /// A proportion's conversions are negative or exceed its units.
    case conversionsOutOfRange(variant: String)
    /// A ratio metric whose variants all have a zero denominator.
    case missingRatioDenominator
    /// CUPED requested but a variant has no covariate.
    case missingCovariate(variant: String)
    /// CUPED is implemented for proportion and mean metrics only.
    case cupedNotSupportedForRatio
    case invalidConfidenceLevel(Double)
    /// A proper prior needs a finite mean and a positive, finite standard deviation.
    case invalidPrior

    /// Stable snake_case code for the wire.
    public var code: String {
        switch self {
        case .fewerThanTwoVariants: "fewer_than_two_variants"
        case .weightsNotSummingToOne: "weights_not_summing_to_one"
        case .invalidWeight: "invalid_weight"
        case .negativeUnits: "negative_units"
        case .nonFiniteValue: "non_finite_value"
        case .conversionsOutOfRange: "conversions_out_of_range"
        case .missingRatioDenominator: "missing_ratio_denominator"
        case .missingCovariate: "missing_covariate"
        case .cupedNotSupportedForRatio: "cuped_not_supported_for_ratio"
        case .invalidConfidenceLevel: "invalid_confidence_level"
        case .invalidPrior: "invalid_prior"
        }
    }

    /// Human-readable explanation.
    public var message: String {
        switch self {
        case .fewerThanTwoVariants: "an experiment needs a control and at least one variant"
        case .weightsNotSummingToOne(let sum): "variant weights sum to \(sum), not 1"
        case .invalidWeight(let v): "variant \(v) has a negative or non-finite weight"
        case .negativeUnits(let v): "variant \(v) has negative units"
        case .nonFiniteValue(let v): "variant \(v) has a non-finite sum"
        case .conversionsOutOfRange(let v): "variant \(v) has conversions outside 0 … units"
        case .missingRatioDenominator: "a ratio metric needs denominator sums"
        case .missingCovariate(let v): "CUPED needs a covariate for variant \(v)"
        case .cupedNotSupportedForRatio: "CUPED is not available for ratio metrics"
        case .invalidConfidenceLevel(let c): "confidence level \(c) is not between 0 and 1"
        case .invalidPrior: "the prior needs a finite mean and a positive standard deviation"
        }
    }
}
