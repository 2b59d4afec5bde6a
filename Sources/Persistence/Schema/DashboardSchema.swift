/// Dashboard users, sessions and one-time sign-in links. Tokens are stored only as hashes.
enum DashboardSchema {
    static let dashboard = """
        CREATE TABLE dashboard_users (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            username TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX dashboard_users_shop ON dashboard_users (shop_id);
        CREATE TABLE dashboard_sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES dashboard_users(id),
            csrf_token TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE dashboard_sign_in_links (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES dashboard_users(id),
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """
}
