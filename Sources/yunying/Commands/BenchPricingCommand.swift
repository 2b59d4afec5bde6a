import ArgumentParser
import Commerce
import Insights

/// `yunying bench pricing`: best-price calls on 20-line carts against one shop's 100 live
/// promotions (a realistic mix: most do not touch a given cart, a few touch each line, a couple
/// of order and shipping ones, two coupons held), with list pricing of the same carts measured
/// in the same run as the reference. Like the order path, every call prices through the shop's
/// `PromotionCatalog`, built once (the order path caches one per shop and pricing version).
struct BenchPricingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing", abstract: "Promotion engine: best-price latency vs plain list pricing.")

    @Option(help: "Timed best-price calls.") var iterations: Int = 20_000
    @Option(help: "Distinct carts to cycle through.") var carts: Int = 256
    @Option(help: "Lines per cart.") var lines: Int = 20
    @Option(help: "Live promotions in the shop.") var promotions: Int = 100
    @Option(help: "Random seed.") var seed: UInt64 = 42

    func run() throws {
        var shop = Shop(seed: seed, promotions: promotions)
        let cases = (0..<carts).map { _ in shop.cart(lines: lines) }
        let buildClock = ContinuousClock(), buildStart = buildClock.now
        let catalog = PromotionCatalog(shop.promotions)
        let buildTime = Self.microseconds(buildClock.now - buildStart)
        var nodes: [Double] = [], used = 0, touching = 0
        for (cart, context) in cases {
            let (priced, visited) = try PromotionEngine.bestPriceWithStatistics(cart, context: context, catalog: catalog)
            nodes.append(Double(visited))
            used += priced.combination.promotionIDs.count
            touching += context.promotions.filter { promotion in cart.lines.contains { Shop.touches(promotion.rule, $0) } }.count
        }
        let listContexts = cases.map { PricingContext(now: $0.1.now, customerID: $0.1.customerID) }
        // Warm up, then time each call on its own, alternating with the reference.
        for index in 0..<min(iterations, 2_000) {
            _ = try Pricing.price(cases[index % cases.count].0, context: cases[index % cases.count].1, catalog: catalog)
            _ = try Pricing.price(cases[index % cases.count].0, context: listContexts[index % cases.count])
        }
        var best: [Double] = [], list: [Double] = []
        best.reserveCapacity(iterations)
        list.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for index in 0..<iterations {
            let (cart, context) = cases[index % cases.count]
            let start = clock.now
            let priced = try Pricing.price(cart, context: context, catalog: catalog)
            best.append(Self.microseconds(clock.now - start))
            precondition(priced.total.amount >= 0)
            let listStart = clock.now
            _ = try Pricing.price(cart, context: listContexts[index % cases.count])
            list.append(Self.microseconds(clock.now - listStart))
        }
        let bestMedian = Self.percentile(best, 0.5), listMedian = Self.percentile(list, 0.5)
        let count = Double(cases.count)
        say("scenario: \(promotions) live promotions, \(cases.count) carts of \(lines) lines, 2 coupons held, \(iterations) timed calls")
        say("  per cart: \(Self.format(Double(touching) / count)) promotions touch it, \(Self.format(Double(used) / count)) used; "
            + "search nodes median \(Self.format(Self.percentile(nodes, 0.5))), max \(Self.format(nodes.max() ?? 0))")
        say("  promotion catalog built once: \(Self.format(buildTime)) µs")
        say("best price (Pricing.price with promotions, through the catalog): median \(Self.format(bestMedian)) µs, p99 \(Self.format(Self.percentile(best, 0.99))) µs")
        say("reference (list pricing of the same carts): median \(Self.format(listMedian)) µs, p99 \(Self.format(Self.percentile(list, 0.99))) µs")
        say("ratio: best price = \(Self.format(bestMedian / max(listMedian, 0.001)))× list pricing (median)")
    }

    static func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }

    /// One decimal, e.g. "12.3".
    static func format(_ value: Double) -> String {
        let scaled = Int((value * 10).rounded())
        return "\(scaled / 10).\(abs(scaled % 10))"
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.down)))]
    }
}

extension BenchPricingCommand {
    /// The synthetic shop: 2,000 SKUs in 50 categories, its live promotions, and carts drawn
    /// half from promoted SKUs and half from the whole catalog.
    struct Shop {
        static let skuCount: Int64 = 2_000
        static let categoryCount: Int64 = 50
        static func category(of sku: Int64) -> Int64 { sku % categoryCount + 1 }
        static func price(of sku: Int64) -> Int64 { [990, 1990, 2990, 4990, 6990, 9990, 12900, 19900, 29900][Int(sku % 9)] }

        var random: SplitMix64
        let now = Instant(millisecondsSinceEpoch: 1_700_000_000_000)
        private(set) var promotions: [Promotion] = []
        private(set) var promoted: [Int64] = []
        let coupons = [
            CouponTerms(id: 1, name: "满500减50", discount: .fixed(amount: 5000), threshold: 50000, combinesWith: [.product, .shipping]),
            CouponTerms(id: 2, name: "9折券", discount: .percent(PercentOff(percent: 10), cap: 3000), combinesWith: [.product, .order, .shipping]),
        ]

        init(seed: UInt64, promotions count: Int) {
            random = SplitMix64(seed: seed)
            var rules: [PromotionRule] = [
                .thresholdReduction(.tiers([.init(threshold: 20000, reduction: 2000), .init(threshold: 50000, reduction: 6000)])),
                .thresholdReduction(.repeating(every: 30000, reduction: 3000, cap: 15000)),
                .thresholdReduction(.tiers([.init(threshold: 10000, reduction: 1500)], scope: .categories([3, 17]))),
                .freeShipping(FreeShippingRule(threshold: 9900)),
                .freeShipping(FreeShippingRule(threshold: 0, scope: .categories([8]))),
                .memberPrice(MemberPriceRule(scope: .all, tiers: [.init(tier: 1, percentOff: PercentOff(percent: 3)), .init(tier: 3, percentOff: PercentOff(percent: 8))])),
            ]
            while rules.count < count {
                let categories = Set((0..<int(1...2)).map { _ in int(1...Self.categoryCount) })
                switch int(1...20) {
                case 1...11:
                    var prices: [Int64: Int64] = [:]
                    for _ in 0..<8 {
                        let sku = int(1...Self.skuCount)
                        prices[sku] = Self.price(of: sku) * int(70...95) / 100
                        promoted.append(sku)
                    }
                    rules.append(.specialPrice(SpecialPriceRule(prices)))
                case 12...14:
                    rules.append(.percentOff(PercentOffRule(scope: .categories(categories), percentOff: PercentOff(percent: pick([10, 15, 20, 30])), cap: pick([nil, 5000]))))
                case 15:
                    rules.append(.quantityDiscount(QuantityDiscountRule(scope: .categories(categories), minQuantity: 3, percentOff: PercentOff(percent: 20))))
                case 16:
                    rules.append(.buyXGetY(BuyXGetYRule(scope: .categories(categories), buy: pick([1, 2]), get: 1, percentOffOfGet: PercentOff(percent: pick([50, 100])))))
                case 17:
                    let first = int(1...Self.skuCount), second = int(1...Self.skuCount)
                    guard first != second else { continue }
                    promoted += [first, second]
                    rules.append(.bundle(BundleRule(items: [.init(skuID: first, quantity: 1), .init(skuID: second, quantity: 1)],
                                                    price: (Self.price(of: first) + Self.price(of: second)) * 85 / 100)))
                default:
                    let sku = int(1...Self.skuCount)
                    promoted.append(sku)
                    rules.append(.flashSale(FlashSaleRule(skuID: sku, price: Self.price(of: sku) / 2, stock: 500, perCustomerLimit: 1)))
                }
            }
            for (index, rule) in rules.prefix(count).enumerated() {
                promotions.append(Promotion(
                    id: Int64(index + 1), name: "Promotion \(index + 1)", startsAt: now.adding(seconds: -86_400), endsAt: now.adding(seconds: 86_400),
                    priority: Int(int(0...5)), rule: rule, remainingBudget: int(1...10) == 1 ? 100_000 : nil))
            }
        }

        mutating func next() -> UInt64 { random.next() }

        mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
            range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }

        mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }

        /// A cart, and the context a customer with it brings (tier, coupons, flash allowances).
        mutating func cart(lines count: Int) -> (Cart, PricingContext) {
            var skus: [Int64] = []
            while skus.count < count {
                let sku = int(1...2) == 1 ? pick(promoted) : int(1...Self.skuCount)
                if !skus.contains(sku) { skus.append(sku) }
            }
            let cart = Cart(lines: skus.map { sku in
                CartLine(skuID: sku, skuCode: "SKU-\(sku)", title: "Item \(sku)", quantity: int(1...3),
                         listPrice: Money(Self.price(of: sku), .cny), categoryID: Self.category(of: sku))
            }, currency: .cny)
            var flash: [Int64: Int64] = [:]
            for promotion in promotions { if case .flashSale = promotion.rule { flash[promotion.id] = 1 } }
            let context = PricingContext(
                now: now, customerID: 1, tier: Int(int(0...3)), promotions: promotions, coupons: coupons, shippingFee: 1000, flashAllowance: flash)
            return (cart, context)
        }

        static func touches(_ rule: PromotionRule, _ line: CartLine) -> Bool {
            switch rule {
            case .specialPrice(let rule): rule.prices.contains { $0.skuID == line.skuID }
            case .percentOff(let rule): rule.scope.contains(line)
            case .thresholdReduction(let rule): rule.scope.contains(line)
            case .quantityDiscount(let rule): rule.scope.contains(line)
            case .buyXGetY(let rule): rule.scope.contains(line)
            case .bundle(let rule): rule.items.contains { $0.skuID == line.skuID }
            case .memberPrice(let rule): rule.scope.contains(line)
            case .freeShipping(let rule): rule.scope?.contains(line) ?? true
            case .flashSale(let rule): rule.skuID == line.skuID
            }
        }
    }
}
