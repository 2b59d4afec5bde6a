import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Testing
import StoreTesting
@testable import WebServer

/// `/customers`.
@Suite struct CustomerRouteTests {
    @Test(arguments: StoreKind.allCases) func createsReadsAndOrdersForACustomer(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", price: 100, stock: 3)
        try await shop.test { client async throws in
            let created = try await client.call(
                .post, "/api/v1/customers", as: shop.key(.service),
                json: #"{"name":" Wang Fang ","phone":"+86 138 0000 0000","email":"wf@example.cn","acquisition_channel":"douyin"}"#)
            #expect(created.status == .created, "\(created.json)")
            let id = try #require(created.json["id"] as? String)
            #expect(id.hasPrefix("cus_"))
            #expect(created.json["name"] as? String == "Wang Fang")
            #expect(created.json["phone"] as? String == "+86 138 0000 0000")
            #expect(created.json["email"] as? String == "wf@example.cn")
            #expect(created.json["acquisition_channel"] as? String == "douyin")
            #expect(created.json["created_at"] as? String == "2026-05-28T20:26:40.000Z")
            let fetched = try await client.call(.get, "/api/v1/customers/\(id)", as: shop.key(.viewer))
            #expect(fetched.status == .ok)
            #expect(fetched.json["email"] as? String == "wf@example.cn")

            let order = try await client.call(.post, "/api/v1/orders", as: shop.admin, json: #"{"customer_id":"\#(id)","lines":[{"sku":"A-1","quantity":1}]}"#)
            #expect(order.status == .created)
            #expect(order.json["customer_id"] as? String == id)
            let minimal = try await client.call(.post, "/api/v1/customers", as: shop.admin, json: #"{"name":"Zhao"}"#)
            #expect(minimal.status == .created)
            #expect(minimal.json["email"] == nil)
        }
    }

    @Test(arguments: [
        (#"{}"#, 422, "required", "name"),
        (#"{"name":""}"#, 422, "required", "name"),
        (#"{"name":5}"#, 400, "invalid_type", "name"),
        (#"{"name":"Li","email":"not-an-email"}"#, 422, "invalid_email", "email"),
        (#"{"name":"Li","phone":""}"#, 422, "invalid_phone", "phone"),
        (#"{"name":"Li","phone":"\#(String(repeating: "1", count: 33))"}"#, 422, "invalid_phone", "phone"),
        (#"{"name":"Li","acquisition_channel":""}"#, 422, "invalid_value", "acquisition_channel"),
        (#"{"name":"Li","email":["a@b"]}"#, 400, "invalid_type", "email"),
        (#"{"name":"#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadCustomersWithoutWriting(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let shop = try await TestShop.make()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/customers", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            #expect(try await client.list("/api/v1/customers", as: shop.admin).items.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func onlyOrderWritersCreateCustomers(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            for role in [Role.analyst, .viewer] {
                let answer = try await client.call(.post, "/api/v1/customers", as: shop.key(role), json: #"{"name":"Li"}"#)
                #expect(answer.status == .forbidden, "\(role)")
            }
            #expect(try await client.list("/api/v1/customers", as: shop.admin).items.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func listsCustomersNewestFirstInPages(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        for name in ["A", "B", "C"] { _ = try await shop.yunying.customers.create(shop.shop, .init(name: name)) }
        try await shop.test { client async throws in
            let all = try await client.list("/api/v1/customers", as: shop.key(.analyst))
            #expect(all.items.map { $0["name"] as? String } == ["C", "B", "A"])
            #expect(all.hasMore == false)
            let first = try await client.list("/api/v1/customers?limit=2", as: shop.admin)
            #expect(first.items.map { $0["name"] as? String } == ["C", "B"])
            #expect(first.hasMore == true)
            let after = try #require(first.items.last?["id"] as? String)
            let rest = try await client.list("/api/v1/customers?limit=2&starting_after=\(after)", as: shop.admin)
            #expect(rest.items.map { $0["name"] as? String } == ["A"])
            #expect(rest.hasMore == false)
            for (query, field) in [("limit=0", "limit"), ("limit=1000", "limit"), ("starting_after=ord_1", "starting_after")] {
                let bad = try await client.call(.get, "/api/v1/customers?\(query)", as: shop.admin)
                #expect(bad.status == .unprocessableContent, "\(query)")
                #expect(bad.json.errorField == field)
            }
            for id in ["cus_999", "cus_x", "ord_1"] {
                let missing = try await client.call(.get, "/api/v1/customers/\(id)", as: shop.admin)
                #expect(missing.status == .notFound, "\(id)")
                #expect(missing.json.errorCode == "not_found")
            }
        }
    }
}
