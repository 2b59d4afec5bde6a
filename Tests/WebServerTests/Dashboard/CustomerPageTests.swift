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

/// `/customers` (RFM grid, segments), `/segments/:id` (rules, members, launching a campaign) and
/// `/campaigns`, `/campaigns/:id` (result), through the same services as the CRM API.
@Suite struct CustomerPageTests {
    /// Saves a segment through the API and returns its id.
    static func segment(_ client: any TestClientProtocol, _ shop: TestShop, name: String, rules: String) async throws -> String {
        let created = try await client.call(.post, "/api/v1/segments", as: shop.admin, json: #"{"name": \#(name), "rules": \#(rules)}"#)
        #expect(created.status == .created, "\(created.json)")
        return try #require(created.json["id"] as? String)
    }

    static let everyone = #"{"field": "orders", "op": ">=", "value": 0}"#

    @Test(arguments: StoreKind.allCases) func customersShowTheRFMGridAndTheSavedSegments(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            _ = try await CRMRouteTests.populate(shop, client)
            _ = try await Self.segment(client, shop, name: #""Big spenders""#, rules: #"{"field": "spend", "op": ">=", "value": 20000}"#)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .analyst)
            let page = try await browser.get("/customers")
            #expect(page.status == .ok)
            #expect(page.text.contains("class=\"rfm-grid\""))
            // 25 cells whose counts add up to the 30 customers who paid.
            let counts = page.text.components(separatedBy: "class=\"rfm-cell\"").dropFirst().compactMap { cell -> Int? in
                guard let range = cell.range(of: "data-value=\"") else { return nil }
                return Int(cell[range.upperBound...].prefix { $0.isNumber })
            }
            #expect(counts.count == 25 && counts.reduce(0, +) == 30, "\(counts)")
            #expect(page.text.contains("Champions") && page.text.contains("Can&#39;t lose them") && page.text.contains("RFM segments"))
            #expect(page.text.contains("Big spenders") && page.text.contains(">20</td>"))
            // A role that may not read reports still sees the segments, without the grid.
            let service = try await DashboardBrowser.signIn(shop, client, role: .service)
            let limited = try await service.get("/customers")
            #expect(limited.status == .ok && !limited.text.contains("rfm-grid") && limited.text.contains("Big spenders"))
        }
    }

    @Test(arguments: StoreKind.allCases) func launchingACampaignFromASegmentCreatesItAndShowsItsResult(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            _ = try await CRMRouteTests.populate(shop, client)
            let segment = try await Self.segment(client, shop, name: #""Everyone""#, rules: Self.everyone)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .operator)
            let page = try await browser.get("/segments/\(segment)")
            #expect(page.status == .ok)
            #expect(page.text.contains("&quot;field&quot; : &quot;orders&quot;") || page.text.contains("&quot;field&quot;: &quot;orders&quot;"))
            #expect(page.text.contains(">40</div>") && page.text.contains("Customer 0") && page.text.contains("action=\"/segments/\(segment)/campaigns\""))
            let launched = try await browser.post("/segments/\(segment)/campaigns", [
                ("name", "Come back"), ("action", "message"), ("channel", "sms"), ("template", "Hi {{name}}, 10% off"),
                ("holdout_percent", "20"), ("attribution_days", "7"), ("coupon_id", ""),
            ])
            #expect(launched.status == .seeOther, "\(launched.text)")
            let stored = try await client.list("/api/v1/campaigns", as: shop.admin).items
            #expect(stored.count == 1)
            let campaign = try #require(stored.first)
            let id = try #require(campaign["id"] as? String)
            #expect(launched.headers[.location] == "/campaigns/\(id)?notice=campaign_launched")
            #expect(campaign["name"] as? String == "Come back" && campaign["segment_id"] as? String == segment)
            #expect(campaign["holdout_percent"] as? Int == 20 && campaign["attribution_days"] as? Int == 7)
            #expect(campaign.string("action.type") == "message" && campaign.string("action.channel") == "sms" && campaign.string("action.template") == "Hi {{name}}, 10% off")
            let held = try #require((campaign["outcomes"] as? [String: Int])?["held_out"])

            _ = try await shop.yunying.delivery.deliver()
            let result = try await browser.get("/campaigns/\(id)?notice=campaign_launched")
            #expect(result.status == .ok)
            #expect(result.text.contains("Campaign launched.") && result.text.contains("Come back"))
            #expect(result.text.contains("Conversion") && result.text.contains("Revenue per customer") && result.text.contains("95% interval"))
            #expect(result.text.contains("(n=\(held))") && result.text.contains("(n=\(40 - held))"))
            #expect(result.text.contains("<svg") && result.text.contains("Messages sent") && result.text.contains("data-outcome=\"held_out\""))
            let list = try await browser.get("/campaigns")
            #expect(list.status == .ok && list.text.contains("href=\"/campaigns/\(id)\""))

            // A coupon campaign from the form.
            let coupon = try await shop.yunying.coupons.create(shop.shop, json: Array(#"{"name":"5 off","discount":{"type":"fixed","amount":500}}"#.utf8))
            let withCoupon = try await browser.post("/segments/\(segment)/campaigns", [
                ("name", "Coupon"), ("action", "coupon"), ("coupon_id", "cpn_\(coupon.id)"), ("holdout_percent", "10"), ("attribution_days", "14"),
            ])
            #expect(withCoupon.status == .seeOther, "\(withCoupon.text)")
            let all = try await client.list("/api/v1/campaigns", as: shop.admin).items
            #expect(all.first?.string("action.coupon_id") == "cpn_\(coupon.id)" && all.count == 2)
        }
    }

    @Test(arguments: StoreKind.allCases) func aRefusedLaunchIsShownAgainAndNothingIsLaunched(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            _ = try await CRMRouteTests.populate(shop, client)
            let segment = try await Self.segment(client, shop, name: #""Everyone""#, rules: Self.everyone)
            let admin = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let fields = [("name", "Too many held"), ("action", "message"), ("channel", "sms"), ("template", "Hi"), ("holdout_percent", "80")]
            let bad = try await admin.post("/segments/\(segment)/campaigns", fields)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<code>holdout_percent</code>") && bad.text.contains("value=\"Too many held\"") && bad.text.contains("value=\"80\""))
            let noCoupon = try await admin.post("/segments/\(segment)/campaigns", [("name", "X"), ("action", "coupon"), ("coupon_id", "cpn_999")])
            #expect(noCoupon.status == .unprocessableContent && noCoupon.text.contains("unknown_coupon") && noCoupon.text.contains("action.coupon_id"))
            let forged = try await admin.post("/segments/\(segment)/campaigns", [("name", "Forged"), ("action", "message"), ("channel", "sms"), ("template", "Hi")], csrf: "nope")
            #expect(forged.status == .forbidden && forged.text.contains("csrf_failed"))
            let viewer = try await DashboardBrowser.signIn(shop, client, role: .viewer)
            let readOnly = try await viewer.get("/segments/\(segment)")
            #expect(readOnly.status == .ok && !readOnly.text.contains("/campaigns\"") && !readOnly.text.contains("name=\"holdout_percent\""))
            let refused = try await viewer.post("/segments/\(segment)/campaigns", [("name", "Viewer"), ("action", "message"), ("channel", "sms"), ("template", "Hi")])
            #expect(refused.status == .forbidden)
            #expect(try await client.list("/api/v1/campaigns", as: shop.admin).items.isEmpty)
            #expect(try await admin.get("/segments/seg_999").status == .notFound)
            #expect(try await admin.post("/segments/seg_999/campaigns", fields).status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func segmentNamesAreEscapedAndChineseRenders(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            _ = try await CRMRouteTests.populate(shop, client)
            let segment = try await Self.segment(client, shop, name: #""<script>alert(1)</script>""#, rules: Self.everyone)
            _ = try await client.call(.post, "/api/v1/campaigns", as: shop.admin, json: #"{"name": "<script>alert(2)</script>", "segment_id": "\#(segment)", "action": {"type": "message", "channel": "email", "template": "<b>Hi</b>"}}"#)
            let campaign = try #require(try await client.list("/api/v1/campaigns", as: shop.admin).items.first?["id"] as? String)
            var browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            for path in ["/customers", "/segments/\(segment)", "/campaigns", "/campaigns/\(campaign)"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("<script>alert(") && !page.text.contains("<b>Hi"), "\(path)")
            }
            #expect(try await browser.get("/segments/\(segment)").text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            browser.language = "zh-CN"
            let customers = try await browser.get("/customers")
            #expect(customers.status == .ok && customers.text.contains("RFM 矩阵") && customers.text.contains("重要价值客户") && customers.text.contains("已保存人群"))
            let detail = try await browser.get("/segments/\(segment)")
            #expect(detail.text.contains("发起营销活动") && detail.text.contains("对照组比例"))
            let result = try await browser.get("/campaigns/\(campaign)")
            #expect(result.status == .ok && result.text.contains("活动效果") && result.text.contains("转化率") && result.text.contains("邮件"))
        }
    }
}
