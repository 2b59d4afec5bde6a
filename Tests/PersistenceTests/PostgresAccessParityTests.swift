import Commerce
import Foundation
@testable import Persistence
import StoreTesting
import Testing

/// The stores this suite compares (both implement these protocols the same way).
protocol AccessParityStore: AccessStore, CatalogStore, InventoryStore, CustomerStore, IdempotencyStore, DashboardStore {}
extension SQLiteStore: AccessParityStore {}
extension PostgresStore: AccessParityStore {}

/// One scenario through shops, customers, idempotency, catalog, stock and dashboard calls, run on
/// SQLite and PostgreSQL: every result must read the same.
@Suite struct PostgresAccessParityTests {
    static let now = PostgresAccessTests.now

    @Test func postgresAnswersAsSQLiteDoes() async throws {
        let postgres = try await TestStores.postgres()
        defer { postgres.close() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-parity-\(UUID().uuidString).sqlite").path
        let sqlite = try SQLiteStore(path: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = try await Self.transcript(sqlite)
        let actual = try await Self.transcript(postgres)
        #expect(actual.count == expected.count)
        for (line, (want, got)) in zip(expected, actual).enumerated() {
            #expect(got == want, "line \(line)")
        }
    }

    static func transcript(_ store: some AccessParityStore) async throws -> [String] {
        var lines: [String] = []
        lines.append("\(try await store.bootstrapDefaultShop(now: now))")
        try await store.setShippingFee(1, amount: 600)
        try await store.setTimeZone(1, identifier: "UTC")
        try await store.setSetting(1, key: "k", value: "v")
        lines.append("\(String(describing: try await store.shop(1))) \(String(describing: try await store.setting(1, key: "k")))")
        _ = try await store.createAPIKey(1, role: .service, name: "desk", secretHash: "hash", prefix: "yk_1", now: now)
        lines.append("\(String(describing: try await store.apiKey(secretHash: "hash")))")

        for name in ["Ann", "Bo", "Cy", "Di"] {
            _ = try await store.createCustomer(1, name: name, phone: nil, email: "\(name)@x", acquisitionChannel: nil, now: now)
        }
        lines.append("\(try await store.customers(1, page: PageRequest(limit: 3)))")
        lines.append("\(try await store.customers(1, page: PageRequest(limit: 3, startingAfter: 2)))")
        lines.append("\(try await store.customers(1, ids: [3, 1, 3, 9]).sorted { $0.id < $1.id })")

        for fingerprint in ["f", "f", "g"] {
            lines.append("\(try await store.beginIdempotent(1, key: "i", fingerprint: fingerprint, now: now))")
        }
        try await store.completeIdempotent(1, key: "i", status: 200, body: Array("{}".utf8))
        lines.append("\(try await store.beginIdempotent(1, key: "i", fingerprint: "f", now: now))")

        let tea = try await store.createCategory(1, name: "Tea", parentID: nil)
        let green = try await store.createCategory(1, name: "Green", parentID: tea.id)
        _ = try await store.createCategory(1, name: "Matcha", parentID: green.id)
        lines.append("\(try await store.categories(1))")
        let items: [(String, Int64?, ProductStatus, [String])] = [
            ("Oolong", tea.id, .listed, ["OO-1", "oo-2"]), ("Sencha 100%", green.id, .listed, ["SE_1"]),
            ("Mug", nil, .draft, ["MUG"]), ("Matcha whisk", 3, .delisted, ["WH-1", "WH-2", "WH-3"]),
        ]
        for (title, category, status, codes) in items {
            let skus = codes.enumerated().map { index, code in
                NewSKU(code: code, specs: ["n": "\(index)"], price: Money(Int64(100 * (index + 1)), .cny), cost: index == 0 ? nil : Money(30, .cny),
                       weightGrams: index == 1 ? 80 : nil, barcode: nil, lowStockThreshold: Int64(index * 2))
            }
            _ = try await store.createProduct(1, NewProduct(
                title: title, description: "\(title) from Fujian", categoryID: category, attributes: ["a": title],
                status: status, lifecycleStage: .mature, skus: skus), now: now)
        }
        let filters = [
            ProductFilter(), ProductFilter(categoryID: tea.id), ProductFilter(categoryID: green.id), ProductFilter(status: .listed),
            ProductFilter(text: "OOLONG"), ProductFilter(text: "wh-"), ProductFilter(text: "100%"), ProductFilter(text: "se_"),
            ProductFilter(text: "fujian"), ProductFilter(categoryID: tea.id, status: .delisted, text: "whisk"),
        ]
        for filter in filters {
            lines.append("\(filter): \(try await store.products(1, filter: filter, page: PageRequest(limit: 2)))")
            lines.append("\(filter) after 3: \(try await store.products(1, filter: filter, page: PageRequest(limit: 2, startingAfter: 3)))")
        }
        var mug = try #require(try await store.product(1, id: 3))
        mug.title = "Big mug"
        mug.status = .listed
        try await store.updateProduct(1, mug, now: now)
        var sku = mug.skus[0]
        sku.price = Money(999, .cny)
        sku.lowStockThreshold = 4
        try await store.updateSKU(1, sku)
        lines.append("\(String(describing: try await store.product(1, id: 3)))")
        lines.append("\(try await store.skuListings(1, codes: ["MUG", "WH-2", "none"]).sorted { $0.key < $1.key })")
        lines.append("\(try await store.skuCodes(1, ids: [1, 4, 42]).sorted { $0.key < $1.key })")

        _ = try await store.createWarehouse(1, code: "north", name: "North", priority: 2)
        lines.append("\(try await store.warehouses(1))")
        for (skuID, warehouse, delta) in [(1, 1, 5), (1, 2, 4), (2, 2, 1), (4, 1, 2), (6, 2, 9), (1, 1, -2)] as [(Int64, Int64, Int64)] {
            lines.append("\(try await store.adjustStock(1, skuID: skuID, skuCode: "c\(skuID)", warehouseID: warehouse, delta: delta, reason: .countCorrection, note: "n", now: now))")
        }
        lines.append("\(try await store.stockLevels(1, skuID: 1))")
        lines.append("\(try await store.movements(1, skuID: nil, page: PageRequest(limit: 4)))")
        lines.append("\(try await store.movements(1, skuID: 1, page: PageRequest(limit: 4, startingAfter: 5)))")
        lines.append("\(try await store.stockTotals(1).map { "\($0.sku.code) \($0.level)" })")
        lines.append("\(try await store.lowStock(1).map { "\($0.sku.code) \($0.level)" })")
        lines.append("\(try await store.activeHolds(1, skuID: nil, limit: 5).items)")

        let user = try await store.createDashboardUser(1, username: "ops", role: .operator, passwordHash: "p", now: now)
        _ = try await store.createDashboardUser(1, username: "Admin", role: .admin, passwordHash: "p", now: now)
        lines.append("\(try await store.dashboardUsers(1))")
        try await store.createDashboardSession(tokenHash: "s", userID: user.id, csrfToken: "c", expiresAt: now.adding(seconds: 60), now: now)
        lines.append("\(String(describing: try await store.dashboardSession(tokenHash: "s", now: now)))")
        try await store.createSignInLink(tokenHash: "l", userID: user.id, expiresAt: now.adding(seconds: 60))
        lines.append("\(String(describing: try await store.consumeSignInLink(tokenHash: "l", now: now)))")
        lines.append("\(String(describing: try await store.consumeSignInLink(tokenHash: "l", now: now)))")

        // Failures last: PostgreSQL's identity sequences do not roll back, so later ids would differ.
        lines.append(await Self.failure { _ = try await store.adjustStock(1, skuID: 2, skuCode: "SE_1", warehouseID: 2, delta: -2, reason: .damage, note: nil, now: now) })
        lines.append(await Self.failure { _ = try await store.createCategory(1, name: "Green", parentID: tea.id) })
        lines.append(await Self.failure { _ = try await store.createWarehouse(1, code: "north", name: "N", priority: 0) })
        lines.append(await Self.failure { _ = try await store.createDashboardUser(1, username: "ops", role: .viewer, passwordHash: "p", now: now) })
        lines.append(await Self.failure {
            _ = try await store.createProduct(1, NewProduct(
                title: "Dup", description: "", categoryID: nil, attributes: [:], status: .draft, lifecycleStage: .new,
                skus: [NewSKU(code: "MUG", specs: [:], price: Money(1, .cny), cost: nil, weightGrams: nil, barcode: nil, lowStockThreshold: 0)]),
                now: now)
        })
        lines.append("\(try await store.products(1, filter: ProductFilter(), page: PageRequest()).items.count)")
        return lines
    }

    static func failure(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }
}
