import Testing
@testable import Commerce

@Suite struct PricingTests {
    static let now = Instant(millisecondsSinceEpoch: 0)

    static func line(_ code: String, price: Int64, quantity: Int64, currency: Currency = .cny) -> CartLine {
        CartLine(skuID: 1, skuCode: code, title: code, quantity: quantity, listPrice: Money(price, currency))
    }

    @Test func pricesAtListPrice() throws {
        let cart = Cart(lines: [Self.line("A", price: 1999, quantity: 3), Self.line("B", price: 1, quantity: 1)], currency: .cny)
        let priced = try Pricing.price(cart, context: PricingContext(now: Self.now))
        #expect(priced.subtotal == Money(5998, .cny))
        #expect(priced.total == Money(5998, .cny))
        #expect(priced.lines.map(\.total.amount) == [5997, 1])
        #expect(priced.discount.amount == 0)
    }

    @Test func rejectsEmptyCartsBadQuantitiesAndMixedCurrencies() {
        #expect(throws: CommerceError.self) { try Pricing.price(Cart(lines: [], currency: .cny), context: PricingContext(now: Self.now)) }
        for quantity: Int64 in [0, -1, StockRules.maxUnits + 1] {
            let cart = Cart(lines: [Self.line("A", price: 1, quantity: quantity)], currency: .cny)
            #expect(throws: CommerceError.self) { try Pricing.price(cart, context: PricingContext(now: Self.now)) }
        }
        let mixed = Cart(lines: [Self.line("A", price: 1, quantity: 1, currency: Currency("USD")!)], currency: .cny)
        #expect(throws: CommerceError.self) { try Pricing.price(mixed, context: PricingContext(now: Self.now)) }
    }

    @Test func moneyValidationChecksCurrencySignAndBound() throws {
        #expect(try Money.validated(Money(5, .cny), field: "price", currency: .cny) == Money(5, .cny))
        #expect(throws: CommerceError.self) { try Money.validated(Money(-1, .cny), field: "price", currency: .cny) }
        #expect(throws: CommerceError.self) { try Money.validated(Money(1, Currency("USD")!), field: "price", currency: .cny) }
        #expect(throws: CommerceError.self) { try Money.validated(Money(Money.maximumAmount + 1, .cny), field: "price", currency: .cny) }
        #expect(Currency("cny") == nil)
        #expect(Currency("CNYY") == nil)
    }

    @Test func marginIsPriceLessCostAndItsRate() {
        let margin = Margin(price: Money(200, .cny), cost: Money(150, .cny))
        #expect(margin.amount == Money(50, .cny))
        #expect(margin.rate == 0.25)
        #expect(Margin(price: Money(0, .cny), cost: Money(0, .cny)).rate == 0)
    }

    @Test func publicIDsRoundTripAndRejectOtherPrefixes() {
        #expect(IDPrefix.order.format(12) == "ord_12")
        #expect(IDPrefix.order.parse("ord_12") == 12)
        #expect(IDPrefix.order.parse("cus_12") == nil)
        #expect(IDPrefix.order.parse("ord_") == nil)
        #expect(IDPrefix.order.parse("ord_-3") == nil)
        #expect(IDPrefix.order.parse("ord_0") == nil)
    }
}
