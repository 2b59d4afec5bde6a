/// Tables of promotions, coupons and what orders took from them.
enum PromotionSchema {
    static let promotions = """
        CREATE TABLE promotions (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            rule TEXT NOT NULL,
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            priority INTEGER NOT NULL,
            exclusive INTEGER NOT NULL,
            status TEXT NOT NULL,
            budget_cap INTEGER,
            budget_used INTEGER NOT NULL DEFAULT 0 CHECK (budget_used >= 0 AND (budget_cap IS NULL OR budget_used <= budget_cap)),
            uses_cap INTEGER,
            uses_count INTEGER NOT NULL DEFAULT 0 CHECK (uses_count >= 0 AND (uses_cap IS NULL OR uses_count <= uses_cap)),
            flash_sku_id INTEGER,
            flash_stock INTEGER,
            flash_sold INTEGER NOT NULL DEFAULT 0 CHECK (flash_sold >= 0 AND (flash_stock IS NULL OR flash_sold <= flash_stock)),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX promotions_window ON promotions(shop_id, ends_at, starts_at);
        CREATE INDEX promotions_flash_sku ON promotions(shop_id, flash_sku_id) WHERE flash_sku_id IS NOT NULL;
        CREATE TABLE flash_purchases (
            promotion_id INTEGER NOT NULL REFERENCES promotions(id),
            customer_id INTEGER NOT NULL,
            shop_id INTEGER NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity >= 0),
            PRIMARY KEY (promotion_id, customer_id)
        ) WITHOUT ROWID;
        CREATE TABLE coupons (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            name TEXT NOT NULL,
            terms TEXT NOT NULL,
            starts_at INTEGER,
            ends_at INTEGER,
            valid_days INTEGER,
            total_limit INTEGER,
            per_customer_limit INTEGER NOT NULL,
            issued INTEGER NOT NULL DEFAULT 0 CHECK (issued >= 0 AND (total_limit IS NULL OR issued <= total_limit)),
            code TEXT,
            code_mode TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (shop_id, code)
        );
        CREATE TABLE coupon_codes (
            shop_id INTEGER NOT NULL,
            code TEXT NOT NULL,
            coupon_id INTEGER NOT NULL REFERENCES coupons(id),
            claim_id INTEGER,
            PRIMARY KEY (shop_id, code)
        ) WITHOUT ROWID;
        CREATE INDEX coupon_codes_free ON coupon_codes(coupon_id) WHERE claim_id IS NULL;
        CREATE TABLE coupon_claims (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL,
            coupon_id INTEGER NOT NULL REFERENCES coupons(id),
            customer_id INTEGER NOT NULL,
            code TEXT NOT NULL,
            status TEXT NOT NULL,
            valid_from INTEGER NOT NULL,
            valid_until INTEGER NOT NULL,
            order_id INTEGER,
            claimed_at INTEGER NOT NULL
        );
        CREATE INDEX coupon_claims_customer ON coupon_claims(shop_id, customer_id, coupon_id);
        CREATE INDEX coupon_claims_code ON coupon_claims(shop_id, code);
        CREATE TABLE order_discounts (
            order_id INTEGER NOT NULL REFERENCES orders(id),
            shop_id INTEGER NOT NULL,
            source TEXT NOT NULL,
            source_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount >= 0),
            units INTEGER NOT NULL,
            claim_id INTEGER,
            PRIMARY KEY (order_id, source, source_id)
        ) WITHOUT ROWID;
        CREATE INDEX order_discounts_source ON order_discounts(shop_id, source, source_id);
        CREATE TABLE order_line_discounts (
            order_id INTEGER NOT NULL REFERENCES orders(id),
            line_no INTEGER NOT NULL,
            shop_id INTEGER NOT NULL,
            source TEXT NOT NULL,
            source_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount >= 0),
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (order_id, line_no, source, source_id)
        ) WITHOUT ROWID;
        ALTER TABLE orders ADD COLUMN shipping_discount INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE shops ADD COLUMN shipping_fee INTEGER NOT NULL DEFAULT 0;
        """
}
