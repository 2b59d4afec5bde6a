import Testing
@testable import Insights

@Suite struct MoneyMathTests {
    @Test func ratioRoundsHalvesAwayFromZero() {
        #expect(MoneyMath.ratio(5, 2) == 3)      // 2.5 → 3
        #expect(MoneyMath.ratio(7, 2) == 4)      // 3.5 → 4
        #expect(MoneyMath.ratio(10, 4) == 3)     // 2.5 → 3
        #expect(MoneyMath.ratio(9, 4) == 2)      // 2.25 → 2
        #expect(MoneyMath.ratio(11, 4) == 3)     // 2.75 → 3
        #expect(MoneyMath.ratio(-5, 2) == -3)    // −2.5 → −3
        #expect(MoneyMath.ratio(5, -2) == -3)
        #expect(MoneyMath.ratio(-9, 4) == -2)
        #expect(MoneyMath.ratio(1, 3) == 0)
        #expect(MoneyMath.ratio(2, 3) == 1)
    }

    @Test func ratioWithZeroDenominatorIsZero() {
        #expect(MoneyMath.ratio(1234, 0) == 0)
        #expect(MoneyMath.rate(3, 0) == 0)
        #expect(MoneyMath.rate(Int64(3), Int64(0)) == 0)
    }

    @Test func ratioDoesNotOverflow() {
        #expect(MoneyMath.ratio(Int64.max, 1) == Int64.max)
        #expect(MoneyMath.ratio(Int64.max, 2) == Int64.max / 2 + 1)
        #expect(MoneyMath.ratio(Int64.max - 1, Int64.max) == 1)
    }

    @Test func largestRemainderSumsExactly() {
        #expect(MoneyMath.largestRemainder([1.0 / 3, 1.0 / 3, 1.0 / 3], total: 1) == [1, 0, 0])
        #expect(MoneyMath.largestRemainder([0.2, 0.5, 0.3], total: 1) == [0, 1, 0])
        #expect(MoneyMath.largestRemainder([10.6, 10.6, -20.2], total: 1) == [11, 10, -20])
        #expect(MoneyMath.largestRemainder([-0.5, -0.5], total: -1) == [0, -1])
        // Parts that do not quite sum to the total still come out exact.
        #expect(MoneyMath.largestRemainder([3.0, 3.0], total: 7) == [4, 3])
        #expect(MoneyMath.largestRemainder([3.0, 3.0], total: 5) == [2, 3])
    }

    @Test func moneyFormat() {
        let cny = MoneyFormat(currency: "CNY")
        #expect(cny.string(123_400) == "¥1,234.00")
        #expect(cny.string(-16_600) == "−¥166.00")
        #expect(cny.signed(0) == "+¥0.00")
        #expect(cny.string(123_456_789_05) == "¥123,456,789.05")
        #expect(MoneyFormat(currency: "usd").signed(510) == "+$5.10")
        #expect(MoneyFormat(currency: "EUR").string(5) == "EUR 0.05")
        #expect(MoneyFormat(currency: "JPY").string(1_234_567) == "JPY 1,234,567")
        #expect(MoneyFormat.percent(0.1234) == "+12.3%")
        #expect(MoneyFormat.percent(-0.05) == "−5.0%")
        #expect(MoneyFormat.percent(0.00049) == "+0.0%")
    }
}
