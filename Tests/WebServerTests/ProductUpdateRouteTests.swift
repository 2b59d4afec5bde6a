import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// Listing, filtering and changing products and SKUs.
@Suite struct ProductUpdateRouteTests {
    @Test(arguments: StoreKind.allCases) func listsProductsNewestFirstInPages(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        for index in 1...5 { try await shop.product(code: "P-\(index)") }
        try await shop.test { client async throws in
            let all = try await client.list("/api/v1/products", as: shop.key(.viewer))
            #expect(all.items.compactMap { $0[path: "skus.0.code"] as? String } == ["P-5", "P-4", "P-3", "P-2", "P-1"])
            #expect(all.hasMore == false)

            let first = try await client.list("/api/v1/products?limit=2", as: shop.admin)
            #expect(first.items.compactMap { $0[path: "skus.0.code"] as? String } == ["P-5", "P-4"])
            #expect(first.hasMore == true)
            let after = try #require(first.items.last?["id"] as? String)
            let second = try await client.list("/api/v1/products?limit=2&starting_after=\(after)", as: shop.admin)
            #expect(second.items.compactMap { $0[path: "skus.0.code"] as? String } == ["P-3", "P-2"])
            #expect(second.hasMore == true)
            let lastAfter = try #require(second.items.last?["id"] as? String)
            let third = try await client.list("/api/v1/products?limit=2&starting_after=\(lastAfter)", as: shop.admin)
            #expect(third.items.compactMap { $0[path: "skus.0.code"] as? String } == ["P-1"])
            #expect(third.hasMore == false)
            let exact = try await client.list("/api/v1/products?limit=5", as: shop.admin)
            #expect(exact.items.count == 5)
            #expect(exact.hasMore == false)
        }
    }

    @Test(arguments: [
        ("limit=0", "limit", "invalid_value"), ("limit=101", "limit", "invalid_value"), ("limit=-1", "limit", "invalid_value"),
        ("limit=ten", "limit", "invalid_value"), ("starting_after=ord_1", "starting_after", "invalid_id"),
        ("starting_after=prod_x", "starting_after", "invalid_id"), ("status=sold", "status", "invalid_value"),
        ("category=drinks", "category", "invalid_id"),
    ])
    func rejectsBadListParameters(_ query: String, _ field: String, _ code: String) async throws {
        let shop = try await TestShop.make()
        try await shop.test { client async throws in
            let answer = try await client.call(.get, "/api/v1/products?\(query)", as: shop.admin)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
        }
    }

    @Test(arguments: StoreKind.allCases) func filtersByStatusTextAndCategoryTree(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let drinks = try await shop.yunying.catalog.createCategory(shop.shop, .init(name: "Drinks"))
        let tea = try await shop.yunying.catalog.createCategory(shop.shop, .init(name: "Tea", parent: "cat_\(drinks.id)"))
        try await shop.test { client async throws in
            for (title, code, category, status) in [
                ("Oolong", "OO-1", "cat_\(tea.id)", "listed"), ("Cola", "CO-1", "cat_\(drinks.id)", "draft"), ("Bread", "BR-1", nil, "listed"),
            ] {
                let category = category.map { #","category":"\#($0)""# } ?? ""
                let body = #"{"title":"\#(title)","status":"\#(status)"\#(category),"skus":[{"code":"\#(code)","price":100}]}"#
                #expect(try await client.call(.post, "/api/v1/products", as: shop.admin, json: body).status == .created)
            }
            func titles(_ query: String) async throws -> [String] {
                try await client.list("/api/v1/products?\(query)", as: shop.admin).items.compactMap { $0["title"] as? String }
            }
            #expect(try await titles("status=draft") == ["Cola"])
            #expect(try await titles("status=listed") == ["Bread", "Oolong"])
            #expect(try await titles("q=oolo") == ["Oolong"])
            #expect(try await titles("q=BR-") == ["Bread"])
            #expect(try await titles("q=%25") == [])
            #expect(try await titles("category=cat_\(drinks.id)") == ["Cola", "Oolong"])
            #expect(try await titles("category=cat_\(tea.id)") == ["Oolong"])
            #expect(try await titles("category=cat_\(drinks.id)&status=listed") == ["Oolong"])
        }
    }

    @Test(arguments: StoreKind.allCases) func updatesAProductAndDelistingStopsSales(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let product = try await shop.product(code: "U-1", price: 100, stock: 5)
        let id = "prod_\(product.id)"
        try await shop.test { client async throws in
            let updated = try await client.call(
                .patch, "/api/v1/products/\(id)", as: shop.key(.operator),
                json: #"{"title":"Renamed","description":"Better","category":"Snacks","attributes":{"k":"v"},"lifecycle_stage":"mature","status":"delisted"}"#)
            #expect(updated.status == .ok, "\(updated.json)")
            #expect(updated.json["title"] as? String == "Renamed")
            #expect(updated.json["description"] as? String == "Better")
            #expect(updated.json["status"] as? String == "delisted")
            #expect(updated.json["lifecycle_stage"] as? String == "mature")
            #expect(updated.json[path: "attributes.k"] as? String == "v")
            #expect((updated.json["category_id"] as? String)?.hasPrefix("cat_") == true)
            #expect(updated.json[path: "skus.0.code"] as? String == "U-1")
            let fetched = try await client.call(.get, "/api/v1/products/\(id)", as: shop.admin)
            #expect(fetched.json["title"] as? String == "Renamed")
            #expect(fetched.json["status"] as? String == "delisted")

            let order = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: #"{"lines":[{"sku":"U-1","quantity":1}]}"#)
            #expect(order.status == .unprocessableContent)
            #expect(order.json.errorCode == "not_for_sale")
            #expect(order.json.errorField == "lines[0].sku")
            #expect(try await client.stock("U-1", as: shop.admin).held == 0)

            // An empty patch changes nothing.
            let same = try await client.call(.patch, "/api/v1/products/\(id)", as: shop.admin, json: "{}")
            #expect(same.status == .ok)
            #expect(same.json["title"] as? String == "Renamed")
        }
    }

    @Test(arguments: [
        (#"{"title":""}"#, 422, "required", "title"),
        (#"{"title":7}"#, 400, "invalid_type", "title"),
        (#"{"status":"gone"}"#, 400, "invalid_value", "status"),
        (#"{"lifecycle_stage":"old"}"#, 400, "invalid_value", "lifecycle_stage"),
        (#"{"attributes":{"k":1}}"#, 400, "invalid_type", "attributes.k"),
        (#"{"category":"cat_404"}"#, 422, "unknown_category", "category"),
        (#"{"title":"#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadProductPatchesWithoutWriting(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let shop = try await TestShop.make()
        let product = try await shop.product(code: "U-1")
        try await shop.test { client async throws in
            let answer = try await client.call(.patch, "/api/v1/products/prod_\(product.id)", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            let fetched = try await client.call(.get, "/api/v1/products/prod_\(product.id)", as: shop.admin)
            #expect(fetched.json["title"] as? String == "Item U-1")
            #expect(fetched.json["status"] as? String == "listed")
            #expect(fetched.json["category_id"] == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func updatesASKUAndNewOrdersUseTheNewPrice(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "S-1", price: 1000, stock: 5)
        try await shop.test { client async throws in
            let updated = try await client.call(
                .patch, "/api/v1/skus/S-1", as: shop.admin,
                json: #"{"price":{"amount":1200,"currency":"CNY"},"cost":300,"specs":{"color":"red"},"weight_grams":90,"barcode":"B1","low_stock_threshold":2}"#)
            #expect(updated.status == .ok, "\(updated.json)")
            #expect(updated.json[path: "price.amount"] as? Int == 1200)
            #expect(updated.json[path: "cost.amount"] as? Int == 300)
            #expect(updated.json[path: "margin.amount.amount"] as? Int == 900)
            #expect(updated.json[path: "margin.rate"] as? Double == 0.75)
            #expect(updated.json[path: "specs.color"] as? String == "red")
            #expect(updated.json["barcode"] as? String == "B1")
            #expect(updated.json["low_stock_threshold"] as? Int == 2)
            let fetched = try await client.call(.get, "/api/v1/skus/S-1", as: shop.key(.viewer))
            #expect(fetched.json[path: "price.amount"] as? Int == 1200)
            #expect(fetched.json["weight_grams"] as? Int == 90)
            let order = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: #"{"lines":[{"sku":"S-1","quantity":2}]}"#)
            #expect(order.json[path: "total.amount"] as? Int == 2400)
        }
    }

    @Test(arguments: [
        (#"{"price":{"amount":5,"currency":"USD"}}"#, 422, "currency_mismatch", "price.currency"),
        (#"{"price":-1}"#, 422, "invalid_amount", "price.amount"),
        (#"{"price":"cheap"}"#, 400, "invalid_type", "price"),
        (#"{"low_stock_threshold":-2}"#, 422, "invalid_value", "low_stock_threshold"),
        (#"{"weight_grams":-2}"#, 422, "invalid_value", "weight_grams"),
        (#"{"weight_grams":1.5}"#, 400, "invalid_type", "weight_grams"),
        (#"not json"#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadSKUPatchesWithoutWriting(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let shop = try await TestShop.make()
        try await shop.product(code: "S-1", price: 1000)
        try await shop.test { client async throws in
            let answer = try await client.call(.patch, "/api/v1/skus/S-1", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            let fetched = try await client.call(.get, "/api/v1/skus/S-1", as: shop.admin)
            #expect(fetched.json[path: "price.amount"] as? Int == 1000)
            #expect(fetched.json["low_stock_threshold"] as? Int == 0)
        }
    }
}
