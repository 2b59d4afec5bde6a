import Foundation
import Commerce
import Operations
import Persistence

/// A small built-in shop for `yunying demo` before a simulated history exists.
enum SampleCatalog {
    struct Item {
        let category: String
        let title: String
        let variants: [(code: String, specs: [String: String], price: Int64, cost: Int64)]
        let stock: Int64
    }

    static let items: [Item] = [
        Item(category: "Apparel", title: "Linen shirt", variants: [
            ("SHIRT-LINEN-S", ["size": "S", "color": "white"], 19900, 7900),
            ("SHIRT-LINEN-M", ["size": "M", "color": "white"], 19900, 7900),
            ("SHIRT-LINEN-L", ["size": "L", "color": "white"], 19900, 7900),
        ], stock: 120),
        Item(category: "Apparel", title: "Wool scarf", variants: [("SCARF-WOOL-GREY", ["color": "grey"], 12900, 4500)], stock: 60),
        Item(category: "Beauty", title: "Hydrating face cream 50ml", variants: [("CREAM-50", [:], 16800, 3900)], stock: 200),
        Item(category: "Beauty", title: "Lip balm", variants: [("LIPBALM-01", ["shade": "rose"], 3900, 800)], stock: 500),
        Item(category: "Food", title: "Yunnan black tea 250g", variants: [("TEA-BLACK-250", [:], 8800, 3600)], stock: 300),
        Item(category: "Food", title: "Dried mango 500g", variants: [("MANGO-500", [:], 4590, 2100)], stock: 400),
        Item(category: "Home", title: "Ceramic mug", variants: [
            ("MUG-CERAMIC-BLUE", ["color": "blue"], 5900, 1800), ("MUG-CERAMIC-WHITE", ["color": "white"], 5900, 1800),
        ], stock: 150),
        Item(category: "Electronics", title: "Wireless earbuds", variants: [("EARBUDS-W1", ["color": "black"], 29900, 17500)], stock: 80),
        Item(category: "Electronics", title: "USB-C charger 65W", variants: [("CHARGER-65W", [:], 14900, 7200)], stock: 8),
    ]

    static func seed(_ yunying: Yunying, shop: ShopInfo) async throws {
        for item in items {
            let product = CreateProduct(
                title: item.title, category: item.category, lifecycleStage: .growth,
                skus: item.variants.map {
                    CreateSKU(code: $0.code, price: MoneyInput(amount: $0.price, currency: shop.currency),
                              cost: MoneyInput(amount: $0.cost, currency: shop.currency), specs: $0.specs, lowStockThreshold: 10)
                })
            _ = try await yunying.catalog.createProduct(shop, product)
            for variant in item.variants {
                _ = try await yunying.inventory.adjust(shop, AdjustStock(sku: variant.code, delta: item.stock, reason: "receipt", note: "opening stock"))
            }
        }
        for name in ["王芳", "李娜", "张伟", "Alex Chen"] {
            _ = try await yunying.customers.create(shop, CreateCustomer(name: name, acquisitionChannel: "direct"))
        }
        try await seedPromotions(yunying, shop: shop)
    }

    /// A month of typical activities around now: 满减, a category discount, free shipping, a flash sale, a coupon.
    static func seedPromotions(_ yunying: Yunying, shop: ShopInfo) async throws {
        try await yunying.store.setShippingFee(shop.id, amount: 1000)
        let now = yunying.time.now()
        let from = now.adding(seconds: -7 * 86_400).iso8601, to = now.adding(seconds: 23 * 86_400).iso8601
        let beauty = try await yunying.catalog.categories(shop).first { $0.name == "Beauty" }.map { IDPrefix.category.format($0.id) } ?? ""
        let definitions = [
            #"{"name":"满200减20 · 满500减60","type":"threshold_reduction","scope":{"all":true},"tiers":[{"threshold":20000,"reduction":2000},{"threshold":50000,"reduction":6000}],"budget":500000}"#,
            #"{"name":"美妆 9折","type":"percent_off","scope":{"categories":["\#(beauty)"]},"percent_off":10}"#,
            #"{"name":"满99包邮","type":"free_shipping","threshold":9900}"#,
            #"{"name":"耳机秒杀","type":"flash_sale","sku":"EARBUDS-W1","price":19900,"stock":20,"per_customer_limit":1}"#,
        ]
        for definition in definitions {
            let json = definition.dropLast() + #","starts_at":"\#(from)","ends_at":"\#(to)"}"#
            _ = try await yunying.promotions.create(shop, json: Array(json.utf8))
        }
        let coupon = #"{"name":"新人券 满100减15","discount":{"type":"fixed","amount":1500},"threshold":10000,"combines_with":["product","order","shipping"],"code":"WELCOME15","valid_days":30}"#
        _ = try await yunying.coupons.create(shop, json: Array(coupon.utf8))
    }
}
