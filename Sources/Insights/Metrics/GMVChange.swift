/// One period's side of a GMV change: paid revenue = UV × conversion × AOV (per paying customer).
public struct GMVFactors: Sendable, Equatable {
    public var uv: Int
    public var payingCustomers: Int
    public var paidRevenue: Int64

    public init(uv: Int, payingCustomers: Int, paidRevenue: Int64) {
        self.uv = uv
        self.payingCustomers = payingCustomers
        self.paidRevenue = paidRevenue
    }

    /// Paying customers ÷ UV (0 when UV is 0).
    public var conversion: Double { MoneyMath.rate(payingCustomers, uv) }
    /// Paid revenue ÷ paying customers, unrounded (0 when there are none).
    public var aov: Double { payingCustomers == 0 ? 0 : Double(paidRevenue) / Double(payingCustomers) }
    /// UV × conversion × AOV; equals `paidRevenue` unless UV or paying customers are 0 while
    /// revenue is not (orders without events, guest orders).
    public var modelRevenue: Double {
        uv == 0 || payingCustomers == 0 ? 0 : Double(paidRevenue)
    }
}

/// GMV (paid revenue) change between two periods split into UV, conversion and AOV
/// contributions by the Shapley decomposition (see docs/analytics.md, "GMV change").
public struct GMVChange: Sendable, Equatable {
    public let before: GMVFactors
    public let after: GMVFactors
    /// `after.paidRevenue − before.paidRevenue`.
    public let delta: Int64
    /// Contributions in minor units; `uv + conversion + aov == delta` exactly.
    public let uv: Int64
    public let conversion: Int64
    public let aov: Int64
    /// Unrounded Shapley values (UV, conversion, AOV), for display or checks.
    public let exact: [Double]

    public init(before: GMVFactors, after: GMVFactors) {
        self.before = before
        self.after = after
        delta = after.paidRevenue - before.paidRevenue
        var parts = GMVChange.shapley(
            (Double(before.uv), before.conversion, before.aov),
            (Double(after.uv), after.conversion, after.aov))
        // Revenue the product model cannot express (zero UV or zero paying customers with
        // revenue) is counted in AOV, so the parts still sum to the change.
        parts[2] += (Double(after.paidRevenue) - after.modelRevenue)
            - (Double(before.paidRevenue) - before.modelRevenue)
        exact = parts
        let rounded = MoneyMath.largestRemainder(parts, total: delta)
        uv = rounded[0]
        conversion = rounded[1]
        aov = rounded[2]
    }

    /// Relative change `delta ÷ before.paidRevenue`; nil when the earlier revenue is 0.
    public var relative: Double? {
        before.paidRevenue == 0 ? nil : Double(delta) / Double(before.paidRevenue)
    }

    /// Exact Shapley values of f = x·y·z from `a` to `b` (each factor's marginal effect averaged
    /// over the 6 orders): φx = Δx·((y0z0 + y1z1)/3 + (y0z1 + y1z0)/6), and so on.
    public static func shapley(
        _ a: (Double, Double, Double), _ b: (Double, Double, Double)
    ) -> [Double] {
        func phi(_ dx: Double, _ y0: Double, _ z0: Double, _ y1: Double, _ z1: Double) -> Double {
            dx * ((y0 * z0 + y1 * z1) / 3 + (y0 * z1 + y1 * z0) / 6)
        }
        return [
            phi(b.0 - a.0, a.1, a.2, b.1, b.2),
            phi(b.1 - a.1, a.0, a.2, b.0, b.2),
            phi(b.2 - a.2, a.0, a.1, b.0, b.1),
        ]
    }

    /// E.g. `GMV rose ¥1,234.00 (+12.3%): UV +¥800.00, conversion +¥600.00, AOV −¥166.00.`
    public func sentence(currency: String) -> String {
        let f = MoneyFormat(currency: currency)
        let verb = delta > 0 ? "rose" : delta < 0 ? "fell" : "was unchanged"
        var head = "GMV \(verb)"
        if delta != 0 { head += " " + f.magnitude(delta) }
        if let r = relative, delta != 0 { head += " (\(MoneyFormat.percent(r)))" }
        return head + ": UV \(f.signed(uv)), conversion \(f.signed(conversion)), AOV \(f.signed(aov))."
    }

    /// E.g. `GMV 增长 ¥1,234.00（+12.3%）：UV 贡献 +¥800.00，转化率贡献 +¥600.00，客单价贡献 −¥166.00。`
    public func sentenceChinese(currency: String) -> String {
        let f = MoneyFormat(currency: currency)
        var head = delta > 0 ? "GMV 增长 " : delta < 0 ? "GMV 下降 " : "GMV 持平"
        if delta != 0 { head += f.magnitude(delta) }
        if let r = relative, delta != 0 { head += "（\(MoneyFormat.percent(r))）" }
        return head + "：UV 贡献 \(f.signed(uv))，转化率贡献 \(f.signed(conversion))，客单价贡献 \(f.signed(aov))。"
    }
}
