/// Deterministic, sticky assignment of a unit to a variant: the same experiment key and unit id
/// always give the same variant, and units spread uniformly by weight.
///
/// The bucket is FNV-1a (32 bit) applied twice, the scheme GrowthBook's SDKs call hash version 2,
/// so a unit lands in the same bucket here as in those SDKs with the key as seed.
public enum ExperimentAssignment {
    /// A number in [0, 1) with four decimals for (seed, unit).
    public static func bucket(seed: String, unit: String) -> Double {
        let inner = fnv1a32(seed + unit)
        let outer = fnv1a32(String(inner))
        return Double(outer % 10_000) / 10_000
    }

    /// The variant whose cumulative weight range holds `bucket` (weights sum to 1).
    public static func variantIndex(bucket: Double, weights: [Double]) -> Int {
        var upper = 0.0
        for (index, weight) in weights.enumerated() {
            upper += weight
            if bucket < upper { return index }
        }
        return weights.count - 1
    }

    /// The variant of `unit` in the experiment `key` with these weights.
    public static func variantIndex(key: String, unit: String, weights: [Double]) -> Int {
        variantIndex(bucket: bucket(seed: key, unit: unit), weights: weights)
    }

    static func fnv1a32(_ text: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        return hash
    }
}
