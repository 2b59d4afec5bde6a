import ArgumentParser
import Commerce

/// `yunying bench pricing`: best-price calls on a 20-line cart with 100 live promotions
/// (a realistic mix: most do not touch the cart, a few touch each line, a couple of order and
/// shipping ones, coupons), against list pricing of the same carts measured in the same run.
struct BenchPricingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing", abstract: "Promotion engine: best-price latency vs plain list pricing.")

    @Option(help: "Timed best-price calls.") var iterations: Int = 20_000
    @Option(help: "Distinct carts and promotion sets to cycle through.") var scenarios: Int = 64
    @Option(help: "Lines per cart.") var lines: Int = 20
    @Option(help: "Live promotions per scenario.") var promotions: Int = 100
    @Option(help: "Random seed.") var seed: UInt64 = 42

    func run() throws {
        var generator = Scenario.Generator(seed: seed)
        let cases = (0..<scenarios).map { _ in generator.scenario(lines: lines, promotions: promotions) }
        var nodes: [Int] = []
        var used = 0
        for scenario in cases {
            let (priced, visited) = try PromotionEngine.bestPriceWithStatistics(scenario.cart, context: scenario.context)
            nodes.append(visited)
            used += priced.combination.promotionIDs.count
        }
        let listContexts = cases.map { PricingContext(now: $0.context.now, customerID: $0.context.customerID) }
        // Warm up, then time each call on its own.
        for index in 0..<min(iterations, 2_000) {
            _ = try Pricing.price(cases[index % cases.count].cart, context: cases[index % cases.count].context)
            _ = try Pricing.price(cases[index % cases.count].cart, context: listContexts[index % cases.count])
        }
        var best: [Double] = [], list: [Double] = []
        best.reserveCapacity(iterations)
        list.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for index in 0..<iterations {
            let scenario = cases[index % cases.count]
            let start = clock.now
            let priced = try Pricing.price(scenario.cart, context: scenario.context)
            best.append(Self.microseconds(clock.now - start))
            precondition(priced.total.amount >= 0)
            let listStart = clock.now
            _ = try Pricing.price(scenario.cart, context: listContexts[index % cases.count])
            list.append(Self.microseconds(clock.now - listStart))
        }
        let bestMedian = Self.percentile(best, 0.5), bestP99 = Self.percentile(best, 0.99)
        let listMedian = Self.percentile(list, 0.5), listP99 = Self.percentile(list, 0.99)
        let averageApplicable = Double(cases.map(\.applicable).reduce(0, +)) / Double(cases.count)
        say("scenario: \(lines)-line carts, \(promotions) live promotions, \(cases.count) scenarios, \(iterations) timed calls")
        say("  applicable promotions per cart: \(Self.format(averageApplicable)) on average; used: \(Self.format(Double(used) / Double(cases.count)))")
        say("  search nodes per call: median \(Self.percentile(nodes.map(Double.init), 0.5)), max \(nodes.max() ?? 0)")
        say("best price (Pricing.price with promotions): median \(Self.format(bestMedian)) µs, p99 \(Self.format(bestP99)) µs")
        say("reference (list pricing of the same carts): median \(Self.format(listMedian)) µs, p99 \(Self.format(listP99)) µs")
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

/// The benchmark's synthetic shop: 2,000 SKUs in 50 categories, a 20-line cart, and a mix of
/// 100 live promotions of which most touch none of the cart's SKUs.
extension BenchPricingCommand {
        enum Scenario {
        struct Case {
            var cart: Cart
            var context: PricingContext
            /// Promotions touching at least one line (for the report).
            var applicable: Int
        }

        struct Generator {
            var state: UInt64

            init(seed: UInt64) { state = seed }

            mutating func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }

            mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
                range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
            }

            mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }

            static let skuCount: Int64 = 2_000
            static let categoryCount: Int64 = 50
            static func category(of sku: Int64) -> Int64 { sku % categoryCount + 1 }
            static func price(of sku: Int64) -> Int64 { [990, 1990, 2990, 4990, 6990, 9990, 12900, 19900, 29900][Int(sku % 9)] }

            mutating func scenario(lines lineCount: Int, promotions promotionCount: Int) -> Case {
                let now = Instant(millisecondsSinceEpoch: 1_700_000_000_000)
                var skus: [Int64] = []
                while skus.count < lineCount {
                    let sku = int(1...Self.skuCount)
                    if !skus.contains(sku) { skus.append(sku) }
                }
                let cart = Cart(lines: skus.map { sku in
                    CartLine(skuID: sku, skuCode: "SKU-\(sku)", title: "Item \(sku)", quantity: int(1...3),
                             listPrice: Money(Self.price(of: sku), .cny), categoryID: Self.category(of: sku))
                }, currency: .cny)
                var rules: [PromotionRule] = []
                // A few per line: direct price cuts on some cart SKUs (listed among others).
                for sku in skus where int(1...10) <= 4 {
                    var prices: [Int64: Int64] = [sku: Self.price(of: sku) * int(75...95) / 100]
                    for _ in 0..<9 { let other = int(1...Self.skuCount); prices[other] = Self.price(of: other) * 85 / 100 }
                    rules.append(.specialPrice(SpecialPriceRule(prices)))
                }
                // Order and shipping class: 满200减20 / 满500减60, 每满300减30 (cap), category 满减, 包邮.
                rules.append(.thresholdReduction(.tiers([.init(threshold: 20000, reduction: 2000), .init(threshold: 50000, reduction: 6000)])))
                rules.append(.thresholdReduction(.repeating(every: 30000, reduction: 3000, cap: 15000)))
                rules.append(.thresholdReduction(.tiers([.init(threshold: 10000, reduction: 1500)], scope: .categories([pick(skus).self % Self.categoryCount + 1]))))
                rules.append(.freeShipping(FreeShippingRule(threshold: 9900)))
                rules.append(.freeShipping(FreeShippingRule(threshold: 0, scope: .categories([int(1...Self.categoryCount)]))))
                rules.append(.memberPrice(MemberPriceRule(scope: .all, tiers: [.init(tier: 1, percentOff: PercentOff(percent: 3)), .init(tier: 3, percentOff: PercentOff(percent: 8))])))
                let flashSKU = pick(skus)
                rules.append(.flashSale(FlashSaleRule(skuID: flashSKU, price: Self.price(of: flashSKU) / 2, stock: 500, perCustomerLimit: 1)))
                while rules.count < promotionCount {
                    let categories = Set((0..<int(1...2)).map { _ in int(1...Self.categoryCount) })
                    switch int(1...10) {
                    case 1...4:
                        var prices: [Int64: Int64] = [:]
                        for _ in 0..<10 { let sku = int(1...Self.skuCount); prices[sku] = Self.price(of: sku) * int(70...95) / 100 }
                        rules.append(.specialPrice(SpecialPriceRule(prices)))
                    case 5...6:
                        rules.append(.percentOff(PercentOffRule(scope: .categories(categories), percentOff: PercentOff(percent: pick([10, 15, 20, 30])), cap: pick([nil, 5000]))))
                    case 7:
                        rules.append(.quantityDiscount(QuantityDiscountRule(scope: .categories(categories), minQuantity: 3, percentOff: PercentOff(percent: 20))))
                    case 8:
                        rules.append(.buyXGetY(BuyXGetYRule(scope: .categories(categories), buy: pick([1, 2]), get: 1, percentOffOfGet: PercentOff(percent: pick([50, 100])))))
                    case 9:
                        let first = int(1...Self.skuCount), second = int(1...Self.skuCount)
                        guard first != second else { continue }
                        rules.append(.bundle(BundleRule(items: [.init(skuID: first, quantity: 1), .init(skuID: second, quantity: 1)],
                                                        price: (Self.price(of: first) + Self.price(of: second)) * 85 / 100)))
                    default:
                        let sku = int(1...Self.skuCount)
                        rules.append(.flashSale(FlashSaleRule(skuID: sku, price: Self.price(of: sku) / 2, stock: 100, perCustomerLimit: 2)))
                    }
                }
                var promotions: [Promotion] = []
                for (index, rule) in rules.prefix(promotionCount).enumerated() {
                    promotions.append(Promotion(
                        id: Int64(index + 1), name: "Promotion \(index + 1)", startsAt: now.adding(seconds: -86_400), endsAt: now.adding(seconds: 86_400),
                        priority: Int(int(0...5)), exclusive: false, rule: rule, remainingBudget: int(1...10) == 1 ? 100_000 : nil))
                }
                var flash: [Int64: Int64] = [:]
                for promotion in promotions { if case .flashSale = promotion.rule { flash[promotion.id] = 1 } }
                let coupons = [
                    CouponTerms(id: 1, name: "满500减50", discount: .fixed(amount: 5000), threshold: 50000, combinesWith: [.product, .shipping]),
                    CouponTerms(id: 2, name: "9折券", discount: .percent(PercentOff(percent: 10), cap: 3000), combinesWith: [.product, .order, .shipping]),
                ]
                let context = PricingContext(
                    now: now, customerID: 1, tier: Int(int(0...3)), promotions: promotions, coupons: coupons, shippingFee: 1000, flashAllowance: flash)
                let applicable = promotions.filter { promotion in cart.lines.contains { Self.touches(promotion.rule, $0) } }.count
                return Case(cart: cart, context: context, applicable: applicable)
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
}
