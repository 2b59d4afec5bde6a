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
