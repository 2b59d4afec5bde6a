/// Customer relations: opt-outs, erasure, saved segments, campaigns with their members, and the
/// outbox of messages a delivery worker sends.
enum CRMSchema {
    static let crm = """
        ALTER TABLE customers ADD COLUMN erased_at INTEGER;
        CREATE TABLE customer_opt_outs (
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'wechat')),
            at INTEGER NOT NULL,
            PRIMARY KEY (shop_id, customer_id, channel)
        ) WITHOUT ROWID;
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            name TEXT NOT NULL,
            rules TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (shop_id, name)
        );
        CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            name TEXT NOT NULL,
            segment_id INTEGER NOT NULL REFERENCES segments(id),
            action TEXT NOT NULL CHECK (action IN ('coupon', 'message')),
            coupon_id INTEGER REFERENCES coupons(id),
            channel TEXT,
            template TEXT,
            holdout_percent INTEGER NOT NULL CHECK (holdout_percent BETWEEN 0 AND 50),
            attribution_days INTEGER NOT NULL CHECK (attribution_days BETWEEN 1 AND 90),
            launched_at INTEGER NOT NULL
        );
        CREATE TABLE campaign_members (
            shop_id INTEGER NOT NULL,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            holdout INTEGER NOT NULL CHECK (holdout IN (0, 1)),
            outcome TEXT NOT NULL,
            PRIMARY KEY (campaign_id, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX campaign_members_customer ON campaign_members(shop_id, customer_id);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            campaign_id INTEGER REFERENCES campaigns(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'wechat')),
            body TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            created_at INTEGER NOT NULL,
            taken_at INTEGER,
            finished_at INTEGER
        );
        CREATE INDEX outbox_waiting ON outbox(status, id) WHERE status IN ('pending', 'sending');
        CREATE INDEX outbox_customer ON outbox(shop_id, customer_id, created_at);
        """
}
