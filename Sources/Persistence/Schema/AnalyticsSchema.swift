/// Tables of tracked events and ad spend; the paid time of orders.
enum AnalyticsSchema {
    static let analytics = """
        -- Append-only and the busiest table: no foreign key check per row (the shop comes from the
        -- authenticated key).
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL,
            uid BLOB NOT NULL,
            type TEXT NOT NULL,
            ts INTEGER NOT NULL,
            anonymous_id TEXT,
            customer_id INTEGER,
            session_id TEXT,
            channel TEXT NOT NULL,
            device TEXT NOT NULL,
            sku_id INTEGER,
            order_id INTEGER,
            value INTEGER,
            url TEXT,
            referrer TEXT,
            utm_source TEXT,
            utm_medium TEXT,
            utm_campaign TEXT,
            properties TEXT,
            received_at INTEGER NOT NULL,
            CHECK (anonymous_id IS NOT NULL OR customer_id IS NOT NULL)
        );
        -- Client ids are unique per shop through SQLiteStore's EventIDIndex (in memory, see there).
        CREATE UNIQUE INDEX events_order ON events(shop_id, type, order_id)
            WHERE order_id IS NOT NULL AND type IN ('order_placed', 'order_paid');
        CREATE TABLE ad_spend (
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            day TEXT NOT NULL,
            channel TEXT NOT NULL,
            campaign TEXT NOT NULL,
            spend INTEGER NOT NULL CHECK (spend >= 0),
            impressions INTEGER NOT NULL CHECK (impressions >= 0),
            clicks INTEGER NOT NULL CHECK (clicks >= 0),
            PRIMARY KEY (shop_id, day, channel, campaign)
        ) WITHOUT ROWID;
        ALTER TABLE orders ADD COLUMN paid_at INTEGER;
        ALTER TABLE orders ADD COLUMN session_id TEXT;
        ALTER TABLE orders ADD COLUMN anonymous_id TEXT;
        UPDATE orders SET paid_at = (
            SELECT MIN(created_at) FROM payments
            WHERE payments.order_id = orders.id AND payments.status IN ('succeeded', 'refunded'));
        """

    /// Orders by customer (a customer's earlier orders: new-customer counts, profiles) and by time
    /// placed (a promotion's review period).
    static let orderIndexes = """
        CREATE INDEX orders_customer ON orders(shop_id, customer_id, created_at);
        CREATE INDEX orders_placed ON orders(shop_id, created_at);
        """
}

/// Keys of orders and customers brought in from other systems, so an import can be repeated.
enum ImportSchema {
    static let imports = """
        ALTER TABLE orders ADD COLUMN external_id TEXT;
        CREATE UNIQUE INDEX orders_external ON orders(shop_id, external_id) WHERE external_id IS NOT NULL;
        ALTER TABLE customers ADD COLUMN external_id TEXT;
        CREATE UNIQUE INDEX customers_external ON customers(shop_id, external_id) WHERE external_id IS NOT NULL;
        """
}

/// A/B experiments; their exposures are `experiment_exposure` events.
enum ExperimentSchema {
    static let experiments = """
        CREATE TABLE experiments (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            definition TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'running', 'stopped')),
            started_at INTEGER,
            stopped_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (shop_id, key)
        );
        """
}
