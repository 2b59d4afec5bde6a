/// Paying part of an order with points (积分抵扣): after promotions and coupons, at most the
/// program's cap of the goods total, never more than the balance; the money is split over the
/// lines by the largest-remainder method so refunds can give back each line's share.
public enum PointsRedemption {
    /// The most points an order with this goods total may use, given the balance.
    public static func maxPoints(goodsTotal: Int64, balance: Int64, program: MembershipProgram) -> Int64 {
        let capMoney = goodsTotal * program.redeemCapPercent / 100
        return max(0, min(balance, capMoney / program.pointValue))
    }

    /// The priced cart with `points` applied, or why they cannot be.
    public static func apply(_ points: Int64, to priced: PricedCart, balance: Int64, program: MembershipProgram) throws(CommerceError) -> PricedCart {
        guard points > 0 else {
            if points == 0 { return priced }
            throw .invalid("points", "points must not be negative.")
        }
        guard points <= balance else {
            throw CommerceError(code: "insufficient_points", field: "points", message: "The customer has \(balance) points, fewer than \(points).")
        }
        let goods = priced.lines.reduce(Int64(0)) { $0 + $1.total.amount }
        let most = maxPoints(goodsTotal: goods, balance: balance, program: program)
        guard points <= most else {
            throw CommerceError(
                code: "points_cap_exceeded", field: "points",
                message: "At most \(most) points can be used on this order (\(program.redeemCapPercent)% of its goods total).")
        }
        let money = points * program.pointValue
        let currency = priced.total.currency
        let weights = priced.lines.map(\.total.amount)
        let parts = Allocation.largestRemainder(money, weights: weights, caps: weights)
        var result = priced
        for (index, part) in parts.enumerated() where part > 0 {
            result.lines[index].discount = result.lines[index].discount + Money(part, currency)
            result.lines[index].total = result.lines[index].total - Money(part, currency)
            result.lines[index].applied.append(AppliedDiscount(promotionID: 0, name: "积分抵扣 points", amount: Money(part, currency), source: .points))
        }
        result.discount = result.discount + Money(money, currency)
        result.total = result.total - Money(money, currency)
        result.pointsRedeemed = points
        return result
    }
}
