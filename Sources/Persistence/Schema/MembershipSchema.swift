/// Members: growth value and tier per customer, tier history, and the append-only points ledger.
enum MembershipSchema {
    static let membership = """
        CREATE TABLE memberships (
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            growth INTEGER NOT NULL CHECK (growth >= 0),
            tier INTEGER NOT NULL CHECK (tier >= 0),
            -- The ledger's sum, kept with every entry written.
            points INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
            -- No lot can expire before this (NULL: none can): before it, no ledger replay is needed.
            next_expiry_at INTEGER,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (shop_id, customer_id)
        ) WITHOUT ROWID;
        CREATE TABLE tier_changes (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            from_tier INTEGER NOT NULL,
            to_tier INTEGER NOT NULL,
            growth INTEGER NOT NULL,
            reason TEXT NOT NULL,
            order_id INTEGER,
            at INTEGER NOT NULL
        );
        CREATE INDEX tier_changes_customer ON tier_changes(shop_id, customer_id, id);
        CREATE TABLE points_ledger (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            kind TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount != 0),
            at INTEGER NOT NULL,
            expires_at INTEGER,
            order_id INTEGER,
            note TEXT
        );
        CREATE INDEX points_ledger_customer ON points_ledger(shop_id, customer_id, id);
        CREATE INDEX points_ledger_order ON points_ledger(shop_id, order_id) WHERE order_id IS NOT NULL;
        """
}
