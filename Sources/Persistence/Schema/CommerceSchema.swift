/// Shops, keys, catalog, stock, customers, orders, payments and idempotency keys.
enum CommerceSchema {
    static let core = """
        CREATE TABLE shops (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            currency TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE settings (
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (shop_id, key)
        );
        CREATE TABLE api_keys (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            role TEXT NOT NULL,
            name TEXT NOT NULL,
            prefix TEXT NOT NULL,
            secret_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );
        CREATE TABLE categories (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            name TEXT NOT NULL,
            parent_id INTEGER REFERENCES categories(id)
        );
        CREATE UNIQUE INDEX categories_name ON categories(shop_id, COALESCE(parent_id, 0), name);
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            category_id INTEGER REFERENCES categories(id),
            attributes TEXT NOT NULL,
            status TEXT NOT NULL,
            lifecycle_stage TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX products_category ON products(shop_id, category_id);
        CREATE TABLE skus (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            product_id INTEGER NOT NULL REFERENCES products(id),
            code TEXT NOT NULL,
            specs TEXT NOT NULL,
            price INTEGER NOT NULL CHECK (price >= 0),
            currency TEXT NOT NULL,
            cost INTEGER CHECK (cost >= 0),
            weight_grams INTEGER,
            barcode TEXT,
            low_stock_threshold INTEGER NOT NULL DEFAULT 0,
            UNIQUE (shop_id, code)
        );
        CREATE INDEX skus_product ON skus(product_id);
        CREATE TABLE warehouses (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            priority INTEGER NOT NULL,
            UNIQUE (shop_id, code)
        );
        CREATE TABLE stock_levels (
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            sku_id INTEGER NOT NULL REFERENCES skus(id),
            warehouse_id INTEGER NOT NULL REFERENCES warehouses(id),
            on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
            held INTEGER NOT NULL CHECK (held >= 0),
            allocated INTEGER NOT NULL CHECK (allocated >= 0),
            CHECK (on_hand - held - allocated >= 0),
            PRIMARY KEY (sku_id, warehouse_id)
        ) WITHOUT ROWID;
        CREATE TABLE stock_movements (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            sku_id INTEGER NOT NULL,
            warehouse_id INTEGER NOT NULL,
            reason TEXT NOT NULL,
            on_hand_delta INTEGER NOT NULL,
            held_delta INTEGER NOT NULL,
            allocated_delta INTEGER NOT NULL,
            order_id INTEGER,
            note TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX stock_movements_sku ON stock_movements(shop_id, sku_id, id);
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            name TEXT NOT NULL,
            phone TEXT,
            email TEXT,
            acquisition_channel TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            customer_id INTEGER REFERENCES customers(id),
            status TEXT NOT NULL,
            currency TEXT NOT NULL,
            subtotal INTEGER NOT NULL,
            discount INTEGER NOT NULL,
            shipping INTEGER NOT NULL,
            total INTEGER NOT NULL CHECK (total >= 0),
            shipping_address TEXT,
            carrier TEXT,
            tracking_number TEXT,
            cancel_reason TEXT,
            hold_expires_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX orders_status ON orders(shop_id, status, id);
        CREATE INDEX orders_pending_expiry ON orders(hold_expires_at) WHERE status = 'pending_payment';
        CREATE TABLE order_lines (
            order_id INTEGER NOT NULL REFERENCES orders(id),
            line_no INTEGER NOT NULL,
            shop_id INTEGER NOT NULL,
            sku_id INTEGER NOT NULL,
            sku_code TEXT NOT NULL,
            title TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            unit_price INTEGER NOT NULL,
            discount INTEGER NOT NULL CHECK (discount >= 0),
            total INTEGER NOT NULL CHECK (total >= 0),
            PRIMARY KEY (order_id, line_no)
        ) WITHOUT ROWID;
        CREATE TABLE order_stock (
            order_id INTEGER NOT NULL REFERENCES orders(id),
            sku_id INTEGER NOT NULL,
            warehouse_id INTEGER NOT NULL,
            shop_id INTEGER NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            PRIMARY KEY (order_id, sku_id, warehouse_id)
        ) WITHOUT ROWID;
        CREATE TABLE payments (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            order_id INTEGER NOT NULL REFERENCES orders(id),
            amount INTEGER NOT NULL,
            currency TEXT NOT NULL,
            status TEXT NOT NULL,
            source TEXT NOT NULL,
            reference TEXT NOT NULL,
            refusal_reason TEXT,
            created_at INTEGER NOT NULL,
            UNIQUE (shop_id, reference)
        );
        CREATE INDEX payments_order ON payments(order_id);
        CREATE TABLE refunds (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id),
            order_id INTEGER NOT NULL REFERENCES orders(id),
            amount INTEGER NOT NULL CHECK (amount >= 0),
            currency TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX refunds_order ON refunds(order_id);
        CREATE TABLE idempotency_keys (
            shop_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            status INTEGER,
            body BLOB,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (shop_id, key)
        ) WITHOUT ROWID;
        """
}
