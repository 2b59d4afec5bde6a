import Commerce
import Foundation
import GRDB

extension SQLiteStore {
    public func shop(_ id: ShopID) async throws -> ShopInfo? {
        try await pool.read { db in
            try db.row("SELECT * FROM shops WHERE id = ?", [id]).map(AccessRows.shop)
        }
    }

    public func setShippingFee(_ shop: ShopID, amount: Int64) async throws {
        try await pool.write { db in try db.run("UPDATE shops SET shipping_fee = ? WHERE id = ?", [amount, shop]) }
    }

    public func setTimeZone(_ shop: ShopID, identifier: String) async throws {
        try await pool.write { db in try db.run("UPDATE shops SET time_zone = ? WHERE id = ?", [identifier, shop]) }
    }

    public func setting(_ shop: ShopID, key: String) async throws -> String? {
        try await pool.read { db in
            try db.row("SELECT value FROM settings WHERE shop_id = ? AND key = ?", [shop, key])?["value"]
        }
    }

    public func setSetting(_ shop: ShopID, key: String, value: String) async throws {
        try await pool.write { db in
            try db.run(
                "INSERT INTO settings (shop_id, key, value) VALUES (?, ?, ?) ON CONFLICT (shop_id, key) DO UPDATE SET value = excluded.value",
                [shop, key, value])
        }
    }

    public func createAPIKey(_ shop: ShopID, role: Role, name: String, secretHash: String, prefix: String, now: Instant) async throws -> APIKeyRecord {
        try await pool.write { db in
            try db.run(
                "INSERT INTO api_keys (shop_id, role, name, prefix, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [shop, role.rawValue, name, prefix, secretHash, now.millisecondsSinceEpoch])
            return APIKeyRecord(id: db.lastInsertedRowID, shopID: shop, role: role, name: name)
        }
    }

    public func apiKey(secretHash: String) async throws -> APIKeyRecord? {
        try await pool.read { db in
            try db.row("SELECT * FROM api_keys WHERE secret_hash = ? AND revoked_at IS NULL", [secretHash]).flatMap(AccessRows.apiKey)
        }
    }
}

extension SQLiteStore {
    public func createCustomer(_ shop: ShopID, name: String, phone: String?, email: String?, acquisitionChannel: String?, now: Instant) async throws -> Customer {
        try await batcher.write { db in
            try db.run(
                "INSERT INTO customers (shop_id, name, phone, email, acquisition_channel, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [shop, name, phone, email, acquisitionChannel, now.millisecondsSinceEpoch])
            return Customer(id: db.lastInsertedRowID, name: name, phone: phone, email: email, acquisitionChannel: acquisitionChannel, createdAt: now)
        }
    }

    public func customer(_ shop: ShopID, id: Int64) async throws -> Customer? {
        try await pool.read { db in
            try db.row("SELECT * FROM customers WHERE shop_id = ? AND id = ?", [shop, id]).map(CRMRows.customer)
        }
    }

    public func customers(_ shop: ShopID, page: PageRequest) async throws -> Page<Customer> {
        try await pool.read { db in
            try db.rows(
                "SELECT * FROM customers WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                [shop, page.startingAfter ?? Int64.max, page.limit + 1]
            ).map(CRMRows.customer).page(limit: page.limit)
        }
    }

    public func customers(_ shop: ShopID, ids: [Int64]) async throws -> [Customer] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: unique.count).joined(separator: ",")
            return try db.rows("SELECT * FROM customers WHERE shop_id = ? AND id IN (\(marks))", StatementArguments([shop] + unique))
                .map(CRMRows.customer)
        }
    }
}

extension SQLiteStore {
    public func beginIdempotent(_ shop: ShopID, key: String, fingerprint: String, now: Instant) async throws -> IdempotencyState {
        try await pool.write { db in
            if let row = try db.row("SELECT fingerprint, status, body FROM idempotency_keys WHERE shop_id = ? AND key = ?", [shop, key]) {
                guard row["fingerprint"] as String == fingerprint else { return .mismatch }
                guard let status: Int = row["status"] else { return .inProgress }
                return .replay(status: status, body: [UInt8]((row["body"] as Data?) ?? Data()))
            }
            try db.run(
                "INSERT INTO idempotency_keys (shop_id, key, fingerprint, created_at) VALUES (?, ?, ?, ?)",
                [shop, key, fingerprint, now.millisecondsSinceEpoch])
            return .proceed
        }
    }

    public func completeIdempotent(_ shop: ShopID, key: String, status: Int, body: [UInt8]) async throws {
        try await pool.write { db in
            try db.run("UPDATE idempotency_keys SET status = ?, body = ? WHERE shop_id = ? AND key = ?", [status, Data(body), shop, key])
        }
    }

    public func abandonIdempotent(_ shop: ShopID, key: String) async throws {
        try await pool.write { db in
            try db.run("DELETE FROM idempotency_keys WHERE shop_id = ? AND key = ? AND status IS NULL", [shop, key])
        }
    }
}
