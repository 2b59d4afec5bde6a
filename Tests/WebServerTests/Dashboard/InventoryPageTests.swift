import Commerce
import Foundation
import HTTPTypes
import HummingbirdTesting
import Operations
import Persistence
import Testing
import StoreTesting
@testable import WebServer

@Suite struct InventoryPageTests {
    @Test(arguments: StoreKind.allCases) func thePageShowsLowStockHoldsAndTheLedger(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "LOW", price: 1000, stock: 3, threshold: 5)
        try await shop.product(code: "PLENTY", price: 1000, stock: 50, threshold: 5)
        try await shop.test { client in
            let order = try await client.placeOrder(shop.admin, sku: "PLENTY", quantity: 2)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let page = try await browser.get("/inventory")
            #expect(page.status == .ok)
            let lowStock = try #require(page.text.section(from: "Low stock", to: "Held by unpaid orders"))
            #expect(lowStock.contains("<code>LOW</code>") && lowStock.contains("Item LOW"))
            #expect(!lowStock.contains("PLENTY"))
            let holds = try #require(page.text.section(from: "Held by unpaid orders", to: "Stock ledger"))
            #expect(holds.contains("href=\"/orders/\(order)\""))
            #expect(holds.contains("<code>PLENTY</code>") && holds.contains(">2</td>"))
            #expect(holds.contains("2026-05-29 04:56"))  // 20:26 UTC + 30 minutes, in Asia/Shanghai
            let ledger = try #require(page.text.section(from: "Stock ledger", to: "</main>"))
            #expect(ledger.contains("Receipt") && ledger.contains("Hold") && ledger.contains("+50"))
            #expect(page.text.contains("action=\"/inventory/adjust\""))
        }
    }

    @Test(arguments: StoreKind.allCases) func adjustingThroughTheFormChangesTheStockAndWritesOneLedgerEntry(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "TEA", stock: 10)
        try await shop.test { client in
            let browser = try await DashboardBrowser.signIn(shop, client, role: .operator)
            let before = try await shop.movementCount()
            let answer = try await browser.post("/inventory/adjust", [("sku", "TEA"), ("delta", "-3"), ("reason", "damage"), ("note", "broken box")])
            #expect(answer.status == .seeOther)
            #expect(answer.headers[.location] == "/inventory?sku=TEA&notice=inventory_adjusted")
            #expect(try await client.stock("TEA", as: shop.admin) == StockCounters(onHand: 7, held: 0, allocated: 0, available: 7))
            #expect(try await shop.movementCount() == before + 1)
            let latest = try #require(try await shop.yunying.inventory.movements(shop.shop, skuCode: "TEA", page: PageRequest(limit: 1)).items.first)
            #expect(latest.reason == .damage && latest.onHandDelta == -3 && latest.note == "broken box")
            let back = try await browser.get(try #require(answer.headers[.location]))
            #expect(back.status == .ok)
            #expect(back.text.contains("Stock adjusted; the change is in the ledger."))
            #expect(back.text.contains("broken box") && back.text.contains("Damage"))
        }
    }

    @Test(arguments: StoreKind.allCases) func aFormWithTheWrongCSRFTokenIsRefusedAndWritesNothing(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "TEA", stock: 10)
        try await shop.test { client in
            let browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let before = try await shop.movementCount()
            let forged = try await browser.post("/inventory/adjust", [("sku", "TEA"), ("delta", "5"), ("reason", "receipt")], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("csrf_failed"))
            #expect(try await shop.movementCount() == before)
            #expect(try await client.stock("TEA", as: shop.admin).onHand == 10)
        }
    }

    @Test(arguments: StoreKind.allCases) func aViewerSeesNoAdjustFormAndMayNotPostIt(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "TEA", stock: 10)
        try await shop.test { client in
            let viewer = try await DashboardBrowser.signIn(shop, client, role: .viewer)
            let page = try await viewer.get("/inventory")
            #expect(page.status == .ok)
            #expect(page.text.contains("Stock ledger"))
            #expect(!page.text.contains("action=\"/inventory/adjust\""))
            let before = try await shop.movementCount()
            let post = try await viewer.post("/inventory/adjust", [("sku", "TEA"), ("delta", "5"), ("reason", "receipt")])
            #expect(post.status == .forbidden)
            #expect(post.text.contains("forbidden"))
            #expect(try await shop.movementCount() == before)
            let service = try await DashboardBrowser.signIn(shop, client, role: .service)
            #expect(!(try await service.get("/inventory").text.contains("action=\"/inventory/adjust\"")))
        }
    }

    @Test(arguments: StoreKind.allCases) func badInputShowsTheFormAgainWithCodeAndFieldAndWritesNothing(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "TEA", stock: 10)
        try await shop.test { client in
            _ = try await client.placeOrder(shop.admin, sku: "TEA", quantity: 4)
            let browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let before = try await shop.movementCount()
            let cases: [(fields: [(String, String)], code: String, field: String)] = [
                ([("sku", "TEA"), ("delta", "0"), ("reason", "count_correction")], "invalid_quantity", "delta"),
                ([("sku", "TEA"), ("delta", "three"), ("reason", "receipt")], "invalid_quantity", "delta"),
                ([("sku", "NOPE"), ("delta", "2"), ("reason", "receipt")], "unknown_sku", "sku"),
                ([("sku", "TEA"), ("delta", "-7"), ("reason", "damage")], "insufficient_stock", "delta"),  // 4 of 10 are held
                ([("sku", "TEA"), ("delta", "5"), ("reason", "damage")], "invalid_quantity", "delta"),
                ([("sku", "TEA"), ("delta", "5"), ("reason", "gift")], "invalid_reason", "reason"),
            ]
            for bad in cases {
                let answer = try await browser.post("/inventory/adjust", bad.fields)
                #expect(answer.status == .unprocessableContent, "\(bad.fields)")
                #expect(answer.text.contains("<code>\(bad.code)</code>"), "\(bad.fields)")
                #expect(answer.text.contains("<code>\(bad.field)</code>"), "\(bad.fields)")
                #expect(answer.text.contains("name=\"\(bad.field)\"") && answer.text.contains("aria-invalid=\"true\""))
                #expect(answer.text.contains("value=\"\(bad.fields[1].1)\""), "the typed delta is kept")
            }
            #expect(try await shop.movementCount() == before)
            #expect(try await client.stock("TEA", as: shop.admin) == StockCounters(onHand: 10, held: 4, allocated: 0, available: 6))
        }
    }

    @Test(arguments: StoreKind.allCases) func theLedgerPagesWithACursorAndFiltersBySKU(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A&B", stock: 1)
        try await shop.product(code: "CUP", stock: 1)
        for index in 1...InventoryPage.ledgerPageSize {
            _ = try await shop.yunying.inventory.adjust(shop.shop, AdjustStock(sku: "CUP", delta: 1, reason: "receipt", note: String(format: "batch-%03d", index)))
        }
        try await shop.test { client in
            let browser = try await DashboardBrowser.signIn(shop, client, role: .analyst)
            let first = try await browser.get("/inventory")
            #expect(first.text.contains("batch-050") && !first.text.contains("Item A&amp;B"))
            let next = try #require(first.text.firstMatch(of: /href="(\/inventory\?starting_after=mov_\d+)" rel="next"/)).1
            let second = try await browser.get(String(next))
            #expect(second.status == .ok)
            #expect(second.text.contains("Item A&amp;B") && !second.text.contains("batch-050"))
            #expect(second.text.contains("href=\"/inventory\">First page"))
            let filtered = try await browser.get("/inventory?sku=A%26B")
            #expect(filtered.status == .ok)
            #expect(filtered.text.contains("Item A&amp;B") && !filtered.text.contains("batch-"))
            #expect(filtered.text.contains("href=\"/inventory?sku=A%26B\""))
            let unknown = try await browser.get("/inventory?sku=NOPE")
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("unknown_sku"))
        }
    }

    @Test(arguments: StoreKind.allCases) func aProductTitleIsShownEscaped(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        _ = try await shop.yunying.catalog.createProduct(shop.shop, CreateProduct(
            title: "<script>alert(1)</script>", skus: [CreateSKU(code: "XSS", price: MoneyInput(amount: 100, currency: nil), lowStockThreshold: 5)]))
        _ = try await shop.yunying.inventory.adjust(shop.shop, AdjustStock(sku: "XSS", delta: 2, reason: "receipt", note: "<img src=x onerror=alert(2)>"))
        try await shop.test { client in
            let browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let page = try await browser.get("/inventory")
            #expect(page.status == .ok)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(!page.text.contains("<img src=x"))
        }
    }

    @Test(arguments: StoreKind.allCases) func thePageRendersInChinese(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "LOW", stock: 1, threshold: 5)
        try await shop.test { client in
            var browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            browser.language = "zh-CN"
            let page = try await browser.get("/inventory")
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"zh-CN\">"))
            for text in ["低库存预警", "库存流水", "调整库存", "入库", "盘点调整", "报损", "在库"] {
                #expect(page.text.contains(text), "\(text)")
            }
            let refused = try await browser.post("/inventory/adjust", [("sku", "LOW"), ("delta", "0"), ("reason", "receipt")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("库存未调整。"))
        }
    }
}

extension String {
    /// The text between the first `start` and the next `end` after it, or nil.
    func section(from start: String, to end: String) -> String? {
        guard let from = range(of: start), let to = range(of: end, range: from.upperBound..<endIndex) else { return nil }
        return String(self[from.upperBound..<to.lowerBound])
    }
}
