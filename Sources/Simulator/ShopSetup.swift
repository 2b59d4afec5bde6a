import Commerce
import Foundation
import Operations
import Persistence

/// The simulated shop before its first day: catalog, opening stock, promotions and customers,
/// all created through the same use cases as the API.
struct ShopSetup {
    let yunying: Yunying
    let shop: ShopInfo
    let config: SimulationConfig

    /// SKUs in a fixed order with their popularity, and the customers' ids by index.
    func run(first: Instant, last: Instant, peak: Instant, random: inout SimulationRandom) async throws
        -> (skus: [SimulatedSKU], popularity: [Double], customers: [Int64], propensity: [Double], flashPromotion: String)
    {
        try await yunying.store.setShippingFee(shop.id, amount: 1000)
        var skus: [SimulatedSKU] = [], popularity: [Double] = []
        let templates = Array(ShopBlueprint.categories.prefix(max(1, config.categories)))
        var productIndex = 0
        while skus.count < config.skus {
            let template = templates[productIndex % templates.count]
            let title = template.products[(productIndex / templates.count) % template.products.count]
            let series = productIndex / (templates.count * template.products.count)
            let price = Int64(random.between(template.price)) * 100 - 10
            let cost = Int64(Double(price) * (template.costShare.lowerBound + random.unit() * (template.costShare.upperBound - template.costShare.lowerBound)))
            let base = "\(template.name.prefix(3).uppercased())-\(productIndex + 1)"
            let variants = template.variants.prefix(config.skus - skus.count)
            let product = try await yunying.catalog.createProduct(shop, CreateProduct(
                title: series == 0 ? title : "\(title) \(series + 1)", category: template.name, lifecycleStage: .growth,
                skus: variants.enumerated().map { index, specs in
                    CreateSKU(code: "\(base)-\(index + 1)", price: MoneyInput(amount: price, currency: nil),
                              cost: MoneyInput(amount: cost, currency: nil), specs: specs, lowStockThreshold: 300)
                }))
            let weight = template.popularity * (0.3 + 2 * random.unit() * random.unit())
            for sku in product.skus {
                skus.append(SimulatedSKU(code: sku.code, id: sku.id, price: sku.price.amount))
                popularity.append(weight / Double(variants.count))
                _ = try await yunying.inventory.adjust(shop, AdjustStock(sku: sku.code, delta: 2_000, reason: "receipt", note: "opening stock"))
            }
            productIndex += 1
        }
        let flash = try await promotions(first: first, last: last, peak: peak, flashSKU: skus[0].code)
        // Heterogeneous repeat buying: a few loyal customers come back often, most rarely.
        let propensity = (0..<config.customers).map { _ in pow(1 - random.unit(), -1 / 1.3) - 0.9 }
        // One after another, so customer ids follow the customers' order: campaign holdouts and
        // experiment units hash ids, and the same seed must give the same shop.
        var ids: [Int64] = []
        ids.reserveCapacity(config.customers)
        for index in 0..<config.customers {
            let customer = try await yunying.customers.create(shop, CreateCustomer(
                name: "Shopper \(index + 1)", phone: index % 10 == 9 ? nil : "1390000\(String(format: "%04d", index % 10_000))",
                email: "shopper\(index + 1)@example.com", acquisitionChannel: nil))
            ids.append(customer.id)
        }
        return (skus, popularity, ids, propensity, flash)
    }

    /// 满减 and free shipping over the whole window, a welcome coupon, and a flash sale on the peak day.
    func promotions(first: Instant, last: Instant, peak: Instant, flashSKU: String) async throws -> String {
        let from = first.iso8601, to = last.adding(seconds: 86_400).iso8601
        _ = try await yunying.promotions.create(shop, json: Array(#"""
            {"name":"满200减20 · 满500减60","type":"threshold_reduction","starts_at":"\#(from)","ends_at":"\#(to)","scope":{"all":true},
             "tiers":[{"threshold":20000,"reduction":2000},{"threshold":50000,"reduction":6000}]}
            """#.utf8))
        _ = try await yunying.promotions.create(shop, json: Array(#"""
            {"name":"满99包邮","type":"free_shipping","starts_at":"\#(from)","ends_at":"\#(to)","threshold":9900}
            """#.utf8))
        _ = try await yunying.coupons.create(shop, json: Array(#"""
            {"name":"新客立减15","code":"WELCOME15","discount":{"type":"fixed","amount":1500},"threshold":9900,
             "per_customer_limit":1,"combines_with":["product","order","shipping"]}
            """#.utf8))
        let flash = try await yunying.promotions.create(shop, json: Array(#"""
            {"name":"大促秒杀","type":"flash_sale","starts_at":"\#(peak.iso8601)","ends_at":"\#(peak.adding(seconds: 86_400).iso8601)",
             "sku":"\#(flashSKU)","price":990,"stock":200,"per_customer_limit":1}
            """#.utf8))
        return IDPrefix.promotion.format(flash.id)
    }
}
