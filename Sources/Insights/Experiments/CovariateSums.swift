/// Sufficient statistics of a variant's pre-period covariate for CUPED: the same metric measured
/// on the same units before the experiment.
public struct CovariateSums: Sendable, Equatable {
    /// Σ covariate.
    public var sum: Double
    /// Σ covariate²; ignored for proportion metrics, whose covariate is a 0/1 conversion.
    public var sumSquares: Double
    /// Σ metric × covariate over the variant's units.
    public var sumProducts: Double

    public init(sum: Double, sumSquares: Double, sumProducts: Double) {
        self.sum = sum
        self.sumSquares = sumSquares
        self.sumProducts = sumProducts
    }
}
