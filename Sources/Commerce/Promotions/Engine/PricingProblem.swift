/// One pricing call compiled: the cart's lines as integer arrays and every promotion and
/// coupon that can take part (see `ProblemBuilder`), with eligible lines in flat buffers.
/// Immutable once built; the search and the evaluation share it by reference.
final class PricingProblem: Sendable {
    /// A problem without lines, held by an idle search workspace in place of the last call's.
    static let empty: PricingProblem = {
        do {
            return try PricingProblem(cart: Cart(lines: [], currency: .cny), context: PricingContext(now: Instant(millisecondsSinceEpoch: 0)))
        } catch {
            preconditionFailure("an empty cart always compiles")
        }
    }()

    let cart: Cart
    let context: PricingContext
    let lineCount: Int
    /// Unit list price, quantity and list amount (price × quantity) per line.
    let unitPrice: [Int64]
    let quantity: [Int64]
    let listAmount: [Int64]
    let listTotal: Int64
    /// Product candidates in rank order (priority descending, id ascending).
    let products: [ProductCandidate]
    let orders: [OrderCandidate]
    let shippings: [ShippingCandidate]
    /// Coupon candidates, ascending id.
    let coupons: [CouponCandidate]
    /// Coupons left out by the prefilter, with the reason.
    let rejectedCoupons: [Int64: UnusedCouponReason]
    /// Flat buffers: eligible line, per-unit discount (unit-price kinds), per-unit upper bound.
    let lineIndex: [Int]
    let lineDiscount: [Int64]
    let lineBound: [Int64]
    let bundleItems: [BundleItem]

    /// - Parameters:
    ///   - promotionFilter: which promotions (by index) to consider; nil = all.
    ///   - couponFilter: which coupons (by index) to consider; nil = all.
    ///   - catalog: an index describing `context.promotions` (see `ProblemBuilder`).
    init(
        cart: Cart, context: PricingContext, prefilter: Bool = true,
        promotionFilter: Set<Int>? = nil, couponFilter: Set<Int>? = nil, catalog: PromotionCatalog? = nil
    ) throws(CommerceError) {
        let built = try ProblemBuilder(
            cart: cart, context: context, prefilter: prefilter, promotionFilter: promotionFilter, couponFilter: couponFilter,
            catalog: catalog)
        self.cart = cart
        self.context = context
        lineCount = built.lineCount
        unitPrice = built.unitPrice
        quantity = built.quantity
        listAmount = built.listAmount
        listTotal = built.listTotal
        products = built.products
        orders = built.orders
        shippings = built.shippings
        coupons = built.coupons
        rejectedCoupons = built.rejectedCoupons
        lineIndex = built.lineIndex
        lineDiscount = built.lineDiscount
        lineBound = built.lineBound
        bundleItems = built.bundleItems
    }

    func sum(_ values: [Int64], over range: Range<Int>) -> Int64 {
        var total: Int64 = 0
        for position in range { total += values[lineIndex[position]] }
        return total
    }
}
