import Commerce

extension PostgresStore {
    public func createCategory(_ shop: ShopID, name: String, parentID: Int64?) async throws -> Category {
        try await write { db in
            if let parentID, try await db.row("SELECT id FROM categories WHERE shop_id = ? AND id = ?", [shop, parentID]) == nil {
                throw StoreError.notFound(entity: "category", id: "cat_\(parentID)")
            }
            let id: Int64
            do {
                id = try await db.insert("INSERT INTO categories (shop_id, name, parent_id) VALUES (?, ?, ?)", [shop, name, parentID])
            } catch where PostgresErrors.isUniqueViolation(error) {
                throw StoreError.duplicate(field: "name", value: name)
            }
            try await Self.bumpPricingVersion(db, shop: shop)
            return Category(id: id, name: name, parentID: parentID)
        }
    }

    public func categories(_ shop: ShopID) async throws -> [Category] {
        try await read { db in
            try await db.rows("SELECT * FROM categories WHERE shop_id = ? ORDER BY id", [shop]).map(CatalogRows.category)
        }
    }

    public func createProduct(_ shop: ShopID, _ new: NewProduct, now: Instant) async throws -> Product {
        try await write { db in
            if let categoryID = new.categoryID, try await db.row("SELECT id FROM categories WHERE shop_id = ? AND id = ?", [shop, categoryID]) == nil {
                throw StoreError.notFound(entity: "category", id: "cat_\(categoryID)")
            }
            let productID = try await db.insert(
                """
                INSERT INTO products (shop_id, title, description, category_id, attributes, status, lifecycle_stage, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [shop, new.title, new.description, new.categoryID, JSONColumn.encode(new.attributes), new.status.rawValue,
                 new.lifecycleStage.rawValue, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
            var skus: [SKU] = []
            for (index, sku) in new.skus.enumerated() {
                let id: Int64
                do {
                    id = try await db.insert(
                        """
                        INSERT INTO skus (shop_id, product_id, code, specs, price, currency, cost, weight_grams, barcode, low_stock_threshold)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [shop, productID, sku.code, JSONColumn.encode(sku.specs), sku.price.amount, sku.price.currency.code,
                         sku.cost?.amount, sku.weightGrams, sku.barcode, sku.lowStockThreshold])
                } catch where PostgresErrors.isUniqueViolation(error) {
                    throw StoreError.duplicate(field: "skus[\(index)].code", value: sku.code)
                }
                skus.append(SKU(
                    id: id, productID: productID, code: sku.code, specs: sku.specs, price: sku.price,
                    cost: sku.cost, weightGrams: sku.weightGrams, barcode: sku.barcode, lowStockThreshold: sku.lowStockThreshold))
            }
            try await Self.bumpPricingVersion(db, shop: shop)
            return Product(
                id: productID, title: new.title, description: new.description, categoryID: new.categoryID,
                attributes: new.attributes, status: new.status, lifecycleStage: new.lifecycleStage, skus: skus)
        }
    }

    public func product(_ shop: ShopID, id: Int64) async throws -> Product? {
        try await snapshot { db in
            guard let row = try await db.row("SELECT * FROM products WHERE shop_id = ? AND id = ?", [shop, id]) else { return nil }
            return try await Self.products(db, rows: [row]).first
        }
    }

    public func products(_ shop: ShopID, filter: ProductFilter, page: PageRequest) async throws -> Page<Product> {
        try await snapshot { db in
            var sql = "SELECT * FROM products p WHERE shop_id = ? AND id < ?"
            var arguments: [(any PGBindable)?] = [shop, page.startingAfter ?? Int64.max]
            if let categoryID = filter.categoryID {
                sql += """
                     AND category_id IN (WITH RECURSIVE tree(id) AS (SELECT ?::bigint UNION ALL
                     SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree)
                    """
                arguments.append(categoryID)
            }
            if let status = filter.status {
                sql += " AND status = ?"
                arguments.append(status.rawValue)
            }
            if let text = filter.text, !text.isEmpty {
                let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
                // ILIKE: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
                sql += """
                     AND (title ILIKE ? ESCAPE '\\' OR description ILIKE ? ESCAPE '\\'
                     OR EXISTS (SELECT 1 FROM skus s WHERE s.product_id = p.id AND s.code ILIKE ? ESCAPE '\\'))
                    """
                arguments += [pattern, pattern, pattern]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments.append(page.limit + 1)
            let rows = try await db.rows(sql, arguments)
            return try await Self.products(db, rows: rows).page(limit: page.limit)
        }
    }

    public func updateProduct(_ shop: ShopID, _ product: Product, now: Instant) async throws {
        try await write { db in
            if let categoryID = product.categoryID, try await db.row("SELECT id FROM categories WHERE shop_id = ? AND id = ?", [shop, categoryID]) == nil {
                throw StoreError.notFound(entity: "category", id: "cat_\(categoryID)")
            }
            let changed = try await db.run(
                """
                UPDATE products SET title = ?, description = ?, category_id = ?, attributes = ?, status = ?, lifecycle_stage = ?, updated_at = ?
                WHERE shop_id = ? AND id = ?
                """,
                [product.title, product.description, product.categoryID, JSONColumn.encode(product.attributes), product.status.rawValue,
                 product.lifecycleStage.rawValue, now.millisecondsSinceEpoch, shop, product.id])
            guard changed == 1 else { throw StoreError.notFound(entity: "product", id: "prod_\(product.id)") }
            try await Self.bumpPricingVersion(db, shop: shop)
        }
    }

    public func updateSKU(_ shop: ShopID, _ sku: SKU) async throws {
        try await write { db in
            let changed = try await db.run(
                """
                UPDATE skus SET specs = ?, price = ?, currency = ?, cost = ?, weight_grams = ?, barcode = ?, low_stock_threshold = ?
                WHERE shop_id = ? AND id = ?
                """,
                [JSONColumn.encode(sku.specs), sku.price.amount, sku.price.currency.code, sku.cost?.amount, sku.weightGrams,
                 sku.barcode, sku.lowStockThreshold, shop, sku.id])
            guard changed == 1 else { throw StoreError.notFound(entity: "sku", id: sku.code) }
            try await Self.bumpPricingVersion(db, shop: shop)
        }
    }

    public func skuListings(_ shop: ShopID, codes: [String]) async throws -> [String: SKUListing] {
        try await read { db in try await Self.skuListings(db, shop: shop, codes: codes) }
    }

    public func skuCodes(_ shop: ShopID, ids: [Int64]) async throws -> [Int64: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return try await read { db in
            let marks = Array(repeating: "?", count: unique.count).joined(separator: ",")
            let rows = try await db.rows("SELECT id, code FROM skus WHERE shop_id = ? AND id IN (\(marks))", [shop] + unique)
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as String) })
        }
    }

    /// One statement for all codes (SQLite looks them up one by one; here each is a round trip).
    static func skuListings(_ db: PGSession, shop: ShopID, codes: [String]) async throws -> [String: SKUListing] {
        let unique = Array(Set(codes))
        guard !unique.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: unique.count).joined(separator: ",")
        let rows = try await db.rows(
            """
            SELECT \(CatalogRows.listingColumns)
            FROM skus s JOIN products p ON p.id = s.product_id WHERE s.shop_id = ? AND s.code IN (\(marks))
            """, [shop] + unique)
        var result: [String: SKUListing] = [:]
        for row in rows {
            let listing = CatalogRows.listing(row)
            result[listing.sku.code] = listing
        }
        return result
    }

    static func products(_ db: PGSession, rows: [PGRow]) async throws -> [Product] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.map { $0["id"] as Int64 }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let skuRows = try await db.rows("SELECT \(CatalogRows.skuColumns) FROM skus s WHERE product_id IN (\(marks)) ORDER BY id", ids)
        return CatalogRows.products(rows, skuRows: skuRows)
    }
}
