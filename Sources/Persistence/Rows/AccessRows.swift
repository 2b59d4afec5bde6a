import Commerce

/// Shop, API key and dashboard user and session rows (`SELECT *`, read by name).
enum AccessRows {
    static func shop(_ row: some RecordRow) -> ShopInfo {
        ShopInfo(
            id: row.int("id"), name: row.text("name"), currency: Currency(row.text("currency")) ?? .cny, timeZone: row.text("time_zone"),
            shippingFee: row.int("shipping_fee"))
    }

    /// Nil for a role this build does not know.
    static func apiKey(_ row: some RecordRow) -> APIKeyRecord? {
        guard let role = Role(rawValue: row.text("role")) else { return nil }
        return APIKeyRecord(id: row.int("id"), shopID: row.int("shop_id"), role: role, name: row.text("name"))
    }

    /// Nil for a role this build does not know.
    static func dashboardUser(_ row: some RecordRow) -> DashboardUser? {
        guard let role = Role(rawValue: row.text("role")) else { return nil }
        return DashboardUser(
            id: row.int("id"), shopID: row.int("shop_id"), username: row.text("username"), role: role, passwordHash: row.text("password_hash"))
    }

    /// A session from its user's columns with the session's `csrf_token` and `expires_at`.
    static func dashboardSession(_ row: some RecordRow) -> DashboardSession? {
        guard let user = dashboardUser(row) else { return nil }
        return DashboardSession(user: user, csrfToken: row.text("csrf_token"), expiresAt: row.instant("expires_at"))
    }
}
