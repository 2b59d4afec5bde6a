import Commerce
import Operations
import Persistence

/// A page of results: `{"data": [...], "has_more": bool}`.
struct ListView<Item: Sendable>: Sendable {
    let data: [Item]
    let hasMore: Bool

    enum CodingKeys: String, CodingKey {
        case data
        case hasMore = "has_more"
    }
}

extension ListView: Encodable where Item: Encodable {}

extension ListView: JSONWritable where Item: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("data", data)
            json.key("has_more")
            json.bool(hasMore)
        }
    }
}

struct MarginView: Encodable, Sendable {
    let amount: Money
    let rate: Double

    init(_ margin: Margin) {
        amount = margin.amount
        rate = (margin.rate * 10_000).rounded() / 10_000
    }
}

struct SKUView: Encodable, Sendable {
    let code: String
    let productId: String
    let specs: [String: String]
    let price: Money
    let cost: Money?
    let margin: MarginView?
    let weightGrams: Int64?
    let barcode: String?
    let lowStockThreshold: Int64

    enum CodingKeys: String, CodingKey {
        case code, specs, price, cost, margin, barcode
        case productId = "product_id", weightGrams = "weight_grams", lowStockThreshold = "low_stock_threshold"
    }

    init(_ sku: SKU) {
        code = sku.code
        productId = IDPrefix.product.format(sku.productID)
        specs = sku.specs
        price = sku.price
        cost = sku.cost
        margin = sku.margin.map(MarginView.init)
        weightGrams = sku.weightGrams
        barcode = sku.barcode
        lowStockThreshold = sku.lowStockThreshold
    }
}

struct ProductView: Encodable, Sendable {
    let id: String
    let title: String
    let description: String
    let categoryId: String?
    let attributes: [String: String]
    let status: ProductStatus
    let lifecycleStage: LifecycleStage
    let skus: [SKUView]

    enum CodingKeys: String, CodingKey {
        case id, title, description, attributes, status, skus
        case categoryId = "category_id", lifecycleStage = "lifecycle_stage"
    }

    init(_ product: Product) {
        id = IDPrefix.product.format(product.id)
        title = product.title
        description = product.description
        categoryId = product.categoryID.map(IDPrefix.category.format)
        attributes = product.attributes
        status = product.status
        lifecycleStage = product.lifecycleStage
        skus = product.skus.map(SKUView.init)
    }
}

struct CategoryView: Encodable, Sendable {
    let id: String
    let name: String
    let parentId: String?

    enum CodingKeys: String, CodingKey {
        case id, name
        case parentId = "parent_id"
    }

    init(_ category: Commerce.Category) {
        id = IDPrefix.category.format(category.id)
        name = category.name
        parentId = category.parentID.map(IDPrefix.category.format)
    }
}

struct LevelView: Encodable, Sendable {
    let onHand: Int64
    let held: Int64
    let allocated: Int64
    let available: Int64

    enum CodingKeys: String, CodingKey {
        case held, allocated, available
        case onHand = "on_hand"
    }

    init(_ level: StockLevel) {
        onHand = level.onHand
        held = level.held
        allocated = level.allocated
        available = level.available
    }
}

struct StockView: Encodable, Sendable {
    struct WarehouseLevel: Encodable, Sendable {
        let warehouse: String
        let onHand: Int64
        let held: Int64
        let allocated: Int64
        let available: Int64

        enum CodingKeys: String, CodingKey {
            case warehouse, held, allocated, available
            case onHand = "on_hand"
        }
    }

    let sku: String
    let onHand: Int64
    let held: Int64
    let allocated: Int64
    let available: Int64
    let lowStock: Bool
    let lowStockThreshold: Int64
    let warehouses: [WarehouseLevel]

    enum CodingKeys: String, CodingKey {
        case sku, held, allocated, available, warehouses
        case onHand = "on_hand", lowStock = "low_stock", lowStockThreshold = "low_stock_threshold"
    }

    init(_ report: StockReport) {
        sku = report.sku.code
        onHand = report.total.onHand
        held = report.total.held
        allocated = report.total.allocated
        available = report.total.available
        lowStock = report.lowStock
        lowStockThreshold = report.sku.lowStockThreshold
        warehouses = report.warehouses.map {
            WarehouseLevel(warehouse: $0.warehouse.code, onHand: $0.level.onHand, held: $0.level.held, allocated: $0.level.allocated, available: $0.level.available)
        }
    }
}

struct MovementView: Encodable, Sendable {
    let id: String
    let warehouseId: String
    let reason: StockReason
    let onHandDelta: Int64
    let heldDelta: Int64
    let allocatedDelta: Int64
    let orderId: String?
    let note: String?
    let createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, reason, note
        case warehouseId = "warehouse_id", onHandDelta = "on_hand_delta", heldDelta = "held_delta"
        case allocatedDelta = "allocated_delta", orderId = "order_id", createdAt = "created_at"
    }

    init(_ movement: StockMovement) {
        id = IDPrefix.movement.format(movement.id)
        warehouseId = IDPrefix.warehouse.format(movement.warehouseID)
        reason = movement.reason
        onHandDelta = movement.onHandDelta
        heldDelta = movement.heldDelta
        allocatedDelta = movement.allocatedDelta
        orderId = movement.orderID.map(IDPrefix.order.format)
        note = movement.note
        createdAt = movement.createdAt.iso8601
    }
}

struct WarehouseView: Encodable, Sendable {
    let id: String
    let code: String
    let name: String
    let priority: Int64

    init(_ warehouse: Warehouse) {
        id = IDPrefix.warehouse.format(warehouse.id)
        code = warehouse.code
        name = warehouse.name
        priority = warehouse.priority
    }
}

struct CustomerView: Encodable, Sendable {
    let id: String
    let name: String
    let phone: String?
    let email: String?
    let acquisitionChannel: String?
    let createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, name, phone, email
        case acquisitionChannel = "acquisition_channel", createdAt = "created_at"
    }

    init(_ customer: Customer) {
        id = IDPrefix.customer.format(customer.id)
        name = customer.name
        phone = customer.phone
        email = customer.email
        acquisitionChannel = customer.acquisitionChannel
        createdAt = customer.createdAt.iso8601
    }
}
