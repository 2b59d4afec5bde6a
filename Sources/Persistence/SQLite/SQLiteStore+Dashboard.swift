import Commerce
import GRDB

extension SQLiteStore {
    public func createDashboardUser(_ shop: ShopID, username: String, role: Role, passwordHash: String, now: Instant) async throws -> DashboardUser {
        try await pool.write { db in
            guard try db.row("SELECT 1 FROM dashboard_users WHERE username = ?", [username]) == nil else {
                throw StoreError.duplicate(field: "username", value: username)
            }
            try db.run(
                "INSERT INTO dashboard_users (shop_id, username, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                [shop, username, role.rawValue, passwordHash, now.millisecondsSinceEpoch])
            return DashboardUser(id: db.lastInsertedRowID, shopID: shop, username: username, role: role, passwordHash: passwordHash)
        }
    }

    public func setDashboardPassword(userID: Int64, passwordHash: String) async throws {
        try await pool.write { db in
            try db.run("UPDATE dashboard_users SET password_hash = ? WHERE id = ?", [passwordHash, userID])
            // A new password signs out every browser of the old one.
            try db.run("DELETE FROM dashboard_sessions WHERE user_id = ?", [userID])
        }
    }

    public func dashboardUser(username: String) async throws -> DashboardUser? {
        try await pool.read { db in
            try db.row("SELECT * FROM dashboard_users WHERE username = ?", [username]).flatMap(AccessRows.dashboardUser)
        }
    }

    public func dashboardUsers(_ shop: ShopID) async throws -> [DashboardUser] {
        try await pool.read { db in
            try db.rows("SELECT * FROM dashboard_users WHERE shop_id = ? ORDER BY username", [shop]).compactMap(AccessRows.dashboardUser)
        }
    }

    public func createDashboardSession(tokenHash: String, userID: Int64, csrfToken: String, expiresAt: Instant, now: Instant) async throws {
        try await pool.write { db in
            try db.run("DELETE FROM dashboard_sessions WHERE expires_at <= ?", [now.millisecondsSinceEpoch])
            try db.run(
                "INSERT INTO dashboard_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [tokenHash, userID, csrfToken, now.millisecondsSinceEpoch, expiresAt.millisecondsSinceEpoch])
        }
    }

    public func dashboardSession(tokenHash: String, now: Instant) async throws -> DashboardSession? {
        try await pool.read { db in
            try db.row(
                """
                SELECT u.*, s.csrf_token, s.expires_at FROM dashboard_sessions s JOIN dashboard_users u ON u.id = s.user_id
                WHERE s.token_hash = ? AND s.expires_at > ?
                """, [tokenHash, now.millisecondsSinceEpoch]
            ).flatMap(AccessRows.dashboardSession)
        }
    }

    public func deleteDashboardSession(tokenHash: String) async throws {
        try await pool.write { db in try db.run("DELETE FROM dashboard_sessions WHERE token_hash = ?", [tokenHash]) }
    }

    public func createSignInLink(tokenHash: String, userID: Int64, expiresAt: Instant) async throws {
        try await pool.write { db in
            try db.run("INSERT INTO dashboard_sign_in_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                       [tokenHash, userID, expiresAt.millisecondsSinceEpoch])
        }
    }

    public func consumeSignInLink(tokenHash: String, now: Instant) async throws -> DashboardUser? {
        try await pool.write { db in
            guard let link = try db.row("SELECT user_id, expires_at FROM dashboard_sign_in_links WHERE token_hash = ?", [tokenHash]) else { return nil }
            try db.run("DELETE FROM dashboard_sign_in_links WHERE token_hash = ?", [tokenHash])
            guard link.instant("expires_at") > now else { return nil }
            return try db.row("SELECT * FROM dashboard_users WHERE id = ?", [link["user_id"] as Int64]).flatMap(AccessRows.dashboardUser)
        }
    }
}
