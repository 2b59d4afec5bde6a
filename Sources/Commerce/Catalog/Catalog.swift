/// A node of the category tree.
public struct Category: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var parentID: Int64?

    public init(id: Int64, name: String, parentID: Int64?) {
        self.id = id
        self.name = name
        self.parentID = parentID
    }
}

/// Whether a product (SPU) can be sold.
public enum ProductStatus: String, Sendable, Codable, CaseIterable {
    case draft, listed, delisted
}

/// The operator's judgement of where a product is in its life, used by reports and planning.
public enum LifecycleStage: String, Sendable, Codable, CaseIterable {
    case new, growth, mature, decline
}

/// A product (SPU): what the shopper sees; its SKUs are the sellable variants.
public struct Product: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var description: String
    public var categoryID: Int64?
    public var attributes: [String: String]
    public var status: ProductStatus
    public var lifecycleStage: LifecycleStage
    public var skus: [SKU]

    public init(
        id: Int64, title: String, description: String = "", categoryID: Int64? = nil,
        attributes: [String: String] = [:], status: ProductStatus = .listed,
        lifecycleStage: LifecycleStage = .new, skus: [SKU] = []
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.categoryID = categoryID
        self.attributes = attributes
        self.status = status
        self.lifecycleStage = lifecycleStage
        self.skus = skus
    }
}

/// A sellable variant with its merchant code, spec values, price and cost.
public struct SKU: Sendable, Equatable {
    public var id: Int64
    public var productID: Int64
    public var code: String
    public var specs: [String: String]
    public var price: Money
    public var cost: Money?
    public var weightGrams: Int64?
    public var barcode: String?
    public var lowStockThreshold: Int64

    public init(
        id: Int64, productID: Int64, code: String, specs: [String: String] = [:], price: Money,
        cost: Money? = nil, weightGrams: Int64? = nil, barcode: String? = nil, lowStockThreshold: Int64 = 0
    ) {
        self.id = id
        self.productID = productID
        self.code = code
        self.specs = specs
        self.price = price
        self.cost = cost
        self.weightGrams = weightGrams
        self.barcode = barcode
        self.lowStockThreshold = lowStockThreshold
    }

    /// Price − cost and its rate of the price; `nil` while the cost is unknown.
    public var margin: Margin? {
        guard let cost else { return nil }
        return Margin(price: price, cost: cost)
    }
}

/// 毛利 / 毛利率: price − cost, and (price − cost) ÷ price.
public struct Margin: Sendable, Equatable {
    public let amount: Money
    /// Zero when the price is zero.
    public let rate: Double

    public init(price: Money, cost: Money) {
        amount = price - cost
        rate = price.amount == 0 ? 0 : Double(price.amount - cost.amount) / Double(price.amount)
    }
}
