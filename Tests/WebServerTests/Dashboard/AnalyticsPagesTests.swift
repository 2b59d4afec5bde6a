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

/// The analytics pages: traffic & channels, funnel, retention and products, over a small shop
/// whose events, orders and ad spend come in through the API.
@Suite struct AnalyticsPagesTests {
    /// A day in the test shop (2026-05-29 local): `a1` comes from a Weibo post on a phone, views
    /// TEA-1, adds it to the cart as the customer, checks out and pays for two; `a2` comes from a
    /// paid search ad and views the product titled like a script; `a3` only sees the home page.
    /// TEA-1 (category Tea) is left low on stock; social has 5.00 of ad spend. The pages are read
    /// the day after.
    static func populate(_ shop: TestShop, _ client: any TestClientProtocol) async throws {
        let catalog = shop.yunying.catalog
        _ = try await catalog.createProduct(shop.shop, CreateProduct(title: "Oolong tea", category: "Tea", skus: [
            CreateSKU(code: "TEA-1", price: MoneyInput(amount: 2000, currency: nil), cost: MoneyInput(amount: 800, currency: nil), lowStockThreshold: 5),
        ]))
        _ = try await catalog.createProduct(shop.shop, CreateProduct(title: "<script>alert(1)</script>", category: "Cups", skus: [
            CreateSKU(code: "XSS-1", price: MoneyInput(amount: 1500, currency: nil), cost: MoneyInput(amount: 1000, currency: nil)),
        ]))
        _ = try await shop.yunying.inventory.adjust(shop.shop, AdjustStock(sku: "TEA-1", delta: 5, reason: "receipt"))
        _ = try await shop.yunying.inventory.adjust(shop.shop, AdjustStock(sku: "XSS-1", delta: 40, reason: "receipt"))
        let customer = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Li Lei")).id)"
        let base = shop.time.now().millisecondsSinceEpoch - 3_600_000
        func at(_ minutes: Int64) -> String { Instant(millisecondsSinceEpoch: base + minutes * 60_000).iso8601 }
        let events = [
            #""type":"page_view","anonymous_id":"a1","device":"mobile","timestamp":"\#(at(0))","utm_source":"weibo","utm_medium":"social","utm_campaign":"weibo-may""#,
            #""type":"product_view","anonymous_id":"a1","device":"mobile","sku":"TEA-1","timestamp":"\#(at(1))""#,
            #""type":"add_to_cart","anonymous_id":"a1","device":"mobile","customer_id":"\#(customer)","sku":"TEA-1","timestamp":"\#(at(2))""#,
            #""type":"checkout_start","anonymous_id":"a1","device":"mobile","customer_id":"\#(customer)","timestamp":"\#(at(3))""#,
            #""type":"page_view","anonymous_id":"a2","device":"desktop","timestamp":"\#(at(4))","utm_source":"baidu","utm_medium":"cpc""#,
            #""type":"product_view","anonymous_id":"a2","device":"desktop","sku":"XSS-1","timestamp":"\#(at(5))""#,
            #""type":"page_view","anonymous_id":"a3","timestamp":"\#(at(6))""#,
        ]
        for event in events {
            let posted = try await client.call(.post, "/api/v1/events", as: shop.key(.ingest), json: #"{"id":"\#(UUID().uuidString)",\#(event)}"#)
            #expect(posted.json["accepted"] as? Int == 1, "\(posted.json)")
        }
        let order = try await client.placeOrder(shop.admin, sku: "TEA-1", quantity: 2, customer: customer)
        try await client.payOrder(shop.admin, order, amount: 4000)
        let spend = try await client.call(.post, "/api/v1/ad-spend", as: shop.admin, json: """
            {"rows":[{"date":"2026-05-29","channel":"social","campaign":"weibo-may","spend":500,"impressions":1000,"clicks":40}]}
            """)
        #expect(spend.status == .ok)
        // Pages are read the next day: their periods end with the last complete day.
        shop.time.advance(seconds: 86_400)
    }

    /// Signs in an analyst on a populated shop and runs `body`.
    static func withAnalyst(
        populated: Bool = true, _ body: @Sendable (DashboardBrowser, TestShop) async throws -> Void
    ) async throws {
        let shop = try await TestShop.make()
        try await shop.test { client in
            if populated { try await populate(shop, client) }
            try await body(try await DashboardBrowser.signIn(shop, client, role: .analyst), shop)
        }
    }

    @Test func trafficShowsChannelsWithSpendAndReturnsChartsAndDevices() async throws {
        try await Self.withAnalyst { browser, _ in
            let page = try await browser.get("/traffic")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<h1>Traffic &amp; channels</h1>") || html.contains("<h1>Traffic & channels</h1>"))
            #expect(html.contains(#"<table class="sortable" id="channels">"#))
            // Social: one visitor who paid 40.00 against 5.00 of spend → ROAS 8.00, CAC 5.00.
            #expect(html.contains(">Social</td>") && html.contains(">Paid search</td>"))
            #expect(html.contains(#"data-value="4000">¥40.00</td>"#))
            #expect(html.contains(#"data-value="8">8.00</td>"#))
            #expect(html.contains(#"data-value="500">¥5.00</td>"#))
            #expect(html.contains("weibo-may"))
            #expect(html.contains("Paid revenue by channel") && html.contains("ROAS by channel"))
            #expect(html.components(separatedBy: "<svg").count - 1 == 2)
            #expect(html.contains(">Mobile web</td>") && html.contains(">Desktop</td>"))
            #expect(html.contains("last non-direct visit"))
            // The 30-day tab is the default; the 7-day one keeps the rest of the query.
            #expect(html.contains(#"href="/traffic?days=30" class="active""#))
            let week = try await browser.get("/traffic?days=7&to=2026-05-29")
            #expect(week.status == .ok && week.text.contains("2026-05-23 – 2026-05-29"))
            #expect(week.text.contains(#"href="/traffic?to=2026-05-29&amp;days=90""#))
        }
    }

    @Test func funnelFollowsTheStepsTypedAndShowsPathsAndBreakdown() async throws {
        try await Self.withAnalyst { browser, _ in
            let page = try await browser.get("/funnel")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains(#"<form class="row" method="get" action="/funnel">"#))
            #expect(html.contains(#"name="steps" value="product_view,add_to_cart,checkout_start,order_paid""#))
            #expect(html.contains("chart-funnel") || html.contains("funnel-step"))
            // Two viewers, one of whom went all the way.
            for name in ["Product view", "Add to cart", "Checkout", "Paid"] { #expect(html.contains("<td>\(name)</td>"), "\(name)") }
            #expect(html.contains(#"<td class="num">50.0%</td>"#))
            #expect(html.contains("Page view → Product view → Add to cart → Checkout → Order placed → Paid"))
            let custom = try await browser.get("/funnel?steps=page_view,product_view%5Bsku%3DXSS-1%5D&breakdown=channel&window=1d")
            #expect(custom.status == .ok)
            #expect(custom.text.contains("product_view[sku=XSS-1]"))
            #expect(custom.text.contains(#"id="funnel-breakdown""#))
            #expect(custom.text.contains("<td>Paid search</td>") && custom.text.contains("<td>Social</td>"))
            #expect(custom.text.contains(#"<option value="channel" selected>"#))
        }
    }

    @Test func aStepListTheReportRefusesIsShownOnTheFormWithItsCode() async throws {
        try await Self.withAnalyst(populated: false) { browser, _ in
            for query in ["steps=page_view", "steps=page_view,Not%20A%20Type", "steps=a,b%5Bsku%3DNOPE%5D"] {
                let page = try await browser.get("/funnel?\(query)")
                #expect(page.status == .unprocessableContent, "\(query)")
                #expect(page.text.contains("<code>invalid_value</code>") && page.text.contains("<code>steps</code>"), "\(query)")
                #expect(page.text.contains(#"aria-invalid="true""#), "\(query)")
                #expect(page.text.contains(#"name="steps""#), "\(query)")
            }
            let window = try await browser.get("/funnel?window=7y")
            #expect(window.status == .unprocessableContent && window.text.contains("<code>window</code>"))
        }
    }

    @Test func retentionDrawsTheCohortsByWeekOrDay() async throws {
        try await Self.withAnalyst { browser, _ in
            let page = try await browser.get("/retention")
            #expect(page.status == .ok)
            #expect(page.text.contains("chart-heatmap") || page.text.contains("<svg"))
            #expect(page.text.contains(">W0</text>") && page.text.contains("3 people"))
            #expect(page.text.contains(#"href="/retention?days=90&amp;period=week" class="active""#) || page.text.contains(#"period=week" class="active""#))
            #expect(page.text.contains(#"<select name="return_event">"#))
            let daily = try await browser.get("/retention?period=day&return_event=order_paid&mode=unbounded")
            #expect(daily.status == .ok)
            #expect(daily.text.contains(">D0</text>") && daily.text.contains(">D29</text>"))
            #expect(daily.text.contains("did “Paid” again"))
            #expect(daily.text.contains(#"<option value="order_paid" selected>"#))
            let bad = try await browser.get("/retention?period=year")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<code>invalid_value</code>") && bad.text.contains("<code>period</code>"))
        }
    }

    @Test func productsListSKUsWithStockAndCategoriesWithRolesAndEscapeTitles() async throws {
        try await Self.withAnalyst { browser, _ in
            let page = try await browser.get("/products")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains(#"<table class="sortable" id="skus">"#))
            #expect(html.contains("<td>Oolong tea</td>"))
            // TEA-1: 2 sold at 20.00 with cost 8.00 → 60% margin; 3 left of a threshold of 5.
            #expect(html.contains(#"data-value="4000">¥40.00</td>"#))
            #expect(html.contains(#"data-value="0.6">60.0%</td>"#))
            #expect(html.contains(#"<tr class="flag">"#) && html.contains(#"<span class="badge warn">Low stock</span>"#))
            #expect(html.contains(#"data-value="3">3 <span class="badge warn">"#))
            // The script title is text, never markup.
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script>alert(1)"))
            #expect(html.contains(#"<table class="sortable" id="categories">"#))
            #expect(html.contains("<td>Tea</td>") && html.contains("<td>Cups</td>"))
            #expect(html.contains(#"<span class="badge good">High margin</span>"#))
            #expect(html.contains("traffic share ≥ 1.5× median"))
            #expect(html.contains("quadrant"))
        }
    }

    @Test func everyPageHasAnEmptyStateAndAChineseVersion() async throws {
        try await Self.withAnalyst(populated: false) { browser, _ in
            for path in ["/traffic", "/funnel", "/retention", "/products"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("No data for this period.") || page.text.contains("No categories"), "\(path)")
            }
            var chinese = browser
            chinese.language = "zh-CN"
            let headings = [
                "/traffic": ["<h1>流量与渠道</h1>", "各渠道支付金额"], "/funnel": ["<h1>漏斗</h1>", "转化漏斗"],
                "/retention": ["<h1>留存</h1>", "同期群留存"], "/products": ["<h1>商品</h1>", "品类角色"],
            ]
            for (path, texts) in headings {
                let page = try await chinese.get(path)
                #expect(page.status == .ok, "\(path)")
                for text in texts { #expect(page.text.contains(text), "\(path): \(text)") }
                #expect(page.text.contains("该时段暂无数据。") || page.text.contains("暂无包含 SKU 的品类。"), "\(path)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func customerServiceMayNotOpenThemAndBadDatesAreRefused(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client in
            let service = try await DashboardBrowser.signIn(shop, client, role: .service)
            let viewer = try await DashboardBrowser.signIn(shop, client, role: .viewer)
            for path in ["/traffic", "/funnel", "/retention", "/products"] {
                let refused = try await service.get(path)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(refused.text.contains("<code>forbidden</code>"), "\(path)")
                #expect(try await viewer.get(path).status == .ok, "\(path)")
                let bad = try await viewer.get(path + "?to=yesterday")
                #expect(bad.status == .unprocessableContent, "\(path)")
                #expect(bad.text.contains("<code>invalid_value</code>") && bad.text.contains("<code>to</code>"), "\(path)")
            }
        }
    }
}
