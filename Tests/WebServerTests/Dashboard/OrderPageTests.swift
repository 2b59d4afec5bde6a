import Commerce
import Foundation
import HTTPTypes
import HummingbirdTesting
import Operations
import Persistence
import Testing
import StoreTesting
@testable import WebServer

@Suite struct OrderPageTests {
    @Test(arguments: StoreKind.allCases) func theListShowsOrdersFilteredByStatusAndPaged(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client in
            let customer = try await shop.customer("Wang Fang")
            let pending = try await client.placeOrder(shop.admin, sku: "TEA", quantity: 2, customer: customer)
            let paid = try await client.placeOrder(shop.admin, sku: "CUP")
            try await client.payOrder(shop.admin, paid, amount: 5000)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .service)
            let list = try await browser.get("/orders")
            #expect(list.status == .ok)
            let pendingRow = try #require(list.text.section(from: "href=\"/orders/\(pending)\"", to: "</tr>"))
            #expect(pendingRow.contains("Wang Fang") && pendingRow.contains(customer))
            #expect(pendingRow.contains("Pending payment") && pendingRow.contains("badge warn"))
            #expect(pendingRow.contains("¥200.00") && pendingRow.contains(">2</td>") && pendingRow.contains("2026-05-29 04:26"))
            let paidRow = try #require(list.text.section(from: "href=\"/orders/\(paid)\"", to: "</tr>"))
            #expect(paidRow.contains("Guest") && paidRow.contains(">Paid<") && paidRow.contains("¥50.00") && paidRow.contains(">yes<"))
            let onlyPaid = try await browser.get("/orders?status=paid")
            #expect(onlyPaid.text.contains(paid) && !onlyPaid.text.contains(pending))
            #expect(onlyPaid.text.contains("<option value=\"paid\" selected>"))
            let bad = try await browser.get("/orders?status=lost")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("invalid_value") && bad.text.contains("<code>status</code>"))

            for _ in 0..<OrdersPage.pageSize { _ = try await client.placeOrder(shop.admin, sku: "CUP") }
            let first = try await browser.get("/orders")
            #expect(!first.text.contains("href=\"/orders/\(pending)\""))
            let next = try #require(first.text.firstMatch(of: /href="(\/orders\?starting_after=ord_\d+)" rel="next"/)).1
            let second = try await browser.get(String(next))
            #expect(second.status == .ok)
            #expect(second.text.contains("href=\"/orders/\(pending)\"") && second.text.contains("href=\"/orders/\(paid)\""))
        }
    }

    /// A customer's name in the list leads to that customer's orders; the status filter keeps them.
    @Test(arguments: StoreKind.allCases) func theListShowsOneCustomersOrders(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client in
            let wang = try await shop.customer("Wang Fang"), li = try await shop.customer("Li Lei")
            let first = try await client.placeOrder(shop.admin, sku: "CUP", customer: wang)
            let other = try await client.placeOrder(shop.admin, sku: "CUP", customer: li)
            let second = try await client.placeOrder(shop.admin, sku: "CUP", customer: wang)
            try await client.payOrder(shop.admin, second, amount: 5000)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .viewer)
            let list = try await browser.get("/orders")
            #expect(list.text.contains("href=\"/orders?customer_id=\(wang)\""))
            let mine = try await browser.get("/orders?customer_id=\(wang)")
            #expect(mine.status == .ok)
            #expect(mine.text.contains("href=\"/orders/\(first)\"") && mine.text.contains("href=\"/orders/\(second)\""))
            #expect(!mine.text.contains("href=\"/orders/\(other)\""))
            #expect(mine.text.contains("Orders of <strong>Wang Fang</strong>") && mine.text.contains("name=\"customer_id\" value=\"\(wang)\""))
            let paid = try await browser.get("/orders?customer_id=\(wang)&status=paid")
            #expect(paid.text.contains("href=\"/orders/\(second)\"") && !paid.text.contains("href=\"/orders/\(first)\""))
            #expect(paid.text.contains("href=\"/orders?status=paid\""))  // back to everyone's paid orders
            var chineseBrowser = browser
            chineseBrowser.language = "zh-CN"
            #expect(try await chineseBrowser.get("/orders?customer_id=\(wang)").text.contains("顾客订单："))
            let bad = try await browser.get("/orders?customer_id=ord_1")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<code>customer_id</code>"))
        }
    }

    @Test(arguments: StoreKind.allCases) func theDetailShowsEachLinesPromotionBreakdown(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client in
            _ = try await client.promotion(promotionJSON("percent_off", #""scope":{"skus":["TEA"]},"percent_off":10"#, name: "Tea 10% off"), as: shop.admin)
            let placed = try await client.order(orderJSON([("TEA", 2), ("CUP", 1)]), as: shop.admin)
            #expect(placed.status == .created)
            let id = try #require(placed.json["id"] as? String)
            let api = try await client.call(.get, "/api/v1/orders/\(id)", as: shop.admin)
            #expect(api.json.int("lines.0.discount.amount") == 2000)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .viewer)
            let page = try await browser.get("/orders/\(id)")
            #expect(page.status == .ok)
            let tea = try #require(page.text.section(from: "<code>TEA</code>", to: "<code>CUP</code>"))
            #expect(tea.contains("¥100.00") && tea.contains("¥200.00") && tea.contains("-¥20.00") && tea.contains("¥180.00"))
            #expect(tea.contains("Discounts on this line") && tea.contains("Promotion") && tea.contains("Tea 10% off"))
            let cup = try #require(page.text.section(from: "<code>CUP</code>", to: "Goods subtotal"))
            #expect(!cup.contains("Tea 10% off") && !cup.contains("Discounts on this line"))
            #expect(page.text.contains("¥250.00") && page.text.contains("¥230.00"))
            #expect(page.text.contains("No payment received."))
            #expect(!page.text.contains("<form method=\"post\" action=\"/orders/\(id)/"))
        }
    }

    @Test(arguments: StoreKind.allCases) func cancellingFromThePageReleasesTheHold(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client in
            let id = try await client.placeOrder(shop.admin, sku: "TEA", quantity: 3)
            #expect(try await client.stock("TEA", as: shop.admin) == StockCounters(onHand: 100, held: 3, allocated: 0, available: 97))
            let browser = try await DashboardBrowser.signIn(shop, client, role: .service)
            let page = try await browser.get("/orders/\(id)")
            #expect(page.text.contains("action=\"/orders/\(id)/cancel\"") && page.text.contains("action=\"/orders/\(id)/pay\""))
            #expect(!page.text.contains("action=\"/orders/\(id)/ship\"") && !page.text.contains("action=\"/orders/\(id)/deliver\""))
            let cancelled = try await browser.post("/orders/\(id)/cancel", [])
            #expect(cancelled.status == .seeOther)
            #expect(cancelled.headers[.location] == "/orders/\(id)?notice=order_cancelled")
            #expect(try await client.stock("TEA", as: shop.admin) == StockCounters(onHand: 100, held: 0, allocated: 0, available: 100))
            let after = try await browser.get("/orders/\(id)?notice=order_cancelled")
            #expect(after.text.contains("The order is cancelled.") && after.text.contains("Cancelled on request"))
            #expect(after.text.contains("This order has no further step."))
        }
    }

    @Test(arguments: StoreKind.allCases) func anInvalidTransitionShowsTheAPIsError(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client in
            let id = try await client.placeOrder(shop.admin, sku: "TEA")
            let browser = try await DashboardBrowser.signIn(shop, client, role: .operator)
            let deliver = try await browser.post("/orders/\(id)/deliver", [])
            #expect(deliver.status == .conflict)
            #expect(deliver.text.contains("<code>invalid_transition</code>"))
            #expect(try await shop.yunying.orders.order(shop.shop, id: id).status == .pendingPayment)
            _ = try await browser.post("/orders/\(id)/cancel", [])
            let again = try await browser.post("/orders/\(id)/cancel", [])
            #expect(again.status == .conflict)
            #expect(again.text.contains("invalid_transition"))
            #expect(try await browser.get("/orders/ord_999").status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func paymentShippingDeliveryAndCompletionGoThroughTheForms(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client in
            let id = try await client.placeOrder(shop.admin, sku: "CUP", quantity: 2)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            #expect(try await browser.get("/orders/\(id)").text.contains("name=\"amount\" value=\"100.00\""))
            let wrong = try await browser.post("/orders/\(id)/pay", [("amount", "99.99")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("<code>amount_mismatch</code>") && wrong.text.contains("value=\"99.99\""))
            let typo = try await browser.post("/orders/\(id)/pay", [("amount", "1,00")])
            #expect(typo.status == .unprocessableContent && typo.text.contains("<code>amount</code>"))
            #expect(try await shop.yunying.payments.payments(shop.shop, orderID: IDPrefix.order.parse(id)!).isEmpty)
            #expect(try await browser.post("/orders/\(id)/pay", [("amount", "100.00")]).status == .seeOther)
            let paid = try await browser.get("/orders/\(id)")
            #expect(paid.text.contains(">Paid<") && paid.text.contains("succeeded"))
            #expect(paid.text.contains("action=\"/orders/\(id)/ship\"") && !paid.text.contains("action=\"/orders/\(id)/pay\""))
            let noCarrier = try await browser.post("/orders/\(id)/ship", [("carrier", ""), ("tracking_number", "SF123")])
            #expect(noCarrier.status == .unprocessableContent)
            #expect(noCarrier.text.contains("<code>carrier</code>") && noCarrier.text.contains("value=\"SF123\""))
            #expect(try await browser.post("/orders/\(id)/ship", [("carrier", "SF Express"), ("tracking_number", "SF123")]).status == .seeOther)
            #expect(try await client.stock("CUP", as: shop.admin) == StockCounters(onHand: 98, held: 0, allocated: 0, available: 98))
            #expect(try await browser.post("/orders/\(id)/deliver", []).status == .seeOther)
            let done = try await browser.post("/orders/\(id)/complete", [])
            #expect(done.headers[.location] == "/orders/\(id)?notice=order_completed")
            let page = try await browser.get("/orders/\(id)")
            #expect(page.text.contains("Completed") && page.text.contains("SF Express") && page.text.contains("SF123"))
            #expect(page.text.contains("This order has no further step."))
        }
    }

    @Test(arguments: StoreKind.allCases) func aViewerSeesNoStepsAndMayNotTakeThemAndForgedFormsAreRefused(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client in
            let id = try await client.placeOrder(shop.admin, sku: "TEA", quantity: 2)
            let viewer = try await DashboardBrowser.signIn(shop, client, role: .viewer)
            let page = try await viewer.get("/orders/\(id)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("action=\"/orders/\(id)/cancel\"") && !page.text.contains("Next steps"))
            #expect(try await viewer.post("/orders/\(id)/cancel", []).status == .forbidden)
            let service = try await DashboardBrowser.signIn(shop, client, role: .service)
            let forged = try await service.post("/orders/\(id)/cancel", [], csrf: "forged")
            #expect(forged.status == .forbidden && forged.text.contains("csrf_failed"))
            #expect(try await shop.yunying.orders.order(shop.shop, id: id).status == .pendingPayment)
            #expect(try await client.stock("TEA", as: shop.admin).held == 2)
        }
    }

    @Test(arguments: StoreKind.allCases) func userContentIsShownEscaped(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        _ = try await shop.yunying.catalog.createProduct(shop.shop, CreateProduct(
            title: "<script>alert(1)</script>", status: .listed, skus: [CreateSKU(code: "XSS", price: MoneyInput(amount: 100, currency: nil))]))
        _ = try await shop.yunying.inventory.adjust(shop.shop, AdjustStock(sku: "XSS", delta: 5, reason: "receipt"))
        try await shop.test { client in
            let customer = try await shop.customer("<b onmouseover=alert(3)>Mallory</b>")
            let id = try await client.placeOrder(shop.admin, sku: "XSS", customer: customer)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let detail = try await browser.get("/orders/\(id)")
            #expect(detail.status == .ok)
            #expect(detail.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !detail.text.contains("<script>alert(1)"))
            #expect(!detail.text.contains("<b onmouseover"))
            let list = try await browser.get("/orders")
            #expect(list.text.contains("&lt;b onmouseover=alert(3)&gt;Mallory") && !list.text.contains("<b onmouseover"))
            let inventory = try await browser.get("/inventory")
            #expect(inventory.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !inventory.text.contains("<script>alert(1)"))
        }
    }

    @Test(arguments: StoreKind.allCases) func thePagesRenderInChinese(backend: StoreKind) async throws {
        let shop = try await TestShop.teaShop(on: backend)
        try await shop.test { client in
            let id = try await client.placeOrder(shop.admin, sku: "TEA")
            var browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            browser.language = "zh-CN"
            let list = try await browser.get("/orders")
            #expect(list.status == .ok)
            #expect(list.text.contains("待支付") && list.text.contains("下单时间") && list.text.contains("已发货"))
            let detail = try await browser.get("/orders/\(id)")
            #expect(detail.status == .ok)
            for text in ["商品明细", "应付金额", "取消订单", "记录付款", "尚未收到付款。"] {
                #expect(detail.text.contains(text), "\(text)")
            }
        }
    }
}
