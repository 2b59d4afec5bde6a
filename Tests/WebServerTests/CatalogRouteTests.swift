import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// `/categories`, `/products`, `/skus/{code}`.
@Suite struct CatalogRouteTests {
    static let teaProduct = #"""
        {"title":"Green tea","description":"Longjing","category":"Drinks","attributes":{"origin":"Hangzhou"},
         "lifecycle_stage":"growth",
         "skus":[{"code":"TEA-S","price":{"amount":2500,"currency":"CNY"},"cost":1000,"specs":{"size":"S"},
                  "weight_grams":250,"barcode":"690123","low_stock_threshold":3},
                 {"code":"TEA-L","price":4000}]}
        """#

    @Test(arguments: StoreKind.allCases) func createsAndListsCategories(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let root = try await client.call(.post, "/api/v1/categories", as: shop.admin, json: #"{"name":" Drinks "}"#)
            #expect(root.status == .created)
            let rootID = try #require(root.json["id"] as? String)
            #expect(rootID.hasPrefix("cat_"))
            #expect(root.json["name"] as? String == "Drinks")
            #expect(root.json["parent_id"] == nil)
            let child = try await client.call(.post, "/api/v1/categories", as: shop.key(.operator), json: #"{"name":"Tea","parent":"\#(rootID)"}"#)
            #expect(child.status == .created)
            #expect(child.json["parent_id"] as? String == rootID)
            let list = try await client.list("/api/v1/categories", as: shop.key(.viewer))
            #expect(list.items.map { $0["name"] as? String } == ["Drinks", "Tea"])
            #expect(list.hasMore == false)
        }
    }

    @Test(arguments: [
        (#"{}"#, 422, "required", "name"),
        (#"{"name":"   "}"#, 422, "required", "name"),
        (#"{"name":42}"#, 400, "invalid_type", "name"),
        (#"{"name":"Tea","parent":"x"}"#, 422, "invalid_id", "parent"),
        (#"{"name":"Tea","parent":"cat_99"}"#, 422, "unknown_category", "parent"),
        (#"{"name":"Drinks"}"#, 409, "duplicate", "name"),
        (#"{"name":"Tea""#, 400, "invalid_json", nil),
        (#"[]"#, 400, "invalid_type", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadCategories(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let shop = try await TestShop.make()
        _ = try await shop.yunying.catalog.createCategory(shop.shop, .init(name: "Drinks"))
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/categories", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            #expect(try await client.list("/api/v1/categories", as: shop.admin).items.count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func createsAProductWithSKUsAndReadsItBack(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let created = try await client.call(.post, "/api/v1/products", as: shop.key(.operator), json: Self.teaProduct)
            #expect(created.status == .created, "\(created.json)")
            let id = try #require(created.json["id"] as? String)
            #expect(id.hasPrefix("prod_"))
            #expect(created.json["title"] as? String == "Green tea")
            #expect(created.json["status"] as? String == "listed")
            #expect(created.json["lifecycle_stage"] as? String == "growth")
            #expect(created.json[path: "attributes.origin"] as? String == "Hangzhou")
            #expect((created.json["category_id"] as? String)?.hasPrefix("cat_") == true)
            #expect(created.json[path: "skus.0.code"] as? String == "TEA-S")
            #expect(created.json[path: "skus.0.product_id"] as? String == id)
            #expect(created.json[path: "skus.0.price.amount"] as? Int == 2500)
            #expect(created.json[path: "skus.0.price.currency"] as? String == "CNY")
            #expect(created.json[path: "skus.0.cost.amount"] as? Int == 1000)
            #expect(created.json[path: "skus.0.margin.amount.amount"] as? Int == 1500)
            #expect(created.json[path: "skus.0.margin.rate"] as? Double == 0.6)
            #expect(created.json[path: "skus.0.specs.size"] as? String == "S")
            #expect(created.json[path: "skus.0.weight_grams"] as? Int == 250)
            #expect(created.json[path: "skus.0.low_stock_threshold"] as? Int == 3)
            #expect(created.json[path: "skus.1.margin"] == nil)

            let fetched = try await client.call(.get, "/api/v1/products/\(id)", as: shop.key(.viewer))
            #expect(fetched.status == .ok)
            #expect(NSDictionary(dictionary: fetched.json) == NSDictionary(dictionary: created.json))
            // The category given by name was created as a root category.
            let categories = try await client.list("/api/v1/categories", as: shop.admin)
            #expect(categories.items.map { $0["id"] as? String } == [created.json["category_id"] as? String])
            let sku = try await client.call(.get, "/api/v1/skus/TEA-L", as: shop.key(.analyst))
            #expect(sku.status == .ok)
            #expect(sku.json["product_id"] as? String == id)
            #expect(sku.json[path: "price.amount"] as? Int == 4000)
        }
    }

    @Test(arguments: [
        (#"{"skus":[{"code":"N-1","price":1}]}"#, 422, "required", "title"),
        (#"{"title":"  ","skus":[{"code":"N-1","price":1}]}"#, 422, "required", "title"),
        (#"{"title":"T"}"#, 422, "required", "skus"),
        (#"{"title":"T","skus":[]}"#, 422, "required", "skus"),
        (#"{"title":"T","skus":[{"code":"N-1"}]}"#, 422, "required", "skus[0].price"),
        (#"{"title":"T","skus":[{"code":"N-1","price":"ten"}]}"#, 400, "invalid_type", "skus[0].price"),
        (#"{"title":"T","skus":[{"code":"N-1","price":{"amount":"x"}}]}"#, 400, "invalid_type", "skus[0].price.amount"),
        (#"{"title":"T","skus":[{"code":"N-1","price":{"amount":100,"currency":"USD"}}]}"#, 422, "currency_mismatch", "skus[0].price.currency"),
        (#"{"title":"T","skus":[{"code":"N-1","price":-5}]}"#, 422, "invalid_amount", "skus[0].price.amount"),
        (#"{"title":"T","skus":[{"code":"N-1","price":5,"cost":{"amount":1,"currency":"EUR"}}]}"#, 422, "currency_mismatch", "skus[0].cost.currency"),
        (#"{"title":"T","skus":[{"code":"N 1","price":5}]}"#, 422, "invalid_sku_code", "skus[0].code"),
        (#"{"title":"T","skus":[{"code":"N-1","price":5,"low_stock_threshold":-1}]}"#, 422, "invalid_value", "skus[0].low_stock_threshold"),
        (#"{"title":"T","skus":[{"code":"N-1","price":5},{"code":"N-1","price":6}]}"#, 409, "duplicate", "skus[1].code"),
        (#"{"title":"T","status":"sold","skus":[{"code":"N-1","price":5}]}"#, 400, "invalid_value", "status"),
        (#"{"title":"T","category":"cat_77","skus":[{"code":"N-1","price":5}]}"#, 422, "unknown_category", "category"),
        (#"{"title":"T","skus":{"code":"N-1"}}"#, 400, "invalid_type", "skus"),
        (#"{"title":"T","skus":[{"code":"N-1","price":5}]"#, 400, "invalid_json", nil),
        (#""#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadProductsWithoutWriting(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let shop = try await TestShop.make()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/products", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            #expect(try await client.call(.get, "/api/v1/skus/N-1", as: shop.admin).status == .notFound)
        }
        #expect(try await shop.productCount() == 0)
    }

    /// The second SKU's code is taken: nothing of the product is written, not even its new category.
    @Test(arguments: StoreKind.allCases) func duplicateSKUCodeOfAnotherProductWritesNothing(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "OLD-1")
        try await shop.test { client async throws in
            let answer = try await client.call(
                .post, "/api/v1/products", as: shop.admin,
                json: #"{"title":"New","category":"Fresh","skus":[{"code":"NEW-1","price":5},{"code":"OLD-1","price":6}]}"#)
            #expect(answer.status == .conflict)
            #expect(answer.json.errorCode == "duplicate")
            #expect(answer.json.errorField == "skus[1].code")
            #expect(try await client.call(.get, "/api/v1/skus/NEW-1", as: shop.admin).status == .notFound)
            #expect(try await client.list("/api/v1/products", as: shop.admin).items.count == 1)
            #expect(try await client.list("/api/v1/categories", as: shop.admin).items.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func unknownProductsAndSKUsAre404(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            for uri in ["/api/v1/products/prod_999", "/api/v1/products/abc", "/api/v1/products/ord_1", "/api/v1/skus/NOPE"] {
                let answer = try await client.call(.get, uri, as: shop.admin)
                #expect(answer.status == .notFound, "\(uri)")
                #expect(answer.json.errorCode == "not_found")
            }
            #expect(try await client.call(.patch, "/api/v1/products/prod_999", as: shop.admin, json: #"{"title":"X"}"#).status == .notFound)
            #expect(try await client.call(.patch, "/api/v1/skus/NOPE", as: shop.admin, json: #"{"price":5}"#).status == .notFound)
        }
    }
}
