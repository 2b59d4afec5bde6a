import Testing
@testable import Insights

/// Brute-force Shapley over the 6 orders, independent of the closed form.
private func bruteShapley(_ a: [Double], _ b: [Double]) -> [Double] {
    let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
    var phi = [0.0, 0.0, 0.0]
    for order in orders {
        var cur = a
        for k in order {
            let before = cur[0] * cur[1] * cur[2]
            cur[k] = b[k]
            phi[k] += (cur[0] * cur[1] * cur[2] - before) / 6
        }
    }
    return phi
}

@Suite struct GMVChangeTests {
    @Test func closedFormMatchesSixOrderings() {
        let a = [1000.0, 0.05, 10_000.0], b = [1200.0, 0.045, 11_000.0]
        let closed = GMVChange.shapley((a[0], a[1], a[2]), (b[0], b[1], b[2]))
        let brute = bruteShapley(a, b)
        for k in 0..<3 { #expect(abs(closed[k] - brute[k]) < 1e-6) }
    }

    @Test func contributionsSumToDelta() {
        let c = GMVChange(
            before: GMVFactors(uv: 1000, payingCustomers: 50, paidRevenue: 500_000),
            after: GMVFactors(uv: 1200, payingCustomers: 54, paidRevenue: 594_000))
        #expect(c.delta == 94_000)
        #expect(c.uv + c.conversion + c.aov == c.delta)
        let brute = bruteShapley([1000, 0.05, 10_000], [1200, 0.045, 11_000])
        #expect(abs(Double(c.uv) - brute[0]) <= 1)
        #expect(abs(Double(c.conversion) - brute[1]) <= 1)
        #expect(abs(Double(c.aov) - brute[2]) <= 1)
        #expect(c.uv > 0 && c.conversion < 0 && c.aov > 0)
    }

    @Test func onlyUVChangesGivesEverythingToUV() {
        // Same conversion (10 %) and AOV (¥30): the whole change is UV.
        let c = GMVChange(
            before: GMVFactors(uv: 100, payingCustomers: 10, paidRevenue: 30_000),
            after: GMVFactors(uv: 200, payingCustomers: 20, paidRevenue: 60_000))
        #expect(c.uv == 30_000 && c.conversion == 0 && c.aov == 0)
    }

    @Test func zeroFactorBeforeIsExact() {
        // Nothing sold before: a logarithmic split is undefined, Shapley is not.
        let c = GMVChange(
            before: GMVFactors(uv: 100, payingCustomers: 0, paidRevenue: 0),
            after: GMVFactors(uv: 100, payingCustomers: 5, paidRevenue: 10_001))
        #expect(c.delta == 10_001)
        #expect(c.uv + c.conversion + c.aov == 10_001)
        #expect(c.uv == 0)
        // conversion 0 → 0.05, AOV 0 → 2000.2: each half of the product change.
        #expect(c.conversion == 5001 && c.aov == 5000)
        #expect(c.relative == nil)
    }

    @Test func zeroUVBothSides() {
        let c = GMVChange(
            before: GMVFactors(uv: 0, payingCustomers: 0, paidRevenue: 0),
            after: GMVFactors(uv: 0, payingCustomers: 0, paidRevenue: 0))
        #expect(c.delta == 0 && c.uv == 0 && c.conversion == 0 && c.aov == 0)
        #expect(c.sentence(currency: "CNY") == "GMV was unchanged: UV +¥0.00, conversion +¥0.00, AOV +¥0.00.")
        #expect(c.sentenceChinese(currency: "CNY") == "GMV 持平：UV 贡献 +¥0.00，转化率贡献 +¥0.00，客单价贡献 +¥0.00。")
    }

    @Test func revenueWithoutUVStillSums() {
        // Revenue from customers without events: UV 0, so the model cannot express it.
        let c = GMVChange(
            before: GMVFactors(uv: 0, payingCustomers: 2, paidRevenue: 5_000),
            after: GMVFactors(uv: 10, payingCustomers: 2, paidRevenue: 8_000))
        #expect(c.uv + c.conversion + c.aov == 3_000)
    }

    @Test func roundingRemainderGoesToLargestFraction() {
        // UV 3 → 4 and AOV 1 → 1.5 at conversion 1: φ_uv = 1.25, φ_aov = 1.75; Δ = 3.
        let c = GMVChange(
            before: GMVFactors(uv: 3, payingCustomers: 3, paidRevenue: 3),
            after: GMVFactors(uv: 4, payingCustomers: 4, paidRevenue: 6))
        #expect(abs(c.exact[0] - 1.25) < 1e-9 && abs(c.exact[2] - 1.75) < 1e-9)
        #expect(c.uv == 1 && c.conversion == 0 && c.aov == 2)
    }

    @Test func sentences() {
        let c = GMVChange(
            before: GMVFactors(uv: 1000, payingCustomers: 50, paidRevenue: 1_000_000),
            after: GMVFactors(uv: 1000, payingCustomers: 50, paidRevenue: 1_123_400))
        #expect(c.sentence(currency: "CNY") == "GMV rose ¥1,234.00 (+12.3%): UV +¥0.00, conversion +¥0.00, AOV +¥1,234.00.")
        #expect(c.sentenceChinese(currency: "CNY") == "GMV 增长 ¥1,234.00（+12.3%）：UV 贡献 +¥0.00，转化率贡献 +¥0.00，客单价贡献 +¥1,234.00。")
        let d = GMVChange(before: c.after, after: c.before)
        #expect(d.sentence(currency: "USD") == "GMV fell $1,234.00 (−11.0%): UV +$0.00, conversion +$0.00, AOV −$1,234.00.")
        #expect(d.sentenceChinese(currency: "USD").hasPrefix("GMV 下降 $1,234.00（−11.0%）"))
    }
}
