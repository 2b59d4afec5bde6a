import Commerce
import GRDB

extension SQLiteStore {
    public func createCategory(_ shop: ShopID, name: String, parentID: Int64?) async throws -> Category {
        try await pool.write { db in
            if let parentID, try db.row("SELECT id FROM categories WHERE shop_id = ? AND id = ?", [shop, parentID]) == nil {
                throw StoreError.notFound(entity: "category", id: "cat_\(parentID)")
            }
            do {
                try db.run("INSERT INTO categories (shop_id, name, parent_id) VALUES (?, ?, ?)", [shop, name, parentID])
            } catch let error as DatabaseError where error.isUniqueViolation {
                throw StoreError.duplicate(field: "name", value: name)
            }
            let id = db.lastInsertedRowID
            try Self.bumpPricingVersion(db, shop: shop)
            return Category(id: id, name: name, parentID: parentID)
        }
    }

    public func categories(_ shop: ShopID) async throws -> [Category] {
        try await pool.read { db in
            try db.rows("SELECT * FROM categories WHERE shop_id = ? ORDER BY id", [shop]).map(CatalogRows.category)
        }
    }

    public func createProduct(_ shop: ShopID, _ new: NewProduct, now: Instant) async throws -> Product {
        try await pool.write { db in
            if let categoryID = new.categoryID, try db.row("SELECT id FROM categories WHERE shop_id = ? AND id = ?", [shop, categoryID]) == nil {
                throw StoreError.notFound(entity: "category", id: "cat_\(categoryID)")
            }
            try db.run(
                """
                INSERT INTO products (shop_id, title, description, category_id, attributes, status, lifecycle_stage, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [shop, new.title, new.description, new.categoryID, JSONColumn.encode(new.attributes), new.status.rawValue,
                 new.lifecycleStage.rawValue, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
            let productID = db.lastInsertedRowID
            var skus: [SKU] = []
            for (index, sku) in new.skus.enumerated() {
                do {
                    try db.run(
                        """
                        INSERT INTO skus (shop_id, product_id, code, specs, price, currency, cost, weight_grams, barcode, low_stock_threshold)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [shop, productID, sku.code, JSONColumn.encode(sku.specs), sku.price.amount, sku.price.currency.code,
                         sku.cost?.amount, sku.weightGrams, sku.barcode, sku.lowStockThreshold])
                } catch let error as DatabaseError where error.isUniqueViolation {
                    throw StoreError.duplicate(field: "skus[\(index)].code", value: sku.code)
                }
                skus.append(SKU(
                    id: db.lastInsertedRowID, productID: productID, code: sku.code, specs: sku.specs, price: sku.price,
                    cost: sku.cost, weightGrams: sku.weightGrams, barcode: sku.barcode, lowStockThreshold: sku.lowStockThreshold))
            }
            try Self.bumpPricingVersion(db, shop: shop)
            return Product(
                id: productID, title: new.title, description: new.description, categoryID: new.categoryID,
                attributes: new.attributes, status: new.status, lifecycleStage: new.lifecycleStage, skus: skus)
        }
    }

    public func product(_ shop: ShopID, id: Int64) async throws -> Product? {
        try await pool.read { db in
            guard let row = try db.row("SELECT * FROM products WHERE shop_id = ? AND id = ?", [shop, id]) else { return nil }
            return try Self.products(db, rows: [row]).first
        }
    }

    public func products(_ shop: ShopID, filter: ProductFilter, page: PageRequest) async throws -> Page<Product> {
        try await pool.read { db in
            var sql = "SELECT * FROM products p WHERE shop_id = ? AND id < ?"
            var arguments: StatementArguments = [shop, page.startingAfter ?? Int64.max]
            if let categoryID = filter.categoryID {
                sql += """
                     AND category_id IN (WITH RECURSIVE tree(id) AS (SELECT ? UNION ALL
                     SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree)
                    """
                arguments += [categoryID]
            }
            if let status = filter.status {
                sql += " AND status = ?"
                arguments += [status.rawValue]
            }
            if let text = filter.text, !text.isEmpty {
                let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
                sql += """
                     AND (title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\'
                     OR EXISTS (SELECT 1 FROM skus s WHERE s.product_id = p.id AND s.code LIKE ? ESCAPE '\\'))
                    """
                arguments += [pattern, pattern, pattern]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [page.limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return try Self.products(db, rows: rows).page(limit: page.limit)
        }
    }

    public func updateProduct(_ shop: ShopID, _ product: Product, now: Instant) async throws {
        try await pool.write { db in
            if let categoryID = product.categoryID, try db.row("SELECT id FROM categories WHERE shop_id = ? AND id = ?", [shop, categoryID]) == nil {
                throw StoreError.notFound(entity: "category", id: "cat_\(categoryID)")
            }
            try db.run(
                """
                UPDATE products SET title = ?, description = ?, category_id = ?, attributes = ?, status = ?, lifecycle_stage = ?, updated_at = ?
                WHERE shop_id = ? AND id = ?
                """,
                [product.title, product.description, product.categoryID, JSONColumn.encode(product.attributes), product.status.rawValue,
                 product.lifecycleStage.rawValue, now.millisecondsSinceEpoch, shop, product.id])
            guard db.changesCount == 1 else { throw StoreError.notFound(entity: "product", id: "prod_\(product.id)") }
            try Self.bumpPricingVersion(db, shop: shop)
        }
    }

    public func updateSKU(_ shop: ShopID, _ sku: SKU) async throws {
        try await pool.write { db in
            try db.run(
                """
                UPDATE skus SET specs = ?, price = ?, currency = ?, cost = ?, weight_grams = ?, barcode = ?, low_stock_threshold = ?
                WHERE shop_id = ? AND id = ?
                """,
                [JSONColumn.encode(sku.specs), sku.price.amount, sku.price.currency.code, sku.cost?.amount, sku.weightGrams,
                 sku.barcode, sku.lowStockThreshold, shop, sku.id])
            guard db.changesCount == 1 else { throw StoreError.notFound(entity: "sku", id: sku.code) }
            try Self.bumpPricingVersion(db, shop: shop)
        }
    }

    public func skuListings(_ shop: ShopID, codes: [String]) async throws -> [String: SKUListing] {
        try await pool.read { db in try Self.skuListings(db, shop: shop, codes: codes) }
    }

    public func skuCodes(_ shop: ShopID, ids: [Int64]) async throws -> [Int64: String] {
        try await pool.read { db in
            var result: [Int64: String] = [:]
            for id in Set(ids) {
                if let row = try db.row("SELECT code FROM skus WHERE shop_id = ? AND id = ?", [shop, id]) { result[id] = row[0] }
            }
            return result
        }
    }

    static func skuListings(_ db: Database, shop: ShopID, codes: [String]) throws -> [String: SKUListing] {
        var result: [String: SKUListing] = [:]
        for code in Set(codes) {
            guard let row = try db.row(
                """
                SELECT \(CatalogRows.listingColumns)
                FROM skus s JOIN products p ON p.id = s.product_id WHERE s.shop_id = ? AND s.code = ?
                """, [shop, code])
            else { continue }
            result[code] = CatalogRows.listing(row)
        }
        return result
    }

    static func products(_ db: Database, rows: [Row]) throws -> [Product] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.map { $0["id"] as Int64 }
        let skuRows = try Row.fetchAll(
            db, sql: "SELECT \(CatalogRows.skuColumns) FROM skus s WHERE product_id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY id",
            arguments: StatementArguments(ids))
        return CatalogRows.products(rows, skuRows: skuRows)
    }
}
