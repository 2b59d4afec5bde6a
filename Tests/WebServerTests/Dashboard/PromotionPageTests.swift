import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Operations
import Persistence
import Testing
import StoreTesting
@testable import WebServer

/// `/promotions` (calendar and list), `/promotions/new` and `/promotions/:id/edit` (forms through
/// the promotion service), and `/promotions/:id` (review). The test shop is in Asia/Shanghai.
@Suite struct PromotionPageTests {
    static func at(_ text: String) -> Instant { Instant(iso8601: text)! }

    /// The HTML of one calendar day (from its `data-day` to the next day's).
    static func day(_ html: String, _ day: String) -> String {
        guard let start = html.range(of: "data-day=\"\(day)\"") else { return "" }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "data-day=\"")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// A form for a promotion: the common fields and `fields`.
    static func form(_ type: String, name: String, _ fields: [(String, String)], starts: String = "2026-11-11T00:00", ends: String = "2026-11-12T00:00") -> [(String, String)] {
        [("name", name), ("type", type), ("starts_at", starts), ("ends_at", ends), ("priority", "0"), ("status", "active")] + fields
    }

    @Test(arguments: StoreKind.allCases) func calendarShowsAPromotionOnTheDaysItIsLive(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        shop.time.set(Self.at("2026-11-05T04:00:00Z"))
        try await shop.test { client async throws in
            _ = try await client.promotion(promotionJSON(
                "threshold_reduction", #""scope":{"all":true},"tiers":[{"threshold":20000,"reduction":2000}]"#, name: "Double Eleven",
                starts: "2026-11-11T00:00:00+08:00", ends: "2026-11-13T00:00:00+08:00"), as: shop.admin)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .operator)
            let page = try await browser.get("/promotions?month=2026-11")
            #expect(page.status == .ok)
            #expect(page.text.contains("November 2026"))
            for day in ["2026-11-11", "2026-11-12"] { #expect(Self.day(page.text, day).contains("Double Eleven"), "\(day)") }
            for day in ["2026-11-10", "2026-11-13"] { #expect(!Self.day(page.text, day).contains("Double Eleven"), "\(day)") }
            // Weeks run Monday to Sunday: 2026-11-01 is a Sunday, so the grid starts on Monday 2026-10-26 and ends on Sunday 2026-12-06.
            #expect(page.text.range(of: "data-day=\"2026-10-26\"") != nil && page.text.range(of: "data-day=\"2026-10-25\"") == nil)
            #expect(page.text.range(of: "data-day=\"2026-12-06\"") != nil && page.text.range(of: "data-day=\"2026-12-07\"") == nil)
            #expect(Self.day(page.text, "2026-11-05").contains("aria-current=\"date\""))
            #expect(page.text.contains("href=\"/promotions?month=2026-10\"") && page.text.contains("href=\"/promotions?month=2026-12\""))
            #expect(page.text.contains("href=\"/promotions/new?starts=2026-11-20\""))
            // The list: type, window in the shop's time, state.
            #expect(page.text.contains("Spend-threshold reduction") && page.text.contains("2026-11-11 00:00") && page.text.contains("scheduled"))
            // Today's month by default; another month does not show it.
            #expect(try await browser.get("/promotions").text.contains("November 2026"))
            #expect(!Self.day(try await browser.get("/promotions?month=2026-12").text, "2026-12-11").contains("Double Eleven"))
            #expect(try await browser.get("/promotions?month=2026-13").status == .unprocessableContent)
        }
    }

    @Test(arguments: StoreKind.allCases) func theFormCreatesPromotionsWithExactMinorUnits(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let browser = try await DashboardBrowser.signIn(shop, client, role: .operator)
            let blank = try await browser.get("/promotions/new?starts=2026-11-11")
            #expect(blank.status == .ok && blank.text.contains("value=\"2026-11-11T00:00\"") && blank.text.contains("value=\"2026-11-12T00:00\""))
            let created = try await browser.post("/promotions", Self.form("threshold_reduction", name: "满200减20", [
                ("tr_mode", "tiers"), ("tr_threshold_1", "199.99"), ("tr_reduction_1", "20.01"), ("tr_threshold_2", "300.1"), ("tr_reduction_2", "30.05"),
                ("budget", "1000.01"), ("max_uses", "50"), ("scope", ""),
            ]))
            #expect(created.status == .seeOther, "\(created.text)")
            #expect(created.headers[.location] == "/promotions?month=2026-11&notice=promotion_created")
            let percent = try await browser.post("/promotions", Self.form("percent_off", name: "Cups 12.5%", [
                ("pct_percent_off", "12.5"), ("pct_cap", "19.90"), ("scope", "CUP"), ("exclusive", "on"),
            ]))
            #expect(percent.status == .seeOther, "\(percent.text)")
            let flash = try await browser.post("/promotions", Self.form("flash_sale", name: "Tea flash", [
                ("fl_sku", "TEA"), ("fl_price", "9.9"), ("fl_stock", "20"), ("fl_per_customer_limit", "1"), ("fl_hold_minutes", "10"),
            ], starts: "2026-11-11T20:00", ends: "2026-11-11T22:00"))
            #expect(flash.status == .seeOther, "\(flash.text)")

            let bundle = try await browser.post("/promotions", Self.form("bundle", name: "Tea set", [
                ("rule_json", #"{"items": [{"sku": "TEA", "quantity": 1}, {"sku": "CUP", "quantity": 1}], "price": 12000}"#),
            ]))
            #expect(bundle.status == .seeOther, "\(bundle.text)")
            let badJSON = try await browser.post("/promotions", Self.form("member_price", name: "Members", [("rule_json", "{tiers")]))
            #expect(badJSON.status == .unprocessableContent && badJSON.text.contains("invalid_json") && badJSON.text.contains("rule_json"))

            let stored = try await client.list("/api/v1/promotions", as: shop.admin).items
            #expect(stored.count == 4)
            let set = try #require(stored.first { $0["name"] as? String == "Tea set" })
            #expect(set["price"] as? Int == 12_000 && (set["items"] as? [[String: Any]])?.compactMap { $0["sku"] as? String } == ["TEA", "CUP"])
            let setEdit = try await browser.get("/promotions/\(try #require(set["id"] as? String))/edit")
            #expect(setEdit.text.contains("&quot;price&quot;:12000"), "\(setEdit.text)")
            let tiers = try #require(stored.first { $0["name"] as? String == "满200减20" })
            #expect((tiers["tiers"] as? [[String: Any]])?.map { [$0["threshold"] as? Int, $0["reduction"] as? Int] } == [[19_999, 2_001], [30_010, 3_005]])
            #expect(tiers.int("budget.amount") == 100_001 && tiers["max_uses"] as? Int == 50)
            #expect(tiers["starts_at"] as? String == "2026-11-10T16:00:00.000Z" && tiers["ends_at"] as? String == "2026-11-11T16:00:00.000Z")
            #expect((tiers["scope"] as? [String: Any])?["all"] as? Bool == true)
            let cups = try #require(stored.first { $0["name"] as? String == "Cups 12.5%" })
            #expect(cups["percent_off"] as? Double == 12.5 && cups["cap"] as? Int == 1_990 && cups["exclusive"] as? Bool == true)
            #expect((cups["scope"] as? [String: Any])?["skus"] as? [String] == ["CUP"])
            let sale = try #require(stored.first { $0["name"] as? String == "Tea flash" })
            #expect(sale["price"] as? Int == 990 && sale["sku"] as? String == "TEA" && sale["stock"] as? Int == 20)
            #expect(sale["starts_at"] as? String == "2026-11-11T12:00:00.000Z")

            // Editing shows the stored values in major units and saves the change.
            let id = try #require(tiers["id"] as? String)
            let edit = try await browser.get("/promotions/\(id)/edit")
            #expect(edit.status == .ok && edit.text.contains("value=\"199.99\"") && edit.text.contains("value=\"30.05\"") && edit.text.contains("value=\"1000.01\""))
            let saved = try await browser.post("/promotions/\(id)", Self.form("threshold_reduction", name: "每满100减10", [
                ("tr_mode", "repeating"), ("tr_every", "100"), ("tr_reduction", "10"), ("tr_cap", "50.50"), ("budget", ""),
            ]))
            #expect(saved.status == .seeOther, "\(saved.text)")
            let changed = try await client.promotionObject(id, as: shop.admin)
            #expect(changed["name"] as? String == "每满100减10" && changed["tiers"] == nil)
            #expect(changed.int("repeating.every") == 10_000 && changed.int("repeating.reduction") == 1_000 && changed.int("repeating.cap") == 5_050)
            #expect(changed["budget"] is NSNull, "\(changed)")
        }
    }

    @Test(arguments: StoreKind.allCases) func aRefusedFormIsShownAgainWithTheCodeAndFieldAndNothingIsStored(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let bad = try await browser.post("/promotions", Self.form("percent_off", name: "Too generous", [("pct_percent_off", "150")]))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("invalid_percent") && bad.text.contains("<code>percent_off</code>"))
            #expect(bad.text.contains("value=\"Too generous\"") && bad.text.contains("value=\"150\""))
            #expect(bad.text.contains("name=\"pct_percent_off\" value=\"150\" inputmode=\"decimal\" placeholder=\"20\" class=\"field-error\""))
            let zero = try await browser.post("/promotions", Self.form("threshold_reduction", name: "Zero", [
                ("tr_mode", "tiers"), ("tr_threshold_1", "0"), ("tr_reduction_1", "10"),
            ]))
            #expect(zero.status == .unprocessableContent && zero.text.contains("tiers[0].threshold"), "\(zero.text)")
            let money = try await browser.post("/promotions", Self.form("free_shipping", name: "Ship", [("fs_threshold", "99.999")]))
            #expect(money.status == .unprocessableContent && money.text.contains("invalid_amount") && money.text.contains("<code>threshold</code>"))
            // A second flash sale of the same SKU overlapping the first is refused.
            let flash = Self.form("flash_sale", name: "Flash", [("fl_sku", "TEA"), ("fl_price", "9.90"), ("fl_stock", "5"), ("fl_per_customer_limit", "1")])
            #expect(try await browser.post("/promotions", flash).status == .seeOther)
            let overlap = try await browser.post("/promotions", flash)
            #expect(overlap.status == .unprocessableContent && overlap.text.contains("class=\"error\""), "\(overlap.text)")
            #expect(try await client.list("/api/v1/promotions", as: shop.admin).items.map { $0["name"] as? String } == ["Flash"])
        }
    }

    @Test(arguments: StoreKind.allCases) func formsNeedTheSessionsTokenAndAWritingRole(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client async throws in
            let admin = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let forged = try await admin.post("/promotions", Self.form("percent_off", name: "Forged", [("pct_percent_off", "10")]), csrf: "wrong")
            #expect(forged.status == .forbidden && forged.text.contains("csrf_failed"))
            let viewer = try await DashboardBrowser.signIn(shop, client, role: .viewer)
            let calendar = try await viewer.get("/promotions")
            #expect(calendar.status == .ok)
            #expect(!calendar.text.contains("/promotions/new") && !calendar.text.contains("/edit\""))
            #expect(try await viewer.get("/promotions/new").status == .forbidden)
            let refused = try await viewer.post("/promotions", Self.form("percent_off", name: "Viewer", [("pct_percent_off", "10")]))
            #expect(refused.status == .forbidden && refused.text.contains("forbidden"))
            #expect(try await client.list("/api/v1/promotions", as: shop.admin).items.isEmpty)
            let id = try await client.promotion(promotionJSON("percent_off", #""scope":{"all":true},"percent_off":10"#), as: shop.admin)
            #expect(try await viewer.post("/promotions/\(id)", Self.form("percent_off", name: "Changed", [("pct_percent_off", "20")])).status == .forbidden)
            #expect(try await client.promotionObject(id, as: shop.admin)["name"] as? String == "Promo")
            #expect(try await viewer.get("/promotions/\(id)").status == .ok)
            #expect(try await admin.get("/promotions/promo_999").status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func theReviewShowsTheFiguresBesideThePeriodBefore(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        let a = try await shop.customer("A"), b = try await shop.customer("B")
        try await shop.test { client async throws in
            let id = try await client.promotion(promotionJSON(
                "threshold_reduction", #""scope":{"all":true},"tiers":[{"threshold":20000,"reduction":2000}]"#, name: "满200减20",
                starts: "2026-06-01", ends: "2026-06-11"), as: shop.admin)
            func buy(_ customer: String, _ quantity: Int) async throws {
                let answer = try await client.order(orderJSON([("TEA", quantity)], customer: customer), as: shop.admin)
                try await client.payOrder(shop.admin, try #require(answer.json["id"] as? String), amount: try #require(answer.json.int("total.amount")))
            }
            shop.time.set(Self.at("2026-05-28T10:00:00Z"))
            try await buy(b, 1)
            shop.time.set(Self.at("2026-06-02T10:00:00Z"))
            try await buy(a, 2)
            shop.time.set(Self.at("2026-06-20T00:00:00Z"))
            let browser = try await DashboardBrowser.signIn(shop, client, role: .analyst)
            let review = try await browser.get("/promotions/\(id)")
            #expect(review.status == .ok)
            let rows = review.text.components(separatedBy: "<tr>")
            func row(_ label: String) -> String { rows.first { $0.contains("<td>\(label)</td>") } ?? "" }
            #expect(row("Orders").contains(">1</td><td class=\"num\">1</td>"), "\(row("Orders"))")
            #expect(row("GMV").contains("¥200.00") && row("GMV").contains("¥100.00") && row("GMV").contains("+100.0%"))
            #expect(row("Discount cost").contains("¥20.00") && row("Units").contains(">2</td>"))
            #expect(row("New customers").contains(">1</td>") && row("Average discount rate").contains("10.0%"))
            #expect(review.text.contains("2026-06-01 08:00 – 2026-06-11 08:00"))
            #expect(review.text.contains("<svg") && review.text.contains("During") && review.text.contains("Period before"))
            #expect(!review.text.contains("/edit\""))
        }
    }

    @Test(arguments: StoreKind.allCases) func promotionNamesAreEscapedAndChineseRenders(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        shop.time.set(Self.at("2026-06-05T00:00:00Z"))
        try await shop.test { client async throws in
            let id = try await client.promotion(promotionJSON(
                "percent_off", #""scope":{"all":true},"percent_off":20"#, name: "<script>alert(1)</script>", starts: "2026-06-01", ends: "2026-06-11"),
                as: shop.admin)
            var browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            for path in ["/promotions", "/promotions/\(id)", "/promotions/\(id)/edit"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("<script>alert(1)") && page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
            browser.language = "zh-CN"
            let calendar = try await browser.get("/promotions")
            #expect(calendar.status == .ok && calendar.text.contains("<html lang=\"zh-CN\">"))
            #expect(calendar.text.contains("促销日历") && calendar.text.contains("2026年6月") && calendar.text.contains("周一") && calendar.text.contains("折扣") && calendar.text.contains("进行中"))
            let form = try await browser.get("/promotions/new")
            #expect(form.text.contains("满减") && form.text.contains("直降") && form.text.contains("秒杀") && form.text.contains("包邮"))
            #expect(try await browser.get("/promotions/\(id)").text.contains("复盘"))
        }
    }

    /// Every `{{t.key}}` of the promotion and customer templates is in both catalogs.
    @Test func templateKeysAreInBothCatalogs() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/WebServer/Dashboard/Templates")
        let pattern = try NSRegularExpression(pattern: #"\{\{[#^/]?t\.([a-z0-9_]+)\}\}"#)
        for name in ["promotions", "promotion_form", "promotion_review", "customers", "segment", "campaigns", "campaign"] {
            let text = try String(contentsOf: directory.appendingPathComponent(name + ".mustache"), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                #expect(DashboardStrings.en[key] != nil && DashboardStrings.zh[key] != nil, "\(name): \(key)")
            }
        }
        for type in PromotionType.allCases { #expect(DashboardStrings.zh["promo_type_" + type.rawValue] != nil) }
        for segment in AnalyticsService.rfmSegmentNames { #expect(DashboardStrings.zh["crm_segment_" + segment] != nil) }
    }

    @Test func formMoneyAndPercentsAreExact() throws {
        #expect(try PromotionForm.money("19.90", field: "price", .cny) == 1_990)
        #expect(try PromotionForm.money("0.29", field: "price", .cny) == 29)
        #expect(throws: OperationsError.self) { try PromotionForm.money("1,000.00", field: "price", .cny) }
        #expect(Currency.cny.plainMajor(1_990) == "19.90" && Currency.cny.plainMajor(5) == "0.05")
        let form = PromotionForm(values: ["pct_percent_off": "12.34"])
        #expect(try form.percent("pct_percent_off", "percent_off") as? Double == 12.34)
        #expect(try PromotionForm(values: ["p": "20"]).percent("p", "percent_off") as? Int64 == 20)
        #expect(PromotionForm(values: ["type": "threshold_reduction"]).formField(for: "tiers[1].reduction") == "tr_reduction_2")
    }
}
