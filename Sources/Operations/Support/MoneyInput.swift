import Commerce

/// Money as a client sends it: `{"amount": 1999, "currency": "CNY"}`, or a bare integer
/// amount in the shop's currency.
public struct MoneyInput: Sendable, Decodable, Equatable {
    public var amount: Int64
    public var currency: Currency?

    public init(amount: Int64, currency: Currency?) {
        self.amount = amount
        self.currency = currency
    }

    private enum CodingKeys: String, CodingKey { case amount, currency }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let amount = try? single.decode(Int64.self) {
            self.init(amount: amount, currency: nil)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(amount: try container.decode(Int64.self, forKey: .amount), currency: try container.decodeIfPresent(Currency.self, forKey: .currency))
    }

    /// Validated money in `currency` (the shop's): non-negative, bounded, same currency.
    public func money(field: String, currency shopCurrency: Currency) throws(CommerceError) -> Money {
        try Money.validated(Money(amount, currency ?? shopCurrency), field: field, currency: shopCurrency)
    }
}
