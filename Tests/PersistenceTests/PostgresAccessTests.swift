import Commerce
@testable import Persistence
import StoreTesting
import Testing

/// Shops, settings, API keys, customers, idempotency keys, dashboard users and pricing versions on PostgreSQL.
@Suite struct PostgresAccessTests {
    static let now = Instant(millisecondsSinceEpoch: 1_780_000_000_000)

    static func store() async throws -> PostgresStore {
        let store = try await TestStores.postgres()
        _ = try await store.bootstrapDefaultShop(now: now)
        return store
    }

    /// A second instance on the same schema, as another server process would be.
    static func peer(of store: PostgresStore) async throws -> PostgresStore {
        try await PostgresStore(try PostgresLocation(url: TestStores.postgresURL!).withSchema(store.schema))
    }

    @Test func shopSettingsAndKeysRoundTrip() async throws {
        let store = try await Self.store()
        defer { store.close() }
        let again = try await store.bootstrapDefaultShop(name: "Other", currency: Currency("USD")!, timeZone: "UTC", now: Self.now)
        #expect(again == ShopInfo(id: 1, name: "Yunying Shop", currency: .cny, timeZone: "Asia/Shanghai"))
        #expect(try await store.warehouses(1).map(\.code) == ["main"])
        try await store.setShippingFee(1, amount: 800)
        try await store.setTimeZone(1, identifier: "Europe/Berlin")
        #expect(try await store.shop(1) == ShopInfo(id: 1, name: "Yunying Shop", currency: .cny, timeZone: "Europe/Berlin", shippingFee: 800))
        #expect(try await store.shop(2) == nil)

        #expect(try await store.setting(1, key: "theme") == nil)
        try await store.setSetting(1, key: "theme", value: "dark")
        try await store.setSetting(1, key: "theme", value: "light")
        #expect(try await store.setting(1, key: "theme") == "light")

        let key = try await store.createAPIKey(1, role: .analyst, name: "BI", secretHash: "h1", prefix: "yk_ab", now: Self.now)
        #expect(try await store.apiKey(secretHash: "h1") == APIKeyRecord(id: key.id, shopID: 1, role: .analyst, name: "BI"))
        #expect(try await store.apiKey(secretHash: "h2") == nil)
    }

    /// Two writes locking the same rows in opposite orders deadlock; the one PostgreSQL aborts runs again.
    @Test func deadlockedWritesAreRetried() async throws {
        let store = try await Self.store()
        defer { store.close() }
        try await store.setSetting(1, key: "a", value: "0")
        try await store.setSetting(1, key: "b", value: "0")
        let attempts = Attempts()
        @Sendable func cross(_ first: String, _ second: String) async throws {
            try await store.write { db in
                let attempt = await attempts.count(first)
                _ = try await db.run("UPDATE settings SET value = value || '1' WHERE shop_id = 1 AND key = ?", [first])
                // Both first attempts hold their first row before either asks for its second: a sure deadlock.
                if attempt == 1 { await attempts.bothHoldTheirFirstRow() }
                _ = try await db.run("UPDATE settings SET value = value || '1' WHERE shop_id = 1 AND key = ?", [second])
            }
        }
        async let one: Void = cross("a", "b")
        async let two: Void = cross("b", "a")
        _ = try await (one, two)
        #expect(await attempts.value == 3)
        #expect(try await store.setting(1, key: "a") == "011")
        #expect(try await store.setting(1, key: "b") == "011")
    }

    actor Attempts {
        var value = 0
        private var byWriter: [String: Int] = [:]
        private var waiting: CheckedContinuation<Void, Never>?

        /// Counts an attempt; returns how many the writer has made.
        func count(_ writer: String) -> Int {
            value += 1
            byWriter[writer, default: 0] += 1
            return byWriter[writer]!
        }

        /// Returns once both writers have called it.
        func bothHoldTheirFirstRow() async {
            if let other = waiting {
                waiting = nil
                other.resume()
            } else {
                await withCheckedContinuation { waiting = $0 }
            }
        }
    }

    @Test func customersPageNewestFirst() async throws {
        let store = try await Self.store()
        defer { store.close() }
        var created: [Customer] = []
        for index in 0..<5 {
            created.append(try await store.createCustomer(
                1, name: "C\(index)", phone: index == 0 ? nil : "13\(index)", email: nil, acquisitionChannel: "ads", now: Self.now))
        }
        let first = try await store.customers(1, page: PageRequest(limit: 2))
        #expect(first.items == [created[4], created[3]])
        #expect(first.hasMore)
        let last = try await store.customers(1, page: PageRequest(limit: 3, startingAfter: created[3].id))
        #expect(last.items == [created[2], created[1], created[0]])
        #expect(!last.hasMore)
        #expect(try await store.customer(1, id: created[0].id) == created[0])
        #expect(try await store.customer(1, id: 999) == nil)
        let some = try await store.customers(1, ids: [created[1].id, created[1].id, 999, created[3].id])
        #expect(Set(some.map(\.id)) == [created[1].id, created[3].id])
        #expect(try await store.customers(1, ids: []).isEmpty)
    }

    @Test func idempotencyKeysReplayMismatchAndAbandon() async throws {
        let store = try await Self.store()
        defer { store.close() }
        #expect(try await store.beginIdempotent(1, key: "k", fingerprint: "f", now: Self.now) == .proceed)
        #expect(try await store.beginIdempotent(1, key: "k", fingerprint: "f", now: Self.now) == .inProgress)
        #expect(try await store.beginIdempotent(1, key: "k", fingerprint: "g", now: Self.now) == .mismatch)
        try await store.completeIdempotent(1, key: "k", status: 201, body: [1, 2, 3])
        #expect(try await store.beginIdempotent(1, key: "k", fingerprint: "f", now: Self.now) == .replay(status: 201, body: [1, 2, 3]))
        try await store.abandonIdempotent(1, key: "k")
        #expect(try await store.beginIdempotent(1, key: "k", fingerprint: "f", now: Self.now) == .replay(status: 201, body: [1, 2, 3]))

        #expect(try await store.beginIdempotent(1, key: "e", fingerprint: "f", now: Self.now) == .proceed)
        try await store.completeIdempotent(1, key: "e", status: 204, body: [])
        #expect(try await store.beginIdempotent(1, key: "e", fingerprint: "f", now: Self.now) == .replay(status: 204, body: []))

        #expect(try await store.beginIdempotent(1, key: "a", fingerprint: "f", now: Self.now) == .proceed)
        try await store.abandonIdempotent(1, key: "a")
        #expect(try await store.beginIdempotent(1, key: "a", fingerprint: "g", now: Self.now) == .proceed)
    }

    /// Two instances beginning the same key at once: one proceeds, the others see it in progress.
    @Test func racingBeginsProceedOnce() async throws {
        let store = try await Self.store()
        let peer = try await Self.peer(of: store)
        defer { store.close(); peer.close() }
        for round in 0..<5 {
            let states = try await withThrowingTaskGroup(of: IdempotencyState.self) { group in
                for index in 0..<6 {
                    let instance = index.isMultiple(of: 2) ? store : peer
                    group.addTask { try await instance.beginIdempotent(1, key: "r\(round)", fingerprint: "f", now: Self.now) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(states.filter { $0 == .proceed }.count == 1)
            #expect(states.filter { $0 == .inProgress }.count == 5)
        }
    }

    @Test func dashboardUsersAndSessions() async throws {
        let store = try await Self.store()
        defer { store.close() }
        let zed = try await store.createDashboardUser(1, username: "zed", role: .viewer, passwordHash: "p0", now: Self.now)
        let ann = try await store.createDashboardUser(1, username: "ann", role: .admin, passwordHash: "p1", now: Self.now)
        await #expect(throws: StoreError.duplicate(field: "username", value: "ann")) {
            _ = try await store.createDashboardUser(1, username: "ann", role: .viewer, passwordHash: "p2", now: Self.now)
        }
        #expect(try await store.dashboardUsers(1) == [ann, zed])
        #expect(try await store.dashboardUser(username: "ann") == ann)
        #expect(try await store.dashboardUser(username: "bob") == nil)

        let later = Self.now.adding(seconds: 3600)
        try await store.createDashboardSession(tokenHash: "t1", userID: ann.id, csrfToken: "c1", expiresAt: later, now: Self.now)
        #expect(try await store.dashboardSession(tokenHash: "t1", now: Self.now) == DashboardSession(user: ann, csrfToken: "c1", expiresAt: later))
        #expect(try await store.dashboardSession(tokenHash: "t1", now: later) == nil)
        try await store.createDashboardSession(tokenHash: "t2", userID: zed.id, csrfToken: "c2", expiresAt: later, now: Self.now)
        try await store.deleteDashboardSession(tokenHash: "t2")
        #expect(try await store.dashboardSession(tokenHash: "t2", now: Self.now) == nil)

        try await store.setDashboardPassword(userID: ann.id, passwordHash: "p9")
        #expect(try await store.dashboardSession(tokenHash: "t1", now: Self.now) == nil)
        #expect(try await store.dashboardUser(username: "ann")?.passwordHash == "p9")
    }

    @Test func signInLinksWorkOnceAndExpire() async throws {
        let store = try await Self.store()
        defer { store.close() }
        let user = try await store.createDashboardUser(1, username: "ann", role: .operator, passwordHash: "p", now: Self.now)
        try await store.createSignInLink(tokenHash: "l1", userID: user.id, expiresAt: Self.now.adding(seconds: 60))
        #expect(try await store.consumeSignInLink(tokenHash: "l1", now: Self.now) == user)
        #expect(try await store.consumeSignInLink(tokenHash: "l1", now: Self.now) == nil)
        try await store.createSignInLink(tokenHash: "l2", userID: user.id, expiresAt: Self.now)
        #expect(try await store.consumeSignInLink(tokenHash: "l2", now: Self.now) == nil)
        try await store.createSignInLink(tokenHash: "l2", userID: user.id, expiresAt: Self.now.adding(seconds: 60))
        #expect(try await store.consumeSignInLink(tokenHash: "l2", now: Self.now) == user)
    }

    /// Two instances consuming the same links at once: each link signs in exactly once.
    @Test func racingSignInLinksSignInOnce() async throws {
        let store = try await Self.store()
        let peer = try await Self.peer(of: store)
        defer { store.close(); peer.close() }
        let user = try await store.createDashboardUser(1, username: "ann", role: .operator, passwordHash: "p", now: Self.now)
        for index in 0..<20 {
            try await store.createSignInLink(tokenHash: "l\(index)", userID: user.id, expiresAt: Self.now.adding(seconds: 60))
        }
        let signIns = try await withThrowingTaskGroup(of: DashboardUser?.self) { group in
            for index in 0..<20 {
                for instance in [store, peer, store, peer] {
                    group.addTask { try await instance.consumeSignInLink(tokenHash: "l\(index)", now: Self.now) }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(signIns.compactMap { $0 }.count == 20)
    }

    /// Two instances creating the same username at once: one wins, the others get `duplicate`.
    @Test func racingUsernamesAreCreatedOnce() async throws {
        let store = try await Self.store()
        let peer = try await Self.peer(of: store)
        defer { store.close(); peer.close() }
        let outcomes = await withTaskGroup(of: Result<DashboardUser, any Error>.self) { group in
            for index in 0..<6 {
                let instance = index.isMultiple(of: 2) ? store : peer
                group.addTask {
                    do {
                        return .success(try await instance.createDashboardUser(1, username: "same", role: .viewer, passwordHash: "p", now: Self.now))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { (try? $0.get()) != nil }.count == 1)
        for case .failure(let error) in outcomes {
            #expect(error as? StoreError == .duplicate(field: "username", value: "same"))
        }
    }

    @Test func catalogWritesBumpThePricingVersion() async throws {
        let store = try await Self.store()
        defer { store.close() }
        func version() async throws -> Int64 { try await store.read { db in try await PostgresStore.pricingVersion(db, shop: 1) } }
        #expect(try await version() == 0)
        let category = try await store.createCategory(1, name: "Tea", parentID: nil)
        #expect(try await version() == 1)
        var product = try await store.createProduct(1, NewProduct(
            title: "Oolong", description: "", categoryID: category.id, attributes: [:], status: .listed, lifecycleStage: .new,
            skus: [NewSKU(code: "O1", specs: [:], price: Money(100, .cny), cost: nil, weightGrams: nil, barcode: nil, lowStockThreshold: 0)]),
            now: Self.now)
        #expect(try await version() == 2)
        product.title = "Oolong tea"
        try await store.updateProduct(1, product, now: Self.now)
        var sku = product.skus[0]
        sku.price = Money(120, .cny)
        try await store.updateSKU(1, sku)
        #expect(try await version() == 4)
        await #expect(throws: StoreError.duplicate(field: "name", value: "Tea")) {
            _ = try await store.createCategory(1, name: "Tea", parentID: nil)
        }
        #expect(try await version() == 4)
        try await store.write { db in try await PostgresStore.bumpPricingVersion(db, shop: 1) }
        #expect(try await version() == 5)
    }
}
