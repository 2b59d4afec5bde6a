import Commerce
import Persistence

/// Use cases of the catalog: categories, products, SKUs.
public struct CatalogService: Sendable {
    let store: any Store
    let time: any TimeSource

    public init(store: any Store, time: any TimeSource) {
        self.store = store
        self.time = time
    }

    public func createCategory(_ shop: ShopInfo, _ input: CreateCategory) async throws -> Category {
        try CatalogRules.validateTitle(input.name, field: "name")
        var parentID: Int64?
        if let parent = input.parent {
            let id = try parseID(parent, .category, field: "parent")
            guard try await store.categories(shop.id).contains(where: { $0.id == id }) else {
                throw OperationsError.unknownReference(code: "unknown_category", field: "parent", message: "No category \(parent).")
            }
            parentID = id
        }
        return try await store.createCategory(shop.id, name: input.name.trimmingWhitespace, parentID: parentID)
    }

    public func categories(_ shop: ShopInfo) async throws -> [Category] {
        try await store.categories(shop.id)
    }

    public func createProduct(_ shop: ShopInfo, _ input: CreateProduct) async throws -> Product {
        try CatalogRules.validateTitle(input.title, field: "title")
        try CatalogRules.validateDescription(input.description ?? "", field: "description")
        guard !input.skus.isEmpty else { throw CommerceError.invalid("skus", "A product needs at least one SKU.", code: "required") }
        guard input.skus.count <= 200 else { throw CommerceError.invalid("skus", "At most 200 SKUs per product.") }
        var seen = Set<String>()
        var skus: [NewSKU] = []
        for (index, sku) in input.skus.enumerated() {
            let field = "skus[\(index)]"
            try CatalogRules.validateCode(sku.code, field: "\(field).code")
            guard seen.insert(sku.code).inserted else { throw StoreError.duplicate(field: "\(field).code", value: sku.code) }
            try CatalogRules.validateThreshold(sku.lowStockThreshold ?? 0, field: "\(field).low_stock_threshold")
            try CatalogRules.validateWeight(sku.weightGrams ?? 0, field: "\(field).weight_grams")
            skus.append(NewSKU(
                code: sku.code, specs: sku.specs ?? [:],
                price: try sku.price.money(field: "\(field).price", currency: shop.currency),
                cost: try sku.cost?.money(field: "\(field).cost", currency: shop.currency),
                weightGrams: sku.weightGrams, barcode: sku.barcode, lowStockThreshold: sku.lowStockThreshold ?? 0))
        }
        // Refuse taken codes before resolving the category, which may create one outside the product's transaction.
        let taken = try await store.skuListings(shop.id, codes: skus.map(\.code))
        if let index = skus.firstIndex(where: { taken[$0.code] != nil }) {
            throw StoreError.duplicate(field: "skus[\(index)].code", value: skus[index].code)
        }
        let categoryID = try await resolveCategory(shop, input.category, field: "category")
        let product = NewProduct(
            title: input.title.trimmingWhitespace, description: input.description ?? "", categoryID: categoryID,
            attributes: input.attributes ?? [:], status: input.status ?? .listed, lifecycleStage: input.lifecycleStage ?? .new,
            skus: skus)
        return try await store.createProduct(shop.id, product, now: time.now())
    }

    public func product(_ shop: ShopInfo, id: String) async throws -> Product {
        guard let productID = IDPrefix.product.parse(id), let product = try await store.product(shop.id, id: productID) else {
            throw OperationsError.notFound(entity: "product", id: id)
        }
        return product
    }

    public func products(_ shop: ShopInfo, filter: ProductFilter, page: PageRequest) async throws -> Page<Product> {
        try await store.products(shop.id, filter: filter, page: page)
    }

    public func updateProduct(_ shop: ShopInfo, id: String, _ input: UpdateProduct) async throws -> Product {
        var product = try await product(shop, id: id)
        if let title = input.title {
            try CatalogRules.validateTitle(title, field: "title")
            product.title = title.trimmingWhitespace
        }
        if let description = input.description {
            try CatalogRules.validateDescription(description, field: "description")
            product.description = description
        }
        if let category = input.category {
            product.categoryID = try await resolveCategory(shop, category, field: "category")
        }
        if let attributes = input.attributes { product.attributes = attributes }
        if let status = input.status { product.status = status }
        if let stage = input.lifecycleStage { product.lifecycleStage = stage }
        try await store.updateProduct(shop.id, product, now: time.now())
        return product
    }

    /// The SKU with this merchant code, with its product's data.
    public func sku(_ shop: ShopInfo, code: String) async throws -> SKUListing {
        guard let listing = try await store.skuListings(shop.id, codes: [code])[code] else {
            throw OperationsError.notFound(entity: "sku", id: code)
        }
        return listing
    }

    public func updateSKU(_ shop: ShopInfo, code: String, _ input: UpdateSKU) async throws -> SKU {
        var sku = try await sku(shop, code: code).sku
        if let price = input.price { sku.price = try price.money(field: "price", currency: shop.currency) }
        if let cost = input.cost { sku.cost = try cost.money(field: "cost", currency: shop.currency) }
        if let specs = input.specs { sku.specs = specs }
        if let weight = input.weightGrams {
            try CatalogRules.validateWeight(weight, field: "weight_grams")
            sku.weightGrams = weight
        }
        if let barcode = input.barcode { sku.barcode = barcode }
        if let threshold = input.lowStockThreshold {
            try CatalogRules.validateThreshold(threshold, field: "low_stock_threshold")
            sku.lowStockThreshold = threshold
        }
        try await store.updateSKU(shop.id, sku)
        return sku
    }

    /// A category id, or a root category name (created on first use).
    func resolveCategory(_ shop: ShopInfo, _ reference: String?, field: String) async throws -> Int64? {
        guard let reference else { return nil }
        if let id = IDPrefix.category.parse(reference) {
            guard try await store.categories(shop.id).contains(where: { $0.id == id }) else {
                throw OperationsError.unknownReference(code: "unknown_category", field: field, message: "No category \(reference).")
            }
            return id
        }
        try CatalogRules.validateTitle(reference, field: field)
        let name = reference.trimmingWhitespace
        if let existing = try await store.categories(shop.id).first(where: { $0.parentID == nil && $0.name == name }) {
            return existing.id
        }
        do {
            return try await store.createCategory(shop.id, name: name, parentID: nil).id
        } catch StoreError.duplicate {
            return try await store.categories(shop.id).first(where: { $0.parentID == nil && $0.name == name })?.id
        }
    }
}

/// Parses a prefixed id or throws `invalid_id` naming the field.
func parseID(_ text: String, _ prefix: IDPrefix, field: String) throws(OperationsError) -> Int64 {
    guard let id = prefix.parse(text) else {
        throw .invalid(code: "invalid_id", field: field, message: "Expected an id like \(prefix.format(1)).")
    }
    return id
}
