import GRDB

/// The SQLite schema: the shared steps, one GRDB migration each.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for step in SchemaSteps.all {
            migrator.registerMigration(step.name) { db in
                for sql in step.shared + step.sqliteOnly { try db.execute(sql: sql) }
            }
        }
        return migrator
    }

    /// A per-shop counter that triggers bump with every change analytics reads from orders
    /// (orders written, refunds, SKU costs), in the writing transaction itself, so no write path
    /// can forget it; analytics caches order facts until it moves.
    static let ordersVersion = """
        ALTER TABLE shops ADD COLUMN orders_version INTEGER NOT NULL DEFAULT 0;
        CREATE TRIGGER orders_version_on_insert AFTER INSERT ON orders BEGIN
            UPDATE shops SET orders_version = orders_version + 1 WHERE id = NEW.shop_id;
        END;
        CREATE TRIGGER orders_version_on_update AFTER UPDATE ON orders BEGIN
            UPDATE shops SET orders_version = orders_version + 1 WHERE id = NEW.shop_id;
        END;
        CREATE TRIGGER orders_version_on_refund AFTER INSERT ON refunds BEGIN
            UPDATE shops SET orders_version = orders_version + 1 WHERE id = NEW.shop_id;
        END;
        CREATE TRIGGER orders_version_on_sku_cost AFTER UPDATE OF cost ON skus BEGIN
            UPDATE shops SET orders_version = orders_version + 1 WHERE id = NEW.shop_id;
        END;
        """

}
