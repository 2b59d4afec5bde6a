import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// `POST /orders`, `GET /orders`, `GET /orders/{id}`.
@Suite struct OrderRouteTests {
    /// A-1 (1999, 5 in stock) and B-1 (500, 2 in stock).
    static func shopWithStock() async throws -> TestShop {
        let shop = try await TestShop.make()
        try await shop.product(code: "A-1", price: 1999, stock: 5)
        try await shop.product(code: "B-1", price: 500, stock: 2)
        return shop
    }

    @Test func placesAnOrderPricedWithItsStockHeld() async throws {
        let shop = try await Self.shopWithStock()
        let customer = try await shop.yunying.customers.create(shop.shop, .init(name: "Han Meimei"))
        try await shop.test { client async throws in
            let body = #"""
                {"customer_id":"cus_\#(customer.id)","lines":[{"sku":"A-1","quantity":2},{"sku":"B-1","quantity":1}],
                 "shipping_address":{"name":"Han","city":"Shanghai","line1":"1 Nanjing Rd","postal_code":"200000"}}
                """#
            let created = try await client.call(.post, "/api/v1/orders", as: shop.key(.service), json: body)
            #expect(created.status == .created, "\(created.json)")
            let id = try #require(created.json["id"] as? String)
            #expect(id.hasPrefix("ord_"))
            #expect(created.json["status"] as? String == "pending_payment")
            #expect(created.json["customer_id"] as? String == "cus_\(customer.id)")
            #expect(created.json[path: "lines.0.sku"] as? String == "A-1")
            #expect(created.json[path: "lines.0.title"] as? String == "Item A-1")
            #expect(created.json[path: "lines.0.quantity"] as? Int == 2)
            #expect(created.json[path: "lines.0.unit_price.amount"] as? Int == 1999)
            #expect(created.json[path: "lines.0.total.amount"] as? Int == 3998)
            #expect(created.json[path: "lines.1.total.amount"] as? Int == 500)
            #expect(created.json[path: "subtotal.amount"] as? Int == 4498)
            #expect(created.json[path: "discount.amount"] as? Int == 0)
            #expect(created.json[path: "shipping.amount"] as? Int == 0)
            #expect(created.json[path: "total.amount"] as? Int == 4498)
            #expect(created.json[path: "total.currency"] as? String == "CNY")
            #expect(created.json[path: "shipping_address.city"] as? String == "Shanghai")
            #expect(created.json[path: "shipping_address.postal_code"] as? String == "200000")
            #expect(created.json["created_at"] as? String == "2026-05-28T20:26:40.000Z")
            #expect(created.json["hold_expires_at"] as? String == "2026-05-28T20:56:40.000Z")
            #expect(created.json["shipment"] == nil)

            let fetched = try await client.call(.get, "/api/v1/orders/\(id)", as: shop.key(.viewer))
            #expect(fetched.status == .ok)
            #expect(NSDictionary(dictionary: fetched.json) == NSDictionary(dictionary: created.json))
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 5, held: 2, allocated: 0, available: 3))
            #expect(try await client.stock("B-1", as: shop.admin) == StockCounters(onHand: 2, held: 1, allocated: 0, available: 1))
        }
    }

    @Test func theSameSKUOnTwoLinesHoldsBoth() async throws {
        let shop = try await Self.shopWithStock()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: #"{"lines":[{"sku":"A-1","quantity":2},{"sku":"A-1","quantity":3}]}"#)
            #expect(answer.status == .created)
            #expect(try await client.stock("A-1", as: shop.admin).available == 0)
            let more = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: #"{"lines":[{"sku":"A-1","quantity":1}]}"#)
            #expect(more.status == .conflict)
            #expect(more.json.errorCode == "insufficient_stock")
            #expect(more.json.errorField == "lines[0].quantity")
        }
    }

    @Test(arguments: [
        (#"{"lines":[{"sku":"A-1","quantity":"two"}]}"#, 400, "invalid_type", "lines[0].quantity"),
        (#"{"lines":[{"sku":"A-1","quantity":1.5}]}"#, 400, "invalid_type", "lines[0].quantity"),
        (#"{"lines":[{"sku":"A-1","quantity":1},{"sku":"B-1","quantity":1e30}]}"#, 400, "invalid_type", "lines[1].quantity"),
        (#"{"lines":[{"sku":"A-1","quantity":null}]}"#, 400, "invalid_type", "lines[0].quantity"),
        (#"{"lines":[{"sku":7,"quantity":1}]}"#, 400, "invalid_type", "lines[0].sku"),
        (#"{"lines":{"sku":"A-1","quantity":1}}"#, 400, "invalid_type", "lines"),
        (#"{"lines":[{"sku":"A-1","quantity":1}],"shipping_address":5}"#, 400, "invalid_type", "shipping_address"),
        (#"[{"sku":"A-1","quantity":1}]"#, 400, "invalid_type", nil),
        (#"{"lines":[{"sku":"A-1","quantity":1}]"#, 400, "invalid_json", nil),
        (#"lines=A-1"#, 400, "invalid_json", nil),
        (#""#, 400, "invalid_json", nil),
        (#"{}"#, 422, "required", "lines"),
        (#"{"lines":[]}"#, 422, "required", "lines"),
        (#"{"lines":[{"sku":"A-1"}]}"#, 422, "required", "lines[0].quantity"),
        (#"{"lines":[{"quantity":1}]}"#, 422, "required", "lines[0].sku"),
        (#"{"lines":[{"sku":"A-1","quantity":0}]}"#, 422, "invalid_quantity", "lines[0].quantity"),
        (#"{"lines":[{"sku":"A-1","quantity":1},{"sku":"B-1","quantity":-2}]}"#, 422, "invalid_quantity", "lines[1].quantity"),
        (#"{"lines":[{"sku":"A-1","quantity":1000001}]}"#, 422, "invalid_quantity", "lines[0].quantity"),
        (#"{"lines":[{"sku":"NOPE","quantity":1}]}"#, 422, "unknown_sku", "lines[0].sku"),
        (#"{"lines":[{"sku":"A-1","quantity":1},{"sku":"NOPE","quantity":1}]}"#, 422, "unknown_sku", "lines[1].sku"),
        (#"{"customer_id":"cus_999","lines":[{"sku":"A-1","quantity":1}]}"#, 422, "unknown_customer", "customer_id"),
        (#"{"customer_id":"ord_1","lines":[{"sku":"A-1","quantity":1}]}"#, 422, "unknown_customer", "customer_id"),
        (#"{"lines":[{"sku":"A-1","quantity":6}]}"#, 409, "insufficient_stock", "lines[0].quantity"),
        (#"{"lines":[{"sku":"A-1","quantity":5},{"sku":"B-1","quantity":3}]}"#, 409, "insufficient_stock", "lines[1].quantity"),
        (#"{"lines":[\#((1...101).map { _ in #"{"sku":"A-1","quantity":1}"# }.joined(separator: ","))]}"#, 422, "invalid_value", "lines"),
    ] as [(String, Int, String, String?)])
    func rejectsBadOrdersWithoutWriting(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let shop = try await Self.shopWithStock()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body.prefix(80)): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            #expect(answer.json.errorMessage?.isEmpty == false)
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 5, held: 0, allocated: 0, available: 5))
            #expect(try await client.stock("B-1", as: shop.admin) == StockCounters(onHand: 2, held: 0, allocated: 0, available: 2))
            #expect(try await client.list("/api/v1/orders", as: shop.admin).items.isEmpty)
            #expect(try await client.list("/api/v1/inventory/movements", as: shop.admin).items.count == 2)
        }
        #expect(try await shop.orderCount() == 0)
    }

    @Test func unknownOrdersAre404() async throws {
        let shop = try await Self.shopWithStock()
        try await shop.test { client async throws in
            for id in ["ord_999", "ord_0", "ord_abc", "prod_1", "1"] {
                let answer = try await client.call(.get, "/api/v1/orders/\(id)", as: shop.admin)
                #expect(answer.status == .notFound, "\(id)")
                #expect(answer.json.errorCode == "not_found")
                #expect(try await client.call(.get, "/api/v1/orders/\(id)/payments", as: shop.admin).status == .notFound)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func listsOrdersNewestFirstInPagesAndByStatus(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", price: 100, stock: 50)
        try await shop.test { client async throws in
            var ids: [String] = []
            for _ in 1...5 { ids.append(try await client.placeOrder(shop.admin, sku: "A-1")) }
            try await client.payOrder(shop.admin, ids[1], amount: 100)
            _ = try await client.call(.post, "/api/v1/orders/\(ids[2])/cancel", as: shop.admin)

            let all = try await client.list("/api/v1/orders", as: shop.key(.analyst))
            #expect(all.items.map { $0["id"] as? String } == ids.reversed())
            #expect(all.hasMore == false)
            let first = try await client.list("/api/v1/orders?limit=2", as: shop.admin)
            #expect(first.items.map { $0["id"] as? String } == [ids[4], ids[3]])
            #expect(first.hasMore == true)
            let second = try await client.list("/api/v1/orders?limit=2&starting_after=\(ids[3])", as: shop.admin)
            #expect(second.items.map { $0["id"] as? String } == [ids[2], ids[1]])
            #expect(second.hasMore == true)
            let last = try await client.list("/api/v1/orders?limit=2&starting_after=\(ids[1])", as: shop.admin)
            #expect(last.items.map { $0["id"] as? String } == [ids[0]])
            #expect(last.hasMore == false)

            #expect(try await client.list("/api/v1/orders?status=paid", as: shop.admin).items.map { $0["id"] as? String } == [ids[1]])
            #expect(try await client.list("/api/v1/orders?status=cancelled", as: shop.admin).items.map { $0["id"] as? String } == [ids[2]])
            let pending = try await client.list("/api/v1/orders?status=pending_payment&limit=2", as: shop.admin)
            #expect(pending.items.map { $0["id"] as? String } == [ids[4], ids[3]])
            #expect(pending.hasMore == true)

            for (query, code, field) in [
                ("limit=0", "invalid_value", "limit"), ("limit=101", "invalid_value", "limit"), ("limit=x", "invalid_value", "limit"),
                ("starting_after=prod_1", "invalid_id", "starting_after"), ("starting_after=ord_", "invalid_id", "starting_after"),
                ("status=lost", "invalid_value", "status"), ("customer_id=ord_1", "invalid_value", "customer_id"),
                ("customer_id=12", "invalid_value", "customer_id"),
            ] {
                let bad = try await client.call(.get, "/api/v1/orders?\(query)", as: shop.admin)
                #expect(bad.status == .unprocessableContent, "\(query)")
                #expect(bad.json.errorCode == code, "\(query)")
                #expect(bad.json.errorField == field, "\(query)")
            }
        }
    }

    /// A customer's orders (customer service looks them up), alone or with a status.
    @Test(arguments: StoreKind.allCases) func listsACustomersOrders(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", price: 100, stock: 50)
        let wang = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Wang")).id)"
        let li = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Li")).id)"
        try await shop.test { client async throws in
            let first = try await client.placeOrder(shop.admin, sku: "A-1", customer: wang)
            _ = try await client.placeOrder(shop.admin, sku: "A-1", customer: li)
            _ = try await client.placeOrder(shop.admin, sku: "A-1")
            let second = try await client.placeOrder(shop.admin, sku: "A-1", customer: wang)
            try await client.payOrder(shop.admin, second, amount: 100)
            let ids = { (query: String) in try await client.list("/api/v1/orders?\(query)", as: shop.admin).items.map { $0["id"] as? String } }
            #expect(try await ids("customer_id=\(wang)") == [second, first])
            #expect(try await ids("customer_id=\(wang)&status=paid") == [second])
            #expect(try await ids("customer_id=\(wang)&status=cancelled") == [])
            #expect(try await ids("customer_id=\(wang)&limit=1&starting_after=\(second)") == [first])
            #expect(try await ids("customer_id=cus_999999") == [])
        }
    }
}
