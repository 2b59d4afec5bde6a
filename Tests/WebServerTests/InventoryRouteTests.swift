import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// `/warehouses`, `/inventory/adjustments`, `/inventory/movements`, `/inventory/low-stock`, `/skus/{code}/stock`.
@Suite struct InventoryRouteTests {
    @Test(arguments: StoreKind.allCases) func createsAndListsWarehousesByPriority(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let initial = try await client.list("/api/v1/warehouses", as: shop.key(.viewer))
            #expect(initial.items.map { $0["code"] as? String } == ["main"])
            #expect(initial.items.first?["priority"] as? Int == 0)
            let east = try await client.call(.post, "/api/v1/warehouses", as: shop.key(.operator), json: #"{"code":"east","name":" East ","priority":5}"#)
            #expect(east.status == .created, "\(east.json)")
            #expect((east.json["id"] as? String)?.hasPrefix("wh_") == true)
            #expect(east.json["name"] as? String == "East")
            #expect(east.json["priority"] as? Int == 5)
            let west = try await client.call(.post, "/api/v1/warehouses", as: shop.admin, json: #"{"code":"west","name":"West"}"#)
            #expect(west.json["priority"] as? Int == 100)
            let all = try await client.list("/api/v1/warehouses", as: shop.admin)
            #expect(all.items.map { $0["code"] as? String } == ["main", "east", "west"])
        }
    }

    @Test(arguments: [
        (#"{"code":"main","name":"Again"}"#, 409, "duplicate", "code"),
        (#"{"name":"No code"}"#, 422, "required", "code"),
        (#"{"code":"x"}"#, 422, "required", "name"),
        (#"{"code":"a b","name":"Spaces"}"#, 422, "invalid_sku_code", "code"),
        (#"{"code":"x","name":" "}"#, 422, "required", "name"),
        (#"{"code":"x","name":"X","priority":"high"}"#, 400, "invalid_type", "priority"),
        (#"{"code":"x","#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadWarehouses(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let shop = try await TestShop.make()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/warehouses", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            #expect(try await client.list("/api/v1/warehouses", as: shop.admin).items.count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func adjustmentsMoveOnHandAndAreRecorded(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "K-1")
        try await shop.test { client async throws in
            let receipt = try await client.call(
                .post, "/api/v1/inventory/adjustments", as: shop.admin, json: #"{"sku":"K-1","delta":10,"reason":"receipt","note":"PO-7"}"#)
            #expect(receipt.status == .created, "\(receipt.json)")
            #expect((receipt.json[path: "movement.id"] as? String)?.hasPrefix("mov_") == true)
            #expect(receipt.json[path: "movement.reason"] as? String == "receipt")
            #expect(receipt.json[path: "movement.on_hand_delta"] as? Int == 10)
            #expect(receipt.json[path: "movement.held_delta"] as? Int == 0)
            #expect(receipt.json[path: "movement.warehouse_id"] as? String == "wh_1")
            #expect(receipt.json[path: "movement.note"] as? String == "PO-7")
            #expect(receipt.json[path: "movement.created_at"] as? String == "2026-05-28T20:26:40.000Z")
            #expect(receipt.json[path: "stock.on_hand"] as? Int == 10)
            #expect(receipt.json[path: "stock.available"] as? Int == 10)
            #expect(receipt.json[path: "stock.warehouses.0.warehouse"] as? String == "main")

            let damage = try await client.call(.post, "/api/v1/inventory/adjustments", as: shop.admin, json: #"{"sku":"K-1","delta":-3,"reason":"damage"}"#)
            #expect(damage.status == .created)
            #expect(damage.json[path: "stock.on_hand"] as? Int == 7)
            let count = try await client.call(.post, "/api/v1/inventory/adjustments", as: shop.admin, json: #"{"sku":"K-1","delta":-2,"reason":"count_correction"}"#)
            #expect(count.status == .created)
            #expect(try await client.stock("K-1", as: shop.key(.viewer)) == StockCounters(onHand: 5, held: 0, allocated: 0, available: 5))

            let ledger = try await client.list("/api/v1/inventory/movements?sku=K-1", as: shop.key(.viewer))
            #expect(ledger.items.map { $0["reason"] as? String } == ["count_correction", "damage", "receipt"])
            #expect(ledger.items.map { $0["on_hand_delta"] as? Int } == [-2, -3, 10])
        }
    }

    @Test(arguments: [
        (#"{"sku":"K-1","delta":-1,"reason":"receipt"}"#, 422, "invalid_quantity", "delta"),
        (#"{"sku":"K-1","delta":2,"reason":"damage"}"#, 422, "invalid_quantity", "delta"),
        (#"{"sku":"K-1","delta":0,"reason":"count_correction"}"#, 422, "invalid_quantity", "delta"),
        (#"{"sku":"K-1","delta":2000000,"reason":"receipt"}"#, 422, "invalid_quantity", "delta"),
        (#"{"sku":"K-1","delta":1,"reason":"hold"}"#, 422, "invalid_reason", "reason"),
        (#"{"sku":"K-1","delta":1,"reason":"theft"}"#, 422, "invalid_reason", "reason"),
        (#"{"sku":"NOPE","delta":1,"reason":"receipt"}"#, 422, "unknown_sku", "sku"),
        (#"{"sku":"K-1","warehouse":"moon","delta":1,"reason":"receipt"}"#, 422, "unknown_warehouse", "warehouse"),
        (#"{"sku":"K-1","reason":"receipt"}"#, 422, "required", "delta"),
        (#"{"delta":1,"reason":"receipt"}"#, 422, "required", "sku"),
        (#"{"sku":"K-1","delta":"5","reason":"receipt"}"#, 400, "invalid_type", "delta"),
        (#"{"sku":"K-1","delta":2.5,"reason":"receipt"}"#, 400, "invalid_type", "delta"),
        (#"{"sku":"K-1","delta":-9,"reason":"count_correction"}"#, 409, "insufficient_stock", "delta"),
        (#"{"sku":"K-1","delta":-4,"reason":"damage"}"#, 409, "insufficient_stock", "delta"),
        (#"{"sku":"K-1","delta":1,"reason":"receipt","note":"\#(String(repeating: "n", count: 501))"}"#, 422, "invalid_value", "note"),
        (#"{"sku":"K-1","delta":1,"#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadAdjustmentsWithoutWriting(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let shop = try await TestShop.make()
        try await shop.product(code: "K-1", stock: 8)
        try await shop.test { client async throws in
            // 3 held by an unpaid order, 2 allocated to a paid one: 3 available, on hand may not drop below 5.
            _ = try await client.placeOrder(shop.admin, sku: "K-1", quantity: 3)
            let paid = try await client.placeOrder(shop.admin, sku: "K-1", quantity: 2)
            try await client.payOrder(shop.admin, paid, amount: 2000)
            let before = try await client.stock("K-1", as: shop.admin)
            #expect(before == StockCounters(onHand: 8, held: 3, allocated: 2, available: 3))
            let movements = try await shop.movementCount()

            let answer = try await client.call(.post, "/api/v1/inventory/adjustments", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            #expect(try await client.stock("K-1", as: shop.admin) == before)
            #expect(try await shop.movementCount() == movements)
        }
    }

    @Test(arguments: StoreKind.allCases) func aNegativeAdjustmentMayTakeExactlyWhatIsAvailable(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "K-1", stock: 5)
        try await shop.test { client async throws in
            _ = try await client.placeOrder(shop.admin, sku: "K-1", quantity: 3)
            let damage = try await client.call(.post, "/api/v1/inventory/adjustments", as: shop.admin, json: #"{"sku":"K-1","delta":-2,"reason":"damage"}"#)
            #expect(damage.status == .created)
            #expect(try await client.stock("K-1", as: shop.admin) == StockCounters(onHand: 3, held: 3, allocated: 0, available: 0))
            let more = try await client.call(.post, "/api/v1/inventory/adjustments", as: shop.admin, json: #"{"sku":"K-1","delta":-1,"reason":"damage"}"#)
            #expect(more.status == .conflict)
            #expect(more.json.errorCode == "insufficient_stock")
        }
    }

    @Test(arguments: StoreKind.allCases) func holdsDrawFromWarehousesInPriorityOrder(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "W-1", price: 100, stock: 1)
        try await shop.test { client async throws in
            _ = try await client.call(.post, "/api/v1/warehouses", as: shop.admin, json: #"{"code":"east","name":"East","priority":5}"#)
            let receipt = try await client.call(
                .post, "/api/v1/inventory/adjustments", as: shop.admin, json: #"{"sku":"W-1","warehouse":"east","delta":2,"reason":"receipt"}"#)
            #expect(receipt.json[path: "movement.warehouse_id"] as? String == "wh_2")
            _ = try await client.placeOrder(shop.admin, sku: "W-1", quantity: 3)
            let stock = try await client.call(.get, "/api/v1/skus/W-1/stock", as: shop.admin)
            #expect(stock.json["held"] as? Int == 3)
            #expect(stock.json["available"] as? Int == 0)
            let warehouses = stock.json["warehouses"] as? [[String: Any]] ?? []
            #expect(warehouses.map { $0["warehouse"] as? String } == ["main", "east"])
            #expect(warehouses.map { $0["held"] as? Int } == [1, 2])
            #expect(warehouses.map { $0["on_hand"] as? Int } == [1, 2])
        }
    }

    @Test(arguments: StoreKind.allCases) func lowStockFlagFollowsTheThreshold(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "L-1", price: 100, stock: 5, threshold: 3)
        try await shop.product(code: "L-0", price: 100, stock: 0)
        try await shop.test { client async throws in
            let fresh = try await client.call(.get, "/api/v1/skus/L-1/stock", as: shop.admin)
            #expect(fresh.json["low_stock"] as? Bool == false)
            #expect(fresh.json["low_stock_threshold"] as? Int == 3)
            #expect(try await client.list("/api/v1/inventory/low-stock", as: shop.admin).items.isEmpty)

            _ = try await client.placeOrder(shop.admin, sku: "L-1", quantity: 2)
            let low = try await client.call(.get, "/api/v1/skus/L-1/stock", as: shop.admin)
            #expect(low.json["available"] as? Int == 3)
            #expect(low.json["low_stock"] as? Bool == true)
            let listed = try await client.list("/api/v1/inventory/low-stock", as: shop.key(.viewer))
            #expect(listed.items.count == 1)
            #expect(listed.items.first?["sku"] as? String == "L-1")
            #expect(listed.items.first?["threshold"] as? Int == 3)
            #expect(listed.items.first?[path: "level.available"] as? Int == 3)
            #expect(listed.items.first?[path: "level.held"] as? Int == 2)
            // A SKU without a threshold is never low, even at zero.
            #expect(try await client.call(.get, "/api/v1/skus/L-0/stock", as: shop.admin).json["low_stock"] as? Bool == false)

            // Raising stock above the threshold clears the flag.
            _ = try await client.call(.post, "/api/v1/inventory/adjustments", as: shop.admin, json: #"{"sku":"L-1","delta":1,"reason":"receipt"}"#)
            #expect(try await client.call(.get, "/api/v1/skus/L-1/stock", as: shop.admin).json["low_stock"] as? Bool == false)
            #expect(try await client.list("/api/v1/inventory/low-stock", as: shop.admin).items.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func movementsAreALedgerNewestFirstInPages(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "G-1", price: 100, stock: 4)
        try await shop.product(code: "G-2", price: 100, stock: 1)
        try await shop.test { client async throws in
            let id = try await client.placeOrder(shop.admin, sku: "G-1", quantity: 2)
            try await client.payOrder(shop.admin, id, amount: 200)
            _ = try await client.call(.post, "/api/v1/orders/\(id)/ship", as: shop.admin, json: #"{"carrier":"SF","tracking_number":"SF1"}"#)

            let ledger = try await client.list("/api/v1/inventory/movements?sku=G-1", as: shop.admin)
            #expect(ledger.items.map { $0["reason"] as? String } == ["sale", "allocation", "hold", "receipt"])
            #expect(ledger.items.map { $0["order_id"] as? String } == [id, id, id, nil])
            #expect(ledger.items.map { $0["held_delta"] as? Int } == [0, -2, 2, 0])
            #expect(ledger.items.map { $0["allocated_delta"] as? Int } == [-2, 2, 0, 0])
            #expect(ledger.items.map { $0["on_hand_delta"] as? Int } == [-2, 0, 0, 4])

            let all = try await client.list("/api/v1/inventory/movements", as: shop.admin)
            #expect(all.items.count == 5)
            let first = try await client.list("/api/v1/inventory/movements?limit=2", as: shop.admin)
            #expect(first.items.count == 2)
            #expect(first.hasMore == true)
            let after = try #require(first.items.last?["id"] as? String)
            let rest = try await client.list("/api/v1/inventory/movements?limit=3&starting_after=\(after)", as: shop.admin)
            #expect(rest.items.map { $0["id"] as? String } == all.items.suffix(3).map { $0["id"] as? String })
            #expect(rest.hasMore == false)

            for (query, code, field) in [("sku=NOPE", "unknown_sku", "sku"), ("limit=0", "invalid_value", "limit"), ("starting_after=5", "invalid_id", "starting_after")] {
                let bad = try await client.call(.get, "/api/v1/inventory/movements?\(query)", as: shop.admin)
                #expect(bad.status == .unprocessableContent, "\(query)")
                #expect(bad.json.errorCode == code)
                #expect(bad.json.errorField == field)
            }
            #expect(try await client.call(.get, "/api/v1/skus/NOPE/stock", as: shop.admin).status == .notFound)
        }
    }
}
