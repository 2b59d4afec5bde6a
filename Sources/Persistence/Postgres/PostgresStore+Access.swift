import Commerce

extension PostgresStore {
    public func shop(_ id: ShopID) async throws -> ShopInfo? {
        try await read { db in
            try await db.row("SELECT * FROM shops WHERE id = ?", [id]).map(AccessRows.shop)
        }
    }

    public func setShippingFee(_ shop: ShopID, amount: Int64) async throws {
        try await write { db in _ = try await db.run("UPDATE shops SET shipping_fee = ? WHERE id = ?", [amount, shop]) }
    }

    public func setTimeZone(_ shop: ShopID, identifier: String) async throws {
        try await write { db in _ = try await db.run("UPDATE shops SET time_zone = ? WHERE id = ?", [identifier, shop]) }
    }

    public func setting(_ shop: ShopID, key: String) async throws -> String? {
        try await read { db in
            try await db.row("SELECT value FROM settings WHERE shop_id = ? AND key = ?", [shop, key]).map { $0["value"] }
        }
    }

    public func setSetting(_ shop: ShopID, key: String, value: String) async throws {
        try await write { db in
            _ = try await db.run(
                "INSERT INTO settings (shop_id, key, value) VALUES (?, ?, ?) ON CONFLICT (shop_id, key) DO UPDATE SET value = excluded.value",
                [shop, key, value])
        }
    }

    public func createAPIKey(_ shop: ShopID, role: Role, name: String, secretHash: String, prefix: String, now: Instant) async throws -> APIKeyRecord {
        try await write { db in
            let id = try await db.insert(
                "INSERT INTO api_keys (shop_id, role, name, prefix, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [shop, role.rawValue, name, prefix, secretHash, now.millisecondsSinceEpoch])
            return APIKeyRecord(id: id, shopID: shop, role: role, name: name)
        }
    }

    public func apiKey(secretHash: String) async throws -> APIKeyRecord? {
        try await read { db in
            try await db.row("SELECT * FROM api_keys WHERE secret_hash = ? AND revoked_at IS NULL", [secretHash]).flatMap(AccessRows.apiKey)
        }
    }
}

extension PostgresStore {
    public func createCustomer(_ shop: ShopID, name: String, phone: String?, email: String?, acquisitionChannel: String?, now: Instant) async throws -> Customer {
        try await write { db in
            let id = try await db.insert(
                "INSERT INTO customers (shop_id, name, phone, email, acquisition_channel, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [shop, name, phone, email, acquisitionChannel, now.millisecondsSinceEpoch])
            return Customer(id: id, name: name, phone: phone, email: email, acquisitionChannel: acquisitionChannel, createdAt: now)
        }
    }

    public func customer(_ shop: ShopID, id: Int64) async throws -> Customer? {
        try await read { db in
            try await db.row("SELECT * FROM customers WHERE shop_id = ? AND id = ?", [shop, id]).map(CRMRows.customer)
        }
    }

    public func customers(_ shop: ShopID, page: PageRequest) async throws -> Page<Customer> {
        try await read { db in
            try await db.rows(
                "SELECT * FROM customers WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                [shop, page.startingAfter ?? Int64.max, page.limit + 1]
            ).map(CRMRows.customer).page(limit: page.limit)
        }
    }

    public func customers(_ shop: ShopID, ids: [Int64]) async throws -> [Customer] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [] }
        return try await read { db in
            let marks = Array(repeating: "?", count: unique.count).joined(separator: ",")
            return try await db.rows("SELECT * FROM customers WHERE shop_id = ? AND id IN (\(marks))", [shop] + unique)
                .map(CRMRows.customer)
        }
    }
}

extension PostgresStore {
    public func beginIdempotent(_ shop: ShopID, key: String, fingerprint: String, now: Instant) async throws -> IdempotencyState {
        try await write { db in
            // Claim the key first: SQLite's read-then-insert relies on its single writer, while here
            // another instance may claim the same key at once. A key it claimed (and maybe committed
            // since) is read afterwards; one abandoned in between is claimed again.
            while true {
                let claimed = try await db.run(
                    "INSERT INTO idempotency_keys (shop_id, key, fingerprint, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [shop, key, fingerprint, now.millisecondsSinceEpoch])
                if claimed == 1 { return .proceed }
                guard let row = try await db.row("SELECT fingerprint, status, body FROM idempotency_keys WHERE shop_id = ? AND key = ?", [shop, key])
                else { continue }
                guard row["fingerprint"] as String == fingerprint else { return .mismatch }
                guard let status = row["status"] as Int64? else { return .inProgress }
                return .replay(status: Int(status), body: row.isNull("body") ? [] : row["body"])
            }
        }
    }

    public func completeIdempotent(_ shop: ShopID, key: String, status: Int, body: [UInt8]) async throws {
        try await write { db in
            _ = try await db.run("UPDATE idempotency_keys SET status = ?, body = ? WHERE shop_id = ? AND key = ?", [status, body, shop, key])
        }
    }

    public func abandonIdempotent(_ shop: ShopID, key: String) async throws {
        try await write { db in
            _ = try await db.run("DELETE FROM idempotency_keys WHERE shop_id = ? AND key = ? AND status IS NULL", [shop, key])
        }
    }
}
