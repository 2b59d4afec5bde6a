import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Testing
@testable import WebServer

/// pay → ship → deliver → complete, cancel, and the transitions that are refused.
@Suite struct OrderLifecycleRouteTests {
    static let shipBody = #"{"carrier":"SF Express","tracking_number":"SF123"}"#

    /// One SKU "A-1" at 1999 with 10 in stock, and a pending order for `quantity` (default 3, total 5997).
    static func pendingOrder(quantity: Int64 = 3) async throws -> (TestShop, String) {
        let shop = try await TestShop.make()
        try await shop.product(code: "A-1", price: 1999, stock: 10)
        let order = try await shop.yunying.orders.place(shop.shop, .init(lines: [.init(sku: "A-1", quantity: quantity)]))
        return (shop, "ord_\(order.id)")
    }

    @Test func walksTheWholeLifecycleWithStockAtEachStep() async throws {
        let (shop, id) = try await Self.pendingOrder()
        let service = shop.key(.service)
        try await shop.test { client async throws in
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 3, allocated: 0, available: 7))

            shop.time.advance(seconds: 60)
            let paid = try await client.call(.post, "/api/v1/orders/\(id)/pay", as: service, json: #"{"amount":5997}"#)
            #expect(paid.status == .ok, "\(paid.json)")
            #expect(paid.json["status"] as? String == "paid")
            #expect(paid.json["hold_expires_at"] == nil)
            #expect(paid.json["updated_at"] as? String == "2026-05-28T20:27:40.000Z")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 3, available: 7))
            let payments = try await client.call(.get, "/api/v1/orders/\(id)/payments", as: shop.key(.viewer))
            #expect(payments.status == .ok)
            #expect((payments.json["payments"] as? [Any])?.count == 1)
            #expect(payments.json[path: "payments.0.status"] as? String == "succeeded")
            #expect(payments.json[path: "payments.0.source"] as? String == "api")
            #expect(payments.json[path: "payments.0.order_id"] as? String == id)
            #expect(payments.json[path: "payments.0.amount.amount"] as? Int == 5997)
            #expect((payments.json[path: "payments.0.id"] as? String)?.hasPrefix("pay_") == true)
            #expect((payments.json["refunds"] as? [Any])?.isEmpty == true)

            let shipped = try await client.call(.post, "/api/v1/orders/\(id)/ship", as: service, json: #"{"carrier":" SF Express ","tracking_number":"SF123"}"#)
            #expect(shipped.status == .ok, "\(shipped.json)")
            #expect(shipped.json["status"] as? String == "shipped")
            #expect(shipped.json[path: "shipment.carrier"] as? String == "SF Express")
            #expect(shipped.json[path: "shipment.tracking_number"] as? String == "SF123")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 7, held: 0, allocated: 0, available: 7))

            let delivered = try await client.call(.post, "/api/v1/orders/\(id)/deliver", as: service)
            #expect(delivered.status == .ok)
            #expect(delivered.json["status"] as? String == "delivered")
            let completed = try await client.call(.post, "/api/v1/orders/\(id)/complete", as: service)
            #expect(completed.status == .ok)
            #expect(completed.json["status"] as? String == "completed")
            #expect(completed.json[path: "shipment.tracking_number"] as? String == "SF123")

            let fetched = try await client.call(.get, "/api/v1/orders/\(id)", as: shop.admin)
            #expect(fetched.json["status"] as? String == "completed")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 7, held: 0, allocated: 0, available: 7))
        }
    }

    @Test func paysWithAMoneyObject() async throws {
        let (shop, id) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            let paid = try await client.call(.post, "/api/v1/orders/\(id)/pay", as: shop.admin, json: #"{"amount":{"amount":5997,"currency":"CNY"}}"#)
            #expect(paid.status == .ok)
            #expect(paid.json["status"] as? String == "paid")
        }
    }

    @Test(arguments: [
        (#"{"amount":5996}"#, 422, "amount_mismatch", "amount"),
        (#"{"amount":{"amount":59970,"currency":"CNY"}}"#, 422, "amount_mismatch", "amount"),
        (#"{"amount":{"amount":5997,"currency":"USD"}}"#, 422, "currency_mismatch", "amount.currency"),
        (#"{"amount":{"amount":5997,"currency":"cny"}}"#, 400, "invalid_value", "amount.currency"),
        (#"{"amount":-5997}"#, 422, "invalid_amount", "amount.amount"),
        (#"{"amount":"5997"}"#, 400, "invalid_type", "amount"),
        (#"{"amount":{"currency":"CNY"}}"#, 422, "required", "amount.amount"),
        (#"{}"#, 422, "required", "amount"),
        (#"{"amount":5997"#, 400, "invalid_json", nil),
        (#""#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadPaymentsWithoutWriting(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let (shop, id) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/orders/\(id)/pay", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            #expect(try await client.call(.get, "/api/v1/orders/\(id)", as: shop.admin).json["status"] as? String == "pending_payment")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 3, allocated: 0, available: 7))
            #expect((try await client.call(.get, "/api/v1/orders/\(id)/payments", as: shop.admin).json["payments"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func payingTwiceIsRefusedAndChargesOnce() async throws {
        let (shop, id) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            try await client.payOrder(shop.admin, id, amount: 5997)
            let again = try await client.call(.post, "/api/v1/orders/\(id)/pay", as: shop.admin, json: #"{"amount":5997}"#)
            #expect(again.status == .conflict)
            #expect(again.json.errorCode == "invalid_transition")
            #expect((try await client.call(.get, "/api/v1/orders/\(id)/payments", as: shop.admin).json["payments"] as? [Any])?.count == 1)
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 3, available: 7))
        }
    }

    @Test func shippingAnUnpaidOrderIsRefused() async throws {
        let (shop, id) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/orders/\(id)/ship", as: shop.admin, json: Self.shipBody)
            #expect(answer.status == .conflict)
            #expect(answer.json.errorCode == "invalid_transition")
            let order = try await client.call(.get, "/api/v1/orders/\(id)", as: shop.admin)
            #expect(order.json["status"] as? String == "pending_payment")
            #expect(order.json["shipment"] == nil)
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 3, allocated: 0, available: 7))
            for action in ["deliver", "complete"] {
                let refused = try await client.call(.post, "/api/v1/orders/\(id)/\(action)", as: shop.admin)
                #expect(refused.status == .conflict, "\(action)")
                #expect(refused.json.errorCode == "invalid_transition")
            }
        }
    }

    @Test(arguments: [
        (#"{"carrier":"SF"}"#, 422, "required", "tracking_number"),
        (#"{"tracking_number":"1"}"#, 422, "required", "carrier"),
        (#"{"carrier":"  ","tracking_number":"1"}"#, 422, "required", "carrier"),
        (#"{"carrier":"SF","tracking_number":""}"#, 422, "required", "tracking_number"),
        (#"{"carrier":"SF","tracking_number":123}"#, 400, "invalid_type", "tracking_number"),
        (#"{"carrier":"SF","#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func rejectsBadShipmentsWithoutWriting(_ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let (shop, id) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            try await client.payOrder(shop.admin, id, amount: 5997)
            let answer = try await client.call(.post, "/api/v1/orders/\(id)/ship", as: shop.admin, json: body)
            #expect(answer.status.code == status, "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code)
            #expect(answer.json.errorField == field)
            #expect(try await client.call(.get, "/api/v1/orders/\(id)", as: shop.admin).json["status"] as? String == "paid")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 3, available: 7))
        }
    }

    @Test func cancellingAPendingOrderReleasesItsHold() async throws {
        let (shop, id) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            let cancelled = try await client.call(.post, "/api/v1/orders/\(id)/cancel", as: shop.key(.service))
            #expect(cancelled.status == .ok)
            #expect(cancelled.json["status"] as? String == "cancelled")
            #expect(cancelled.json["cancel_reason"] as? String == "requested")
            #expect(cancelled.json["hold_expires_at"] == nil)
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 0, available: 10))
            let ledger = try await client.list("/api/v1/inventory/movements?sku=A-1&limit=1", as: shop.admin)
            #expect(ledger.items.first?["reason"] as? String == "release")
            #expect(ledger.items.first?["held_delta"] as? Int == -3)
            #expect(ledger.items.first?["order_id"] as? String == id)
            // Nothing more can happen to it, and the stock is not released twice.
            for (action, body) in [("cancel", nil), ("pay", #"{"amount":5997}"#), ("ship", Self.shipBody), ("deliver", nil), ("complete", nil)] {
                let refused = try await client.call(.post, "/api/v1/orders/\(id)/\(action)", as: shop.admin, json: body)
                #expect(refused.status == .conflict, "\(action)")
                #expect(refused.json.errorCode == "invalid_transition", "\(action)")
            }
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 0, available: 10))
            #expect((try await client.call(.get, "/api/v1/orders/\(id)/payments", as: shop.admin).json["payments"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func cancellingAPaidOrderReleasesItsAllocationAndRefunds() async throws {
        let (shop, id) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            try await client.payOrder(shop.admin, id, amount: 5997)
            shop.time.advance(seconds: 3600)
            let cancelled = try await client.call(.post, "/api/v1/orders/\(id)/cancel", as: shop.admin)
            #expect(cancelled.status == .ok)
            #expect(cancelled.json["status"] as? String == "cancelled")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 0, available: 10))
            let payments = try await client.call(.get, "/api/v1/orders/\(id)/payments", as: shop.admin)
            #expect(payments.json[path: "payments.0.status"] as? String == "refunded")
            let refunds = payments.json["refunds"] as? [[String: Any]] ?? []
            #expect(refunds.count == 1)
            #expect((refunds.first?["id"] as? String)?.hasPrefix("re_") == true)
            #expect(refunds.first?[path: "amount.amount"] as? Int == 5997)
            #expect(refunds.first?[path: "amount.currency"] as? String == "CNY")
            #expect(refunds.first?["reason"] as? String == "order_cancelled")
            #expect(refunds.first?["created_at"] as? String == "2026-05-28T21:26:40.000Z")
        }
    }

    @Test(arguments: ["shipped", "delivered", "completed"])
    func cancellingAfterShippingIsRefused(_ stage: String) async throws {
        let (shop, id) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            try await client.payOrder(shop.admin, id, amount: 5997)
            let steps = ["shipped": ["ship"], "delivered": ["ship", "deliver"], "completed": ["ship", "deliver", "complete"]][stage]!
            for step in steps {
                #expect(try await client.call(.post, "/api/v1/orders/\(id)/\(step)", as: shop.admin, json: step == "ship" ? Self.shipBody : nil).status == .ok)
            }
            let before = try await client.stock("A-1", as: shop.admin)
            let answer = try await client.call(.post, "/api/v1/orders/\(id)/cancel", as: shop.admin)
            #expect(answer.status == .conflict)
            #expect(answer.json.errorCode == "invalid_transition")
            #expect(answer.json.errorMessage?.contains(stage) == true)
            #expect(try await client.call(.get, "/api/v1/orders/\(id)", as: shop.admin).json["status"] as? String == stage)
            #expect(try await client.stock("A-1", as: shop.admin) == before)
            #expect((try await client.call(.get, "/api/v1/orders/\(id)/payments", as: shop.admin).json["refunds"] as? [Any])?.isEmpty == true)
            // Repeating a step is refused too, and skipping one.
            if stage == "shipped" {
                #expect(try await client.call(.post, "/api/v1/orders/\(id)/complete", as: shop.admin).status == .conflict)
            }
            for action in steps {
                let refused = try await client.call(.post, "/api/v1/orders/\(id)/\(action)", as: shop.admin, json: Self.shipBody)
                #expect(refused.status == .conflict, "\(action) when \(stage)")
            }
        }
    }

    @Test func actionsOnUnknownOrdersAre404() async throws {
        let (shop, _) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            for (action, body) in [("pay", #"{"amount":1}"#), ("cancel", nil), ("ship", Self.shipBody), ("deliver", nil), ("complete", nil)] {
                for id in ["ord_999", "nope"] {
                    let answer = try await client.call(.post, "/api/v1/orders/\(id)/\(action)", as: shop.admin, json: body)
                    #expect(answer.status == .notFound, "\(action) \(id)")
                    #expect(answer.json.errorCode == "not_found")
                }
            }
        }
    }

    @Test func anExpiredHoldCancelsTheOrderAndReleasesStock() async throws {
        let (shop, id) = try await Self.pendingOrder()
        try await shop.test { client async throws in
            shop.time.advance(seconds: 29 * 60)
            #expect(try await shop.yunying.orders.expireHolds() == 0)
            shop.time.advance(seconds: 60)
            #expect(try await shop.yunying.orders.expireHolds() == 1)
            let order = try await client.call(.get, "/api/v1/orders/\(id)", as: shop.admin)
            #expect(order.json["status"] as? String == "cancelled")
            #expect(order.json["cancel_reason"] as? String == "payment_timeout")
            #expect(try await client.stock("A-1", as: shop.admin) == StockCounters(onHand: 10, held: 0, allocated: 0, available: 10))
            let late = try await client.call(.post, "/api/v1/orders/\(id)/pay", as: shop.admin, json: #"{"amount":5997}"#)
            #expect(late.status == .conflict)
            #expect(late.json.errorCode == "invalid_transition")
        }
    }
}
