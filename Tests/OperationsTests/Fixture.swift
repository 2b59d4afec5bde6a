import Commerce
import Foundation
import Operations
import Persistence
import StoreTesting

/// A fresh shop with a manual clock, on a temporary SQLite file or a new PostgreSQL schema.
struct Fixture {
    let yunying: Yunying
    let shop: ShopInfo
    let time: ManualTime

    static let start = Instant(millisecondsSinceEpoch: 1_780_000_000_000)

    static func make(on backend: StoreKind = .sqlite, holdSeconds: Int64 = 1800) async throws -> Fixture {
        let time = ManualTime(start)
        let (yunying, shop) = try await Yunying.open(
            try await TestStores.make(backend), time: time, config: OperationsConfig(holdSeconds: holdSeconds))
        return Fixture(yunying: yunying, shop: shop, time: time)
    }

    func sku(_ code: String, price: Int64 = 1000, stock: Int64) async throws {
        _ = try await yunying.catalog.createProduct(shop, CreateProduct(title: code, skus: [CreateSKU(code: code, price: MoneyInput(amount: price, currency: nil))]))
        if stock > 0 { _ = try await yunying.inventory.adjust(shop, AdjustStock(sku: code, delta: stock, reason: "receipt")) }
    }

    func stock(_ code: String) async throws -> StockLevel {
        try await yunying.inventory.stock(shop, code: code).total
    }

    func order(_ code: String, quantity: Int64 = 1) async throws -> Order {
        try await yunying.orders.place(shop, CreateOrder(lines: [.init(sku: code, quantity: quantity)]))
    }

    /// Every order of the shop, all pages.
    func allOrders() async throws -> [Order] {
        var result: [Order] = []
        var page = PageRequest(limit: 100)
        while true {
            let batch = try await yunying.orders.orders(shop, filter: OrderFilter(), page: page)
            result += batch.items
            guard batch.hasMore, let last = batch.items.last else { return result }
            page.startingAfter = last.id
        }
    }
}
