import Commerce
import Insights
import Persistence

/// A SKU as the simulated shoppers see it.
struct SimulatedSKU: Sendable {
    let code: String
    let id: Int64
    let price: Int64
}

/// An order a simulated shopper will place, and what happens to it afterwards.
struct PlannedOrder: Sendable {
    let placedAt: Int64
    let customer: Int
    let lines: [(code: String, quantity: Int64)]
    let coupon: String?
    /// Seconds after placing when it is paid; nil: never paid (the hold expires).
    let paidAfter: Int64?
    /// Cancelled (and refunded) two hours after payment instead of shipped.
    let refunded: Bool
    /// The storefront session and visitor it came from.
    let session: String
    let anonymous: String
}

/// One day of storefront traffic: sessions walking the funnel (home → search/list → detail →
/// cart → checkout), as events, and the orders that come out of them. Pure and deterministic
/// given its random generator.
struct DayPlanner {
    let dayStart: Int64
    let traffic: Double
    let skus: [SimulatedSKU]
    /// Cumulative popularity of the SKUs.
    let skuWeights: [Double]
    let classifier: ChannelRules.Classifier
    let sessionsPerDay: Int
    /// The A/B test running on this day, if any.
    var experiment: SimulatedExperiment? = nil

    /// Who the shop knows: customers by index with their repeat propensity.
    struct Customers {
        var acquired: [Int] = []
        var cumulative: [Double] = []
        var nextNew = 0
        let count: Int
        let propensity: [Double]
        /// Customers a campaign reached, and how much more often they come back while it lasts.
        private(set) var boosted: Set<Int> = []
        private(set) var boost = 1.0

        init(count: Int, propensity: [Double]) {
            self.count = count
            self.propensity = propensity
        }

        mutating func acquire(_ random: inout SimulationRandom) -> Int {
            let index = nextNew < count ? nextNew : random.below(count)
            if nextNew < count {
                nextNew += 1
                acquired.append(index)
                cumulative.append((cumulative.last ?? 0) + weight(index))
            }
            return index
        }

        /// Makes `customers` come back `factor` times as often (1 and an empty set end it).
        mutating func setBoost(_ customers: Set<Int>, factor: Double) {
            boosted = customers
            boost = factor
            var total = 0.0
            cumulative = acquired.map { total += weight($0); return total }
        }

        private func weight(_ index: Int) -> Double {
            propensity[index] * (boosted.contains(index) ? boost : 1)
        }

        func returning(_ random: inout SimulationRandom) -> Int? {
            acquired.isEmpty ? nil : acquired[random.pick(cumulative: cumulative)]
        }
    }

    static let hourWeights = ShopBlueprint.hours.cumulative
    static let channelWeights = ShopBlueprint.channels.map(\.share).cumulative
    static let deviceWeights = ShopBlueprint.devices.map(\.share).cumulative

    func plan(day: Int, customers: inout Customers, customerIDs: [Int64], random: inout SimulationRandom)
        -> (events: [EventRecord], orders: [PlannedOrder], sessions: Int)
    {
        let sessions = Int(Double(sessionsPerDay) * traffic)
        var events: [EventRecord] = []
        events.reserveCapacity(sessions * 7)
        var orders: [PlannedOrder] = []
        for number in 0..<sessions {
            let hour = random.pick(cumulative: Self.hourWeights)
            var t = dayStart + Int64(hour) * 3_600_000 + Int64(random.below(3_600_000))
            let profile = ShopBlueprint.channels[random.pick(cumulative: Self.channelWeights)]
            let device = ShopBlueprint.devices[random.pick(cumulative: Self.deviceWeights)]
            let known = random.chance(0.35) ? customers.returning(&random) : nil
            let anonymous = known.map { "c\($0)-\(device.device.name)" } ?? "v\(day)-\(number)"
            let session = "s\(day)-\(number)"
            let campaign = profile.campaigns.isEmpty ? nil : profile.campaigns[random.below(profile.campaigns.count)]
            var customerID = known.map { customerIDs[$0] }
            func add(_ type: String, sku: SimulatedSKU? = nil, landing: Bool = false, url: String, properties: String? = nil) {
                let channel = landing
                    ? classifier.classify(utmSource: profile.source, utmMedium: profile.medium, referrer: profile.referrer, url: url)
                    : .direct
                events.append(EventRecord(
                    uid: random.uuidBytes(), type: type, timestamp: Instant(millisecondsSinceEpoch: t), anonymousID: anonymous,
                    customerID: customerID, sessionID: session, channel: channel.name, device: device.device.name, skuID: sku?.id,
                    url: url, referrer: landing ? profile.referrer : nil, utmSource: landing ? profile.source : nil,
                    utmMedium: landing ? profile.medium : nil, utmCampaign: landing ? campaign : nil, properties: properties))
                t += Int64(random.between(8...120)) * 1000
            }
            add("page_view", landing: true, url: "https://shop.example/")
            if random.chance(0.5) { add("search", url: "https://shop.example/search") }
            add("page_view", url: "https://shop.example/list")
            var viewed: [SimulatedSKU] = []
            var variant: Int?
            for _ in 0..<random.between(1...4) {
                let sku = skus[random.pick(cumulative: skuWeights)]
                viewed.append(sku)
                add("page_view", url: "https://shop.example/p/\(sku.code)")
                if let experiment, variant == nil {
                    // The unit: the customer when the shopper is signed in, else the visitor.
                    let shown = experiment.variant(of: customerID.map { IDPrefix.customer.format($0) } ?? anonymous)
                    add("experiment_exposure", url: "https://shop.example/p/\(sku.code)", properties: experiment.properties(shown))
                    variant = shown
                }
                add("product_view", sku: sku, url: "https://shop.example/p/\(sku.code)")
            }
            let lift = variant.map { SimulatedExperiment.cartPropensity[$0] } ?? 1
            let propensity = 0.272 * profile.conversion * device.conversion * (known == nil ? 1 : 1.5) * lift
            guard random.chance(min(0.9, propensity)) else { continue }
            var cart: [(sku: SimulatedSKU, quantity: Int64)] = []
            for sku in viewed.prefix(random.between(1...2)) where !cart.contains(where: { $0.sku.code == sku.code }) {
                add("add_to_cart", sku: sku, url: "https://shop.example/p/\(sku.code)")
                cart.append((sku, Int64(random.chance(0.2) ? 2 : 1)))
            }
            if cart.count > 1, random.chance(0.1) {
                add("remove_from_cart", sku: cart[1].sku, url: "https://shop.example/cart")
                cart.removeLast()
            }
            guard random.chance(0.65) else { continue }
            var isNew = false
            let customer: Int
            if let known {
                customer = known
            } else {
                isNew = customers.nextNew < customers.count  // a first order (the pool may have run out)
                customer = customers.acquire(&random)
                customerID = customerIDs[customer]
                add("login", url: "https://shop.example/login")
            }
            add("checkout_start", url: "https://shop.example/checkout")
            guard random.chance(0.75) else { continue }
            let pays = random.chance(0.92)
            // The welcome coupon needs 99 yuan after discounts: new customers use it on carts well above that.
            let listTotal = cart.reduce(Int64(0)) { $0 + $1.sku.price * $1.quantity }
            let coupon = isNew && listTotal >= 12_000 && random.chance(0.5) ? "WELCOME15" : nil
            orders.append(PlannedOrder(
                placedAt: t, customer: customer, lines: cart.map { ($0.sku.code, $0.quantity) }, coupon: coupon,
                paidAfter: pays ? Int64(random.between(30...1200)) : nil, refunded: pays && random.chance(0.03),
                session: session, anonymous: anonymous))
        }
        return (events, orders, sessions)
    }
}
