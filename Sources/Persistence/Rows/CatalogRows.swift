import Commerce

/// Category, product, SKU and listing rows.
enum CatalogRows {
    /// The SKU columns `sku(_:)` reads, by position (name lookups cost on hot paths).
    static let skuColumns = "s.id, s.product_id, s.code, s.specs, s.price, s.currency, s.cost, s.weight_grams, s.barcode, s.low_stock_threshold"

    /// The columns `listing(_:)` reads: the SKU's, then its product's.
    static let listingColumns = "\(skuColumns), p.title, p.status, p.category_id"

    static func category(_ row: some RecordRow) -> Category {
        Category(id: row.int("id"), name: row.text("name"), parentID: row.optionalInt("parent_id"))
    }

    static func sku(_ row: some RecordRow) -> SKU {
        let currency = Currency(row.text(5)) ?? .cny
        return SKU(
            id: row.int(0), productID: row.int(1), code: row.text(2), specs: JSONColumn.decodeMap(row.optionalText(3)),
            price: Money(row.int(4), currency), cost: row.optionalInt(6).map { Money($0, currency) },
            weightGrams: row.optionalInt(7), barcode: row.optionalText(8), lowStockThreshold: row.int(9))
    }

    static func listing(_ row: some RecordRow) -> SKUListing {
        SKUListing(
            sku: sku(row), productTitle: row.text(10), productStatus: ProductStatus(rawValue: row.text(11)) ?? .draft,
            categoryID: row.optionalInt(12))
    }

    /// Products (`SELECT *` rows) with their SKUs, from `skuRows` (`skuColumns` of those products' SKUs).
    static func products<R: RecordRow>(_ rows: [R], skuRows: [R]) -> [Product] {
        let skusByProduct = Dictionary(grouping: skuRows.map(sku), by: \.productID)
        return rows.map { row in
            Product(
                id: row.int("id"), title: row.text("title"), description: row.text("description"),
                categoryID: row.optionalInt("category_id"),
                attributes: JSONColumn.decode([String: String].self, row.optionalText("attributes")) ?? [:],
                status: ProductStatus(rawValue: row.text("status")) ?? .draft,
                lifecycleStage: LifecycleStage(rawValue: row.text("lifecycle_stage")) ?? .new,
                skus: skusByProduct[row.int("id")] ?? [])
        }
    }
}
