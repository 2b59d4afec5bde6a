import Commerce

extension PostgresStore {
    public func createDashboardUser(_ shop: ShopID, username: String, role: Role, passwordHash: String, now: Instant) async throws -> DashboardUser {
        try await write { db in
            // One statement, so two instances creating the same name cannot both pass a check first.
            guard let row = try await db.row(
                """
                INSERT INTO dashboard_users (shop_id, username, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (username) DO NOTHING RETURNING id
                """, [shop, username, role.rawValue, passwordHash, now.millisecondsSinceEpoch])
            else { throw StoreError.duplicate(field: "username", value: username) }
            return DashboardUser(id: row[0], shopID: shop, username: username, role: role, passwordHash: passwordHash)
        }
    }

    public func setDashboardPassword(userID: Int64, passwordHash: String) async throws {
        try await write { db in
            try await db.run("UPDATE dashboard_users SET password_hash = ? WHERE id = ?", [passwordHash, userID])
            // A new password signs out every browser of the old one.
            try await db.run("DELETE FROM dashboard_sessions WHERE user_id = ?", [userID])
        }
    }

    public func dashboardUser(username: String) async throws -> DashboardUser? {
        try await read { db in
            try await db.row("SELECT * FROM dashboard_users WHERE username = ?", [username]).flatMap(AccessRows.dashboardUser)
        }
    }

    public func dashboardUsers(_ shop: ShopID) async throws -> [DashboardUser] {
        try await read { db in
            // Bytewise, as SQLite sorts, whatever the database's collation.
            try await db.rows("SELECT * FROM dashboard_users WHERE shop_id = ? ORDER BY username COLLATE \"C\"", [shop])
                .compactMap(AccessRows.dashboardUser)
        }
    }

    public func createDashboardSession(tokenHash: String, userID: Int64, csrfToken: String, expiresAt: Instant, now: Instant) async throws {
        try await write { db in
            try await db.run("DELETE FROM dashboard_sessions WHERE expires_at <= ?", [now.millisecondsSinceEpoch])
            try await db.run(
                "INSERT INTO dashboard_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [tokenHash, userID, csrfToken, now.millisecondsSinceEpoch, expiresAt.millisecondsSinceEpoch])
        }
    }

    public func dashboardSession(tokenHash: String, now: Instant) async throws -> DashboardSession? {
        try await read { db in
            try await db.row(
                """
                SELECT u.*, s.csrf_token, s.expires_at FROM dashboard_sessions s JOIN dashboard_users u ON u.id = s.user_id
                WHERE s.token_hash = ? AND s.expires_at > ?
                """, [tokenHash, now.millisecondsSinceEpoch]
            ).flatMap(AccessRows.dashboardSession)
        }
    }

    public func deleteDashboardSession(tokenHash: String) async throws {
        try await write { db in _ = try await db.run("DELETE FROM dashboard_sessions WHERE token_hash = ?", [tokenHash]) }
    }

    public func createSignInLink(tokenHash: String, userID: Int64, expiresAt: Instant) async throws {
        try await write { db in
            _ = try await db.run(
                "INSERT INTO dashboard_sign_in_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                [tokenHash, userID, expiresAt.millisecondsSinceEpoch])
        }
    }

    public func consumeSignInLink(tokenHash: String, now: Instant) async throws -> DashboardUser? {
        try await write { db in
            // The delete is the claim: of two instances consuming the link at once, the second waits
            // for the first's row lock and then finds no row, so the link signs in once.
            guard let row = try await db.row(
                """
                WITH link AS (DELETE FROM dashboard_sign_in_links WHERE token_hash = ? RETURNING user_id, expires_at)
                SELECT u.*, link.expires_at AS link_expires_at FROM link JOIN dashboard_users u ON u.id = link.user_id
                """, [tokenHash]),
                Instant(millisecondsSinceEpoch: row["link_expires_at"]) > now
            else { return nil }
            return AccessRows.dashboardUser(row)
        }
    }
}
