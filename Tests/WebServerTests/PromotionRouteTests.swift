import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import StoreTesting
@testable import WebServer

/// `POST/GET /promotions`, `GET/PATCH /promotions/{id}`, `GET /promotions/calendar`.
@Suite struct PromotionRouteTests {
    static let thresholdBody = promotionJSON(
        "threshold_reduction", #""scope":{"all":true},"tiers":[{"threshold":20000,"reduction":2000}],"budget":100000,"max_uses":10"#,
        name: "满200减20")

    @Test(arguments: StoreKind.allCases) func createsAThresholdReductionAndReadsItBack(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let created = try await client.created("/api/v1/promotions", Self.thresholdBody, as: shop.key(.operator))
            let id = try #require(created["id"] as? String)
            #expect(id.hasPrefix("promo_"))
            #expect(created["name"] as? String == "满200减20")
            #expect(created["type"] as? String == "threshold_reduction")
            #expect(created["class"] as? String == "order")
            #expect(created["status"] as? String == "active")
            #expect(created["starts_at"] as? String == "2026-01-01T00:00:00.000Z")
            #expect(created["ends_at"] as? String == "2027-01-01T00:00:00.000Z")
            #expect(created["priority"] as? Int == 0)
            #expect(created["exclusive"] as? Bool == false)
            #expect(created[path: "scope.all"] as? Bool == true)
            #expect(created.int("tiers.0.threshold") == 20000)
            #expect(created.int("tiers.0.reduction") == 2000)
            #expect(created.int("budget.amount") == 100000)
            #expect(created.string("budget.currency") == "CNY")
            #expect(created["max_uses"] as? Int == 10)
            #expect(created.int("used.budget.amount") == 0)
            #expect(created.int("used.uses") == 0)
            #expect(created["flash_remaining"] == nil)
            #expect(created["created_at"] as? String == "2026-05-28T20:26:40.000Z")

            let fetched = try await client.promotionObject(id, as: shop.key(.viewer))
            #expect(NSDictionary(dictionary: fetched) == NSDictionary(dictionary: created))
            let listed = try await client.list("/api/v1/promotions", as: shop.key(.viewer))
            #expect(listed.items.map { $0["id"] as? String } == [id])
            #expect(try await client.list("/api/v1/promotions?type=percent_off", as: shop.admin).items.isEmpty)
            #expect(try await client.list("/api/v1/promotions?type=threshold_reduction", as: shop.admin).items.count == 1)
            let badType = try await client.call(.get, "/api/v1/promotions?type=nope", as: shop.admin)
            #expect(badType.status == .unprocessableContent)
            #expect(badType.json.errorField == "type")
        }
    }

    @Test(arguments: StoreKind.allCases) func skuCodesAndCategoriesRoundTripOnTheWire(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let category = try await shop.yunying.catalog.createCategory(shop.shop, .init(name: "Tea"))
        try await shop.test { client async throws in
            let percent = try await client.created(
                "/api/v1/promotions", promotionJSON("percent_off", #""scope":{"skus":["TEA"]},"percent_off":10"#), as: shop.admin)
            #expect(percent[path: "scope.skus"] as? [String] == ["TEA"])
            #expect(percent["percent_off"] as? Int == 10)
            #expect(percent["class"] as? String == "product")
            let special = try await client.created(
                "/api/v1/promotions", promotionJSON("special_price", #""prices":[{"sku":"CUP","price":3900}]"#), as: shop.admin)
            #expect(special.string("prices.0.sku") == "CUP")
            #expect(special.int("prices.0.price") == 3900)
            let bundle = try await client.created(
                "/api/v1/promotions",
                promotionJSON("bundle", #""items":[{"sku":"TEA","quantity":1},{"sku":"CUP","quantity":2}],"price":15000"#), as: shop.admin)
            #expect(bundle.string("items.1.sku") == "CUP")
            let byCategory = try await client.created(
                "/api/v1/promotions", promotionJSON("percent_off", #""scope":{"categories":["cat_\#(category.id)"]},"percent_off":12.5"#),
                as: shop.admin)
            #expect(byCategory[path: "scope.categories"] as? [String] == ["cat_\(category.id)"])
            #expect(byCategory["percent_off"] as? Double == 12.5)
            let flash = try await client.created(
                "/api/v1/promotions", promotionJSON("flash_sale", #""sku":"CUP","price":1000,"stock":2,"per_customer_limit":1"#), as: shop.admin)
            #expect(flash["sku"] as? String == "CUP")
            #expect(flash["hold_minutes"] as? Int == 10)
            #expect(flash["flash_remaining"] as? Int == 2)
            #expect(flash["sold_out"] as? Bool == false)
            #expect(flash.int("used.flash_sold") == 0)
        }
    }

    /// Bad definitions: 422 with the code and the wire field, and nothing written.
    @Test(arguments: [
        (promotionJSON("threshold_reduction", #""scope":{"all":true},"tiers":[{"threshold":0,"reduction":0}]"#), "invalid_amount", "tiers[0].threshold"),
        (promotionJSON("threshold_reduction", #""scope":{"all":true},"tiers":[{"threshold":-100,"reduction":10}]"#), "invalid_amount", "tiers[0].threshold"),
        (promotionJSON("threshold_reduction", #""scope":{"all":true},"tiers":[{"threshold":20000,"reduction":2000},{"threshold":20000,"reduction":3000}]"#),
         "not_increasing", "tiers[1].threshold"),
        (promotionJSON("threshold_reduction", #""scope":{"all":true},"tiers":[{"threshold":20000,"reduction":2000},{"threshold":30000,"reduction":1000}]"#),
         "not_increasing", "tiers[1].reduction"),
        (promotionJSON("threshold_reduction", #""scope":{"all":true}"#), "invalid_value", "tiers"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":0"#), "invalid_percent", "percent_off"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":100"#), "invalid_percent", "percent_off"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":-5"#), "invalid_percent", "percent_off"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10.125"#), "invalid_value", "percent_off"),
        (promotionJSON("percent_off", #""scope":{},"percent_off":10"#), "required", "scope"),
        (promotionJSON("percent_off", #""scope":{"skus":["TEA","NOPE"]},"percent_off":10"#), "unknown_sku", "scope.skus[1]"),
        (promotionJSON("percent_off", #""scope":{"categories":["cat_999"]},"percent_off":10"#), "unknown_category", "scope.categories[0]"),
        (promotionJSON("special_price", #""prices":[{"sku":"TEA","price":9000},{"sku":"NOPE","price":100}]"#), "unknown_sku", "prices[1].sku"),
        (promotionJSON("special_price", #""prices":[{"sku":"TEA","price":0}]"#), "invalid_amount", "prices[0].price"),
        (promotionJSON("bundle", #""items":[{"sku":"TEA","quantity":1},{"sku":"NOPE","quantity":1}],"price":9000"#), "unknown_sku", "items[1].sku"),
        (promotionJSON("bundle", #""items":[{"sku":"TEA","quantity":1},{"sku":"TEA","quantity":1}],"price":9000"#), "duplicate", "items[1].sku"),
        (promotionJSON("flash_sale", #""sku":"NOPE","price":100,"stock":1,"per_customer_limit":1"#), "unknown_sku", "sku"),
        (promotionJSON("flash_sale", #""sku":"TEA","price":100,"stock":0,"per_customer_limit":1"#), "invalid_quantity", "stock"),
        (promotionJSON("flash_sale", #""sku":"TEA","price":100,"stock":1"#), "required", "per_customer_limit"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10"#, starts: "2026-06-01", ends: "2026-06-01"), "invalid_window", "ends_at"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10"#, starts: "2026-06-02", ends: "2026-06-01"), "invalid_window", "ends_at"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10"#, starts: "tomorrow"), "invalid_time", "starts_at"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10"#, ends: "2026-02-30"), "invalid_time", "ends_at"),
        (#"{"name":"P","type":"percent_off","starts_at":"2026-01-01","scope":{"all":true},"percent_off":10}"#, "required", "ends_at"),
        (promotionJSON("mystery_box", #""scope":{"all":true}"#), "invalid_type_name", "type"),
        (#"{"name":"P","starts_at":"2026-01-01","ends_at":"2027-01-01"}"#, "required", "type"),
        (#"{"type":"percent_off","starts_at":"2026-01-01","ends_at":"2027-01-01","scope":{"all":true},"percent_off":10}"#, "required", "name"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10,"budget":0"#), "invalid_value", "budget"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10,"max_uses":-1"#), "invalid_value", "max_uses"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10,"status":"paused""#), "invalid_value", "status"),
        (promotionJSON("percent_off", #""scope":{"sku_ids":[1]},"percent_off":10"#), "invalid_value", "scope.sku_ids"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10,"exclusive":1"#), "invalid_type", "exclusive"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10,"priority":true"#), "invalid_type", "priority"),
        (promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10,"max_uses":1.5"#), "invalid_type", "max_uses"),
        (promotionJSON("threshold_reduction", #""scope":{"all":true},"tiers":"many""#), "invalid_type", "tiers"),
        (promotionJSON("percent_off", #""scope":{"skus":"TEA"},"percent_off":10"#), "invalid_type", "scope.skus"),
        (#"{"name":5,"type":"percent_off","starts_at":"2026-01-01","ends_at":"2027-01-01","scope":{"all":true},"percent_off":10}"#, "invalid_type", "name"),
    ])
    func rejectsBadPromotionsWithoutWriting(_ body: String, _ code: String, _ field: String) async throws {
        let shop = try await TestShop.teaShop()
        try await shop.test { client async throws in
            let answer = try await client.call(.post, "/api/v1/promotions", as: shop.admin, json: body)
            // A value of the wrong JSON type is malformed (400), as on every route; the rest is 422.
            #expect(answer.status == (code == "invalid_type" ? .badRequest : .unprocessableContent), "\(body): \(answer.json)")
            #expect(answer.json.errorCode == code, "\(body): \(answer.json)")
            #expect(answer.json.errorField == field, "\(body): \(answer.json)")
            #expect(try await client.list("/api/v1/promotions", as: shop.admin).items.isEmpty)
        }
    }

    /// JSON 0 and 1 are numbers (Foundation also reads them as Bool), true and false are not.
    @Test(arguments: StoreKind.allCases) func zeroAndOneAreNumbersNotBooleans(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let created = try await client.created(
                "/api/v1/promotions",
                promotionJSON("percent_off", #""scope":{"all":true},"percent_off":1,"priority":1,"max_uses":1,"budget":1,"exclusive":true"#),
                as: shop.admin)
            #expect(created["priority"] as? Int == 1)
            #expect(created["max_uses"] as? Int == 1)
            #expect(created.int("budget.amount") == 1)
            #expect(created["exclusive"] as? Bool == true)
            #expect(created["percent_off"] as? Int == 1)
            let zero = try await client.created(
                "/api/v1/promotions", promotionJSON("percent_off", #""scope":{"all":true},"percent_off":5,"priority":0"#), as: shop.admin)
            #expect(zero["priority"] as? Int == 0)
            let coupon = try await client.created(
                "/api/v1/coupons", #"{"name":"One","discount":{"type":"fixed","amount":1},"per_customer_limit":1,"total_limit":1,"valid_days":1}"#,
                as: shop.admin)
            #expect(coupon["total_limit"] as? Int == 1)
            #expect(coupon["valid_days"] as? Int == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func flashSalesOfOneSKUMayNotOverlap(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        @Sendable func flash(_ sku: String, _ starts: String, _ ends: String, status: String = "active") -> String {
            promotionJSON("flash_sale", #""sku":"\#(sku)","price":1000,"stock":5,"per_customer_limit":1,"status":"\#(status)""#, starts: starts, ends: ends)
        }
        try await shop.test { client async throws in
            _ = try await client.promotion(flash("CUP", "2026-06-01", "2026-06-10"), as: shop.admin)
            for (starts, ends) in [("2026-06-09", "2026-06-20"), ("2026-05-01", "2026-06-02"), ("2026-06-03", "2026-06-04"), ("2026-05-01", "2026-07-01")] {
                let answer = try await client.call(.post, "/api/v1/promotions", as: shop.admin, json: flash("CUP", starts, ends))
                #expect(answer.status == .unprocessableContent, "\(starts)…\(ends): \(answer.json)")
                #expect(answer.json.errorCode == "overlapping_flash_sale")
                #expect(answer.json.errorField == "sku")
            }
            #expect(try await client.list("/api/v1/promotions", as: shop.admin).items.count == 1)
            // Back to back, another SKU, or switched off: allowed.
            _ = try await client.promotion(flash("CUP", "2026-06-10", "2026-06-20"), as: shop.admin)
            _ = try await client.promotion(flash("TEA", "2026-06-01", "2026-06-10"), as: shop.admin)
            let disabled = try await client.promotion(flash("CUP", "2026-06-05", "2026-06-06", status: "disabled"), as: shop.admin)
            // Switching the disabled one on makes it overlap.
            let on = try await client.call(.patch, "/api/v1/promotions/\(disabled)", as: shop.admin, json: #"{"status":"active"}"#)
            #expect(on.status == .unprocessableContent)
            #expect(on.json.errorCode == "overlapping_flash_sale")
            #expect(try await client.promotionObject(disabled, as: shop.admin)["status"] as? String == "disabled")
        }
    }

    /// PATCH replaces the given fields, keeps what orders used, and refuses a type change.
    @Test(arguments: StoreKind.allCases) func patchKeepsUsageAndRefusesATypeChange(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let id = try await client.promotion(Self.thresholdBody, as: shop.admin)
            let order = try await client.order(orderJSON([("TEA", 2)]), as: shop.admin)
            #expect(order.status == .created, "\(order.json)")
            #expect(order.json.int("discount.amount") == 2000)
            let before = try await client.promotionObject(id, as: shop.admin)
            #expect(before.int("used.budget.amount") == 2000)
            #expect(before.int("used.uses") == 1)

            shop.time.advance(seconds: 60)
            let patched = try await client.call(
                .patch, "/api/v1/promotions/\(id)", as: shop.key(.operator),
                json: #"{"name":"满200减30","tiers":[{"threshold":20000,"reduction":3000}],"used":{"uses":0},"ends_at":"2026-12-01"}"#)
            #expect(patched.status == .ok, "\(patched.json)")
            #expect(patched.json["name"] as? String == "满200减30")
            #expect(patched.json.int("tiers.0.reduction") == 3000)
            #expect(patched.json["ends_at"] as? String == "2026-12-01T00:00:00.000Z")
            #expect(patched.json["starts_at"] as? String == "2026-01-01T00:00:00.000Z")
            #expect(patched.json.int("budget.amount") == 100000)
            #expect(patched.json["max_uses"] as? Int == 10)
            #expect(patched.json.int("used.budget.amount") == 2000)
            #expect(patched.json.int("used.uses") == 1)
            #expect(patched.json["created_at"] as? String == before["created_at"] as? String)
            #expect(patched.json["updated_at"] as? String == "2026-05-28T20:27:40.000Z")
            // The next order gets the new reduction.
            #expect(try await client.order(orderJSON([("TEA", 2)]), as: shop.admin).json.int("discount.amount") == 3000)
            let current = try await client.promotionObject(id, as: shop.admin)
            #expect(current.int("used.budget.amount") == 5000)
            #expect(current.int("used.uses") == 2)

            for (body, code, field) in [
                (#"{"type":"percent_off","percent_off":10}"#, "type_change", "type"),
                (#"{"budget":4000}"#, "invalid_value", "budget"),
                (#"{"max_uses":1}"#, "invalid_value", "max_uses"),
                (#"{"tiers":[{"threshold":20000,"reduction":3000},{"threshold":10000,"reduction":4000}]}"#, "not_increasing", "tiers[1].threshold"),
                (#"{"ends_at":"2025-12-31"}"#, "invalid_window", "ends_at"),
                (#"{"scope":{"skus":["NOPE"]}}"#, "unknown_sku", "scope.skus[0]"),
            ] {
                let answer = try await client.call(.patch, "/api/v1/promotions/\(id)", as: shop.admin, json: body)
                #expect(answer.status == .unprocessableContent, "\(body): \(answer.json)")
                #expect(answer.json.errorCode == code, "\(body): \(answer.json)")
                #expect(answer.json.errorField == field, "\(body): \(answer.json)")
            }
            let after = try await client.promotionObject(id, as: shop.admin)
            #expect(NSDictionary(dictionary: after) == NSDictionary(dictionary: current))
            #expect(try await client.call(.patch, "/api/v1/promotions/promo_999", as: shop.admin, json: #"{"name":"x"}"#).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/promotions/promo_999", as: shop.admin).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/promotions/ord_1", as: shop.admin).status == .notFound)
            let forbidden = try await client.call(.patch, "/api/v1/promotions/\(id)", as: shop.key(.analyst), json: #"{"name":"x"}"#)
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test(arguments: StoreKind.allCases) func aDisabledPromotionStopsApplying(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let id = try await client.promotion(Self.thresholdBody, as: shop.admin)
            #expect(try await client.call(.patch, "/api/v1/promotions/\(id)", as: shop.admin, json: #"{"status":"disabled"}"#).status == .ok)
            let order = try await client.order(orderJSON([("TEA", 2)]), as: shop.admin)
            #expect(order.json.int("discount.amount") == 0)
            #expect(try await client.promotionObject(id, as: shop.admin).int("used.uses") == 0)
        }
    }

    /// The calendar lists promotions overlapping [from, to), by start.
    @Test(arguments: StoreKind.allCases) func calendarFiltersByWindow(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            func percent(_ name: String, _ starts: String, _ ends: String) -> String {
                promotionJSON("percent_off", #""scope":{"all":true},"percent_off":5"#, name: name, starts: starts, ends: ends)
            }
            let late = try await client.promotion(percent("Late", "2026-06-20", "2026-07-01"), as: shop.admin)
            let early = try await client.promotion(percent("Early", "2026-06-01", "2026-06-10"), as: shop.admin)
            let winter = try await client.promotion(percent("Winter", "2026-12-01", "2027-01-01"), as: shop.admin)
            func calendar(_ from: String, _ to: String) async throws -> [String] {
                try await client.list("/api/v1/promotions/calendar?from=\(from)&to=\(to)", as: shop.key(.viewer)).items.compactMap { $0["id"] as? String }
            }
            #expect(try await calendar("2026-06-05", "2026-06-25") == [early, late])
            #expect(try await calendar("2026-06-10", "2026-06-20") == [])
            #expect(try await calendar("2026-06-09T23:59:59Z", "2026-06-20T00:00:01Z") == [early, late])
            #expect(try await calendar("2026-01-01", "2027-01-01") == [early, late, winter])
            #expect(try await calendar("2026-12-31T23:00:00%2B08:00", "2027-02-01") == [winter])
            for (query, code, field) in [
                ("to=2026-07-01", "required", "from"), ("from=2026-06-01", "required", "to"),
                ("from=June&to=2026-07-01", "invalid_time", "from"), ("from=2026-07-01&to=2026-07-01", "invalid_window", "to"),
                ("from=2026-07-01&to=2026-06-01", "invalid_window", "to"), ("from=2026-01-01&to=2027-06-01", "invalid_window", "to"),
            ] {
                let answer = try await client.call(.get, "/api/v1/promotions/calendar?\(query)", as: shop.admin)
                #expect(answer.status == .unprocessableContent, "\(query): \(answer.json)")
                #expect(answer.json.errorCode == code, "\(query): \(answer.json)")
                #expect(answer.json.errorField == field, "\(query): \(answer.json)")
            }
        }
    }
}
