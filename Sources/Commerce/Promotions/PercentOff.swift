/// A share taken off a price, held as integer basis points (1 % = 100 bp, so "8折" = 2000 bp).
///
/// Wire form: a JSON number of percent with at most two decimals, e.g. `20` or `12.5`
/// (decoding anything finer, or not finite, is a decoding error; the range is checked by
/// `validate`). Arithmetic never uses floating point: a discount is `floor(amount × bp / 10000)`.
public struct PercentOff: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var basisPoints: Int64

    public init(basisPoints: Int64) { self.basisPoints = basisPoints }

    /// Whole percent, e.g. `PercentOff(percent: 20)` for 8折.
    public init(percent: Int64) { self.basisPoints = percent * 100 }

    public static let full = PercentOff(basisPoints: 10_000)

    /// `floor(amount × bp / 10000)`, without overflow, for non-negative amounts.
    public func of(_ amount: Int64) -> Int64 {
        Allocation.multiplyDivide(amount, basisPoints, 10_000).0
    }

    public static func < (lhs: PercentOff, rhs: PercentOff) -> Bool { lhs.basisPoints < rhs.basisPoints }

    public var description: String {
        basisPoints % 100 == 0 ? "\(basisPoints / 100)%" : "\(basisPoints / 100).\(String(format2: basisPoints % 100))%"
    }

    /// Checks 0 < percent < 100 (or ≤ 100 when `allowFull`, e.g. "buy 2 get 1 free").
    public func validate(field: @autoclosure () -> String, allowFull: Bool = false) throws(CommerceError) {
        let upper: Int64 = allowFull ? 10_000 : 9_999
        guard basisPoints >= 1, basisPoints <= upper else {
            let range = allowFull ? "greater than 0 and at most 100" : "strictly between 0 and 100"
            throw .invalid(field(), "A percent must be \(range), with at most two decimals.", code: "invalid_percent")
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let whole = try? container.decode(Int64.self), whole.magnitude <= 1_000_000 {
            basisPoints = whole * 100
            return
        }
        let value = try container.decode(Double.self)
        guard value.isFinite, value.magnitude <= 1_000_000 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "A percent must be a finite number.")
        }
        // Nearest basis point (half away from zero), without libm.
        let scaled = Int64(value * 100 + (value < 0 ? -0.5 : 0.5))
        guard (value * 100 - Double(scaled)).magnitude < 1e-6 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "A percent has at most two decimals.")
        }
        basisPoints = scaled
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if basisPoints % 100 == 0 {
            try container.encode(basisPoints / 100)
        } else {
            try container.encode(Double(basisPoints) / 100)
        }
    }
}

extension String {
    /// Two digits, zero-padded (for basis-point fractions).
    init(format2 value: Int64) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
