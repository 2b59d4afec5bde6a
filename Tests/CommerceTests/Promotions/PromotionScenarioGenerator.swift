@testable import Commerce

/// Seeded random carts, promotions and coupons for the property tests. Thresholds are drawn
/// near the cart's list total so that giving up a product discount to keep a threshold is
/// often the right call; scopes, priorities and SKUs overlap on purpose.
struct ScenarioGenerator {
    var rng: SplitMix

    init(seed: UInt64) { rng = SplitMix(seed: seed) }

    mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(rng.next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func count(_ range: ClosedRange<Int>) -> Int { Int(int(Int64(range.lowerBound)...Int64(range.upperBound))) }

    mutating func chance(_ percent: Int64) -> Bool { int(1...100) <= percent }

    mutating func pick<T>(_ values: [T]) -> T { values[count(0...(values.count - 1))] }

    /// `value × percent / 100`, at least 1.
    func scaled(_ value: Int64, _ percent: Int64) -> Int64 { max(1, value * percent / 100) }

    static let categoryOfSKU: [Int64: Int64?] = [1: 1, 2: 1, 3: 2, 4: 2, 5: 3, 6: nil]

    mutating func cart(lines: ClosedRange<Int>) -> Cart {
        var prices: [Int64: Int64] = [:]
        var result: [CartLine] = []
        for _ in 0..<count(lines) {
            let sku = int(1...6)
            let fresh: Int64 = chance(60) ? pick([100, 250, 999, 1000, 1500, 2990, 5000, 8800, 12000] as [Int64]) : int(1...20000)
            let price: Int64 = prices[sku] ?? fresh
            prices[sku] = price
            result.append(CartLine(
                skuID: sku, skuCode: "S\(sku)", title: "S\(sku)", quantity: int(1...4), listPrice: Money(price, .cny),
                categoryID: Self.categoryOfSKU[sku] ?? nil))
        }
        return Cart(lines: result, currency: .cny)
    }

    mutating func scope() -> PromotionScope {
        switch int(1...10) {
        case 1...4: return .all
        case 5...7: return .skus(Set((0..<count(1...3)).map { _ in int(1...6) }))
        default: return .categories(Set((0..<count(1...2)).map { _ in int(1...3) }))
        }
    }

    mutating func percent() -> PercentOff {
        PercentOff(basisPoints: pick([500, 1000, 1250, 1500, 2000, 3000, 5000, 333]))
    }

    mutating func context(for cart: Cart, promotions: ClosedRange<Int>, coupons: ClosedRange<Int>) -> PricingContext {
        let listTotal = cart.lines.reduce(Int64(0)) { $0 + $1.listPrice.amount * $1.quantity }
        let skuPrices = Dictionary(cart.lines.map { ($0.skuID, $0.listPrice.amount) }, uniquingKeysWith: { first, _ in first })
        var context = PricingContext(now: Fixture.now, customerID: 1)
        context.tier = chance(30) ? nil : Int(int(0...3))
        context.shippingFee = chance(40) ? 0 : pick([500, 800, 1000])
        for index in 0..<count(promotions) {
            let id = Int64(index + 1)
            let rule = self.rule(listTotal: listTotal, skuPrices: skuPrices)
            if case .flashSale = rule, chance(80) { context.flashAllowance[id] = int(0...3) }
            var promotion = Fixture.promotion(id, rule, priority: Int(int(0...3)), exclusive: chance(10))
            if chance(15) { promotion.remainingBudget = int(1...2000) }
            if chance(8) { promotion.remainingUses = 0 } else if chance(10) { promotion.remainingUses = int(1...5) }
            if chance(8) { promotion.endsAt = Fixture.now }
            if chance(4) { promotion.startsAt = Fixture.now.adding(seconds: 60) }
            context.promotions.append(promotion)
        }
        for index in 0..<count(coupons) {
            context.coupons.append(coupon(id: Int64(index + 1), listTotal: listTotal))
        }
        return context
    }

    mutating func rule(listTotal: Int64, skuPrices: [Int64: Int64]) -> PromotionRule {
        let near = { (generator: inout ScenarioGenerator) -> Int64 in
            generator.scaled(listTotal, generator.pick([30, 50, 70, 80, 90, 95, 100, 105, 120]))
        }
        let price = { (generator: inout ScenarioGenerator, sku: Int64) -> Int64 in skuPrices[sku] ?? generator.int(100...5000) }
        switch int(1...9) {
        case 1:
            var prices: [Int64: Int64] = [:]
            for _ in 0..<count(1...2) {
                let sku = int(1...6)
                prices[sku] = scaled(price(&self, sku), pick([50, 70, 85, 95, 110]))
            }
            return .specialPrice(SpecialPriceRule(prices))
        case 2:
            return .percentOff(PercentOffRule(scope: scope(), percentOff: percent(), cap: chance(30) ? int(100...3000) : nil))
        case 3:
            if chance(65) {
                var thresholds = Set<Int64>()
                for _ in 0..<count(1...3) { thresholds.insert(near(&self)) }
                var tiers: [ThresholdReductionRule.Tier] = []
                var previous: Int64 = 0
                for threshold in thresholds.sorted() where threshold > 1 {
                    let reduction = max(previous + 1, scaled(threshold, pick([5, 10, 15, 20])))
                    guard reduction < threshold else { break }
                    tiers.append(.init(threshold: threshold, reduction: reduction))
                    previous = reduction
                }
                if tiers.isEmpty { tiers = [.init(threshold: 2, reduction: 1)] }
                return .thresholdReduction(.tiers(tiers, scope: scope()))
            }
            let every = max(2, scaled(listTotal, pick([20, 30, 45, 60])))
            let reduction = max(1, scaled(every, pick([5, 10, 20])))
            return .thresholdReduction(.repeating(every: every, reduction: reduction, cap: chance(40) ? reduction * int(1...3) : nil, scope: scope()))
        case 4:
            return .quantityDiscount(QuantityDiscountRule(scope: scope(), minQuantity: int(2...5), percentOff: percent()))
        case 5:
            return .buyXGetY(BuyXGetYRule(scope: scope(), buy: int(1...3), get: int(1...2), percentOffOfGet: PercentOff(percent: pick([50, 100]))))
        case 6:
            var items: [BundleRule.Item] = []
            var skus = Set<Int64>()
            for _ in 0..<count(1...2) { skus.insert(int(1...6)) }
            var setPrice: Int64 = 0
            for sku in skus.sorted() {
                let quantity = int(1...2)
                items.append(.init(skuID: sku, quantity: quantity))
                setPrice += price(&self, sku) * quantity
            }
            return .bundle(BundleRule(items: items, price: scaled(setPrice, pick([60, 80, 90, 105]))))
        case 7:
            var tiers: [MemberPriceRule.Tier] = [.init(tier: Int(int(0...1)), percentOff: percent())]
            if chance(50) { tiers.append(.init(tier: 2 + Int(int(0...1)), percentOff: percent())) }
            return .memberPrice(MemberPriceRule(scope: scope(), tiers: tiers))
        case 8:
            return .freeShipping(FreeShippingRule(threshold: chance(15) ? 0 : near(&self), scope: chance(30) ? scope() : nil))
        default:
            let sku = int(1...6)
            return .flashSale(FlashSaleRule(skuID: sku, price: scaled(price(&self, sku), pick([30, 50, 90])), stock: 100, perCustomerLimit: 3))
        }
    }

    mutating func coupon(id: Int64, listTotal: Int64) -> CouponTerms {
        let discount: CouponTerms.Discount = chance(65)
            ? .fixed(amount: scaled(listTotal, pick([2, 5, 10, 20])))
            : .percent(percent(), cap: chance(40) ? int(100...2000) : nil)
        var classes = Set<PromotionClass>()
        for promotionClass in PromotionClass.allCases where chance(70) { classes.insert(promotionClass) }
        return CouponTerms(
            id: id, name: "C\(id)", discount: discount,
            threshold: chance(40) ? 0 : scaled(listTotal, pick([40, 70, 90, 100, 110])),
            scope: chance(70) ? .all : scope(), combinesWith: classes, stacksWithCoupons: chance(40))
    }
}
