import Commerce

/// Input for creating a product with its SKUs (wire: snake_case JSON).
public struct CreateProduct: Sendable, Decodable {
    private enum CodingKeys: String, CodingKey {
        case title, description, category, attributes, status, skus
        case lifecycleStage = "lifecycle_stage"
    }

    public var title: String
    public var description: String?
    /// A category id (`cat_3`) or a root category name, created when missing.
    public var category: String?
    public var attributes: [String: String]?
    public var status: ProductStatus?
    public var lifecycleStage: LifecycleStage?
    public var skus: [CreateSKU]

    public init(title: String, description: String? = nil, category: String? = nil, attributes: [String: String]? = nil,
                status: ProductStatus? = nil, lifecycleStage: LifecycleStage? = nil, skus: [CreateSKU]) {
        self.title = title
        self.description = description
        self.category = category
        self.attributes = attributes
        self.status = status
        self.lifecycleStage = lifecycleStage
        self.skus = skus
    }
}

/// Input for one SKU of a new product.
public struct CreateSKU: Sendable, Decodable {
    private enum CodingKeys: String, CodingKey {
        case code, price, cost, specs, barcode
        case weightGrams = "weight_grams", lowStockThreshold = "low_stock_threshold"
    }

    public var code: String
    public var price: MoneyInput
    public var cost: MoneyInput?
    public var specs: [String: String]?
    public var weightGrams: Int64?
    public var barcode: String?
    public var lowStockThreshold: Int64?

    public init(code: String, price: MoneyInput, cost: MoneyInput? = nil, specs: [String: String]? = nil,
                weightGrams: Int64? = nil, barcode: String? = nil, lowStockThreshold: Int64? = nil) {
        self.code = code
        self.price = price
        self.cost = cost
        self.specs = specs
        self.weightGrams = weightGrams
        self.barcode = barcode
        self.lowStockThreshold = lowStockThreshold
    }
}

/// Changes to a product's own fields; absent fields stay as they are.
public struct UpdateProduct: Sendable, Decodable {
    private enum CodingKeys: String, CodingKey {
        case title, description, category, attributes, status
        case lifecycleStage = "lifecycle_stage"
    }

    public var title: String?
    public var description: String?
    public var category: String?
    public var attributes: [String: String]?
    public var status: ProductStatus?
    public var lifecycleStage: LifecycleStage?

    public init(title: String? = nil, description: String? = nil, category: String? = nil, attributes: [String: String]? = nil,
                status: ProductStatus? = nil, lifecycleStage: LifecycleStage? = nil) {
        self.title = title
        self.description = description
        self.category = category
        self.attributes = attributes
        self.status = status
        self.lifecycleStage = lifecycleStage
    }
}

/// Changes to a SKU; absent fields stay as they are.
public struct UpdateSKU: Sendable, Decodable {
    private enum CodingKeys: String, CodingKey {
        case price, cost, specs, barcode
        case weightGrams = "weight_grams", lowStockThreshold = "low_stock_threshold"
    }

    public var price: MoneyInput?
    public var cost: MoneyInput?
    public var specs: [String: String]?
    public var weightGrams: Int64?
    public var barcode: String?
    public var lowStockThreshold: Int64?

    public init(price: MoneyInput? = nil, cost: MoneyInput? = nil, specs: [String: String]? = nil, weightGrams: Int64? = nil,
                barcode: String? = nil, lowStockThreshold: Int64? = nil) {
        self.price = price
        self.cost = cost
        self.specs = specs
        self.weightGrams = weightGrams
        self.barcode = barcode
        self.lowStockThreshold = lowStockThreshold
    }
}

/// Input for a category.
public struct CreateCategory: Sendable, Decodable {
    public var name: String
    /// Parent category id (`cat_1`).
    public var parent: String?

    public init(name: String, parent: String? = nil) {
        self.name = name
        self.parent = parent
    }
}
