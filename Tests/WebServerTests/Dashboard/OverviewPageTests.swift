import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Operations
import Persistence
import Testing
import StoreTesting
@testable import WebServer

@Suite struct OverviewPageTests {
    /// One order of ¥25.00 paid yesterday: the 7-day cards show it with its change, the sentence
    /// explains it, and the charts are drawn.
    @Test(arguments: StoreKind.allCases) func cardsShowYesterdaysOrderWithItsChangeSparklinesAndTheSentence(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "MUG", price: 2500, stock: 5)
        try await shop.test { client in
            let order = try await client.placeOrder(shop.admin, sku: "MUG")
            try await client.payOrder(shop.admin, order, amount: 2500)
            shop.time.advance(seconds: 86_400)
            var browser = try await DashboardBrowser.signIn(shop, client, role: .viewer)
            let week = try await browser.get("/?days=7")
            #expect(week.status == .ok)
            #expect(week.text.contains("¥25.00"))
            #expect(week.text.contains("Paid revenue") && week.text.contains("Repurchase rate"))
            #expect(week.text.contains("no earlier data"))
            #expect(week.text.contains("class=\"sentence\">GMV"))
            #expect(week.text.components(separatedBy: "chart-sparkline").count - 1 >= 6)
            #expect(week.text.contains("chart-line"))
            let today = try await browser.get("/?days=1")
            #expect(today.text.contains("today so far vs all of yesterday"))
            browser.language = "zh-CN"
            let chinese = try await browser.get("/?days=7")
            #expect(chinese.text.contains("支付金额") && chinese.text.contains("客单价"))
            let bad = try await browser.get("/?to=yesterday")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("invalid_value"))
        }
    }
}
