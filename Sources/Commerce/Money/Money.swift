/// An ISO 4217 currency code such as `CNY`.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    public let code: String

    /// Accepts three ASCII capital letters; anything else is `nil`.
    public init?(_ code: String) {
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
        self.code = code
    }

    public static let cny = Currency("CNY")!
    public var description: String { code }

    /// Digits after the decimal point in the currency's minor unit: 2 for CNY, USD, EUR; 0 for
    /// JPY, KRW; 3 for KWD (ISO 4217).
    public var minorDigits: Int { Self.minorDigitExceptions[code] ?? 2 }

    /// Minor units per major unit (100 for CNY, 1 for JPY, 1000 for KWD).
    public var minorScale: Int64 {
        var scale: Int64 = 1
        for _ in 0..<minorDigits { scale *= 10 }
        return scale
    }

    /// `amount` minor units as plain major units, as a form or a CSV cell takes them: `-1234.50`,
    /// `1500` for JPY; no symbol, no grouping.
    public func plainMajor(_ amount: Int64) -> String {
        guard minorDigits > 0 else { return String(amount) }
        let scale = UInt64(minorScale)
        let fraction = String(amount.magnitude % scale)
        return (amount < 0 ? "-" : "") + "\(amount.magnitude / scale)." + String(repeating: "0", count: minorDigits - fraction.count) + fraction
    }

    /// Currencies whose minor unit does not have two digits.
    static let minorDigitExceptions: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    ]

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let currency = Currency(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 4217 code"))
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

/// An amount of money in integer minor units (fen, cents) of one currency. Never a `Double`.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    public var amount: Int64
    public var currency: Currency

    public init(_ amount: Int64, _ currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(0, currency) }

    public var description: String { "\(amount) \(currency.code)" }

    /// Sum of amounts in the same currency; a mix is a programming error caught by validation earlier.
    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "currency mix")
        return Money(lhs.amount + rhs.amount, lhs.currency)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "currency mix")
        return Money(lhs.amount - rhs.amount, lhs.currency)
    }

    public static func * (lhs: Money, rhs: Int64) -> Money {
        Money(lhs.amount * rhs, lhs.currency)
    }

    /// Checks a client-supplied amount: non-negative, below a sane bound, in the expected currency.
    public static func validated(_ money: Money, field: String, currency: Currency) throws(CommerceError) -> Money {
        guard money.currency == currency else {
            throw CommerceError(
                code: "currency_mismatch", field: "\(field).currency",
                message: "Expected \(currency.code), got \(money.currency.code).")
        }
        guard money.amount >= 0 else { throw .invalid("\(field).amount", "Amount must not be negative.", code: "invalid_amount") }
        guard money.amount <= Money.maximumAmount else {
            throw .invalid("\(field).amount", "Amount is too large.", code: "invalid_amount")
        }
        return money
    }

    /// Largest amount accepted anywhere (10^13 minor units), far from Int64 overflow even when multiplied by quantities.
    public static let maximumAmount: Int64 = 10_000_000_000_000
}
