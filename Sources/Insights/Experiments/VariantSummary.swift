/// Sufficient statistics of one variant for one metric: everything the analysis needs, without
/// the per-unit rows. For a proportion, `sum` is the number of converted units and `sumSquares`
/// equals it (a 0/1 value squared is itself).
public struct VariantSummary: Sendable, Equatable {
    public var name: String
    /// Planned share of traffic, 0 … 1; the weights of an experiment sum to 1.
    public var weight: Double
    /// Units (usually users) assigned to the variant.
    public var units: Int
    /// Σ metric value (for a ratio: Σ numerator).
    public var sum: Double
    /// Σ metric value².
    public var sumSquares: Double
    /// Σ denominator, ratio metrics only (0 otherwise).
    public var denominatorSum: Double
    /// Σ denominator², ratio metrics only.
    public var denominatorSumSquares: Double
    /// Σ numerator × denominator, ratio metrics only.
    public var sumProducts: Double
    /// The CUPED pre-period covariate, when there is one.
    public var covariate: CovariateSums?

    public init(
        name: String, weight: Double, units: Int, sum: Double, sumSquares: Double,
        denominatorSum: Double = 0, denominatorSumSquares: Double = 0, sumProducts: Double = 0,
        covariate: CovariateSums? = nil
    ) {
        self.name = name
        self.weight = weight
        self.units = units
        self.sum = sum
        self.sumSquares = sumSquares
        self.denominatorSum = denominatorSum
        self.denominatorSumSquares = denominatorSumSquares
        self.sumProducts = sumProducts
        self.covariate = covariate
    }
}
