/// The Cornish–Fisher expansion of Student's t quantile in the normal quantile z
/// (Abramowitz & Stegun 26.7.5): t = z + g₁(z)/ν + g₂(z)/ν² + g₃(z)/ν³ + g₄(z)/ν⁴ + O(ν⁻⁵).
///
/// Used for ν ≥ `StudentTExpansion.minimumDegreesOfFreedom`, where the incomplete beta continued
/// fraction loses about ν·1e-17 in relative accuracy (x = ν/(ν + t²) is close to 1). There, for
/// |z| ≤ 40 (every tail probability above the underflow limit), the omitted ν⁻⁵ term is below
/// 1e-18, so the CDF is Φ(z(t)) with z(t) the inverse of the expansion, found by Newton's method.
enum StudentTExpansion {
    static let minimumDegreesOfFreedom = 1e5
    /// Beyond this |t| the tail probability underflows for ν ≥ 1e5; the expansion is not used.
    static let maximumMagnitude = 40.0

    /// t(z) and dt/dz for ν degrees of freedom.
    static func quantile(z: Double, nu: Double) -> (t: Double, slope: Double) {
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        let d1 = (3 * z2 + 1) / 4
        let d2 = ((25 * z2 + 48) * z2 + 3) / 96
        let d3 = (((21 * z2 + 95) * z2 + 51) * z2 - 15) / 384
        let d4 = ((((711 * z2 + 5432) * z2 + 7410) * z2 - 5760) * z2 - 945) / 92160
        let t = z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
        let slope = 1 + (d1 + (d2 + (d3 + d4 / nu) / nu) / nu) / nu
        return (t, slope)
    }

    /// The z with t(z) = t (Newton from z = t; t(z) is within 1e-3 of z and nearly linear).
    static func normalEquivalent(t: Double, nu: Double) -> Double {
        var z = t
        for _ in 0..<20 {
            let (value, slope) = quantile(z: z, nu: nu)
            let step = (value - t) / slope
            z -= step
            if abs(step) <= 1e-17 * max(1, abs(z)) { break }
        }
        return z
    }
}
