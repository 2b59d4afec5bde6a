import Commerce
import Hummingbird
import Operations
import Persistence

/// `/warehouses`, `/inventory/…`, `/skus/{code}/stock`.
enum InventoryRoutes {
    static func register(_ api: APIRouter) {
        let inventory = api.yunying.inventory
        api.add(.post, "/warehouses", roles: Roles.catalogWriters,
                doc: RouteDoc(summary: "Create a warehouse", tag: "Inventory", request: "CreateWarehouse", response: "Warehouse", status: 201)) { req in
            try JSONCoding.encode(WarehouseView(try await inventory.createWarehouse(req.shop, req.decode(CreateWarehouse.self))), status: .created)
        }
        api.add(.get, "/warehouses", roles: Roles.everyone,
                doc: RouteDoc(summary: "List warehouses in the order holds draw from them", tag: "Inventory", response: "WarehouseList")) { req in
            let warehouses = try await inventory.warehouses(req.shop)
            return try JSONCoding.encode(ListView(data: warehouses.map(WarehouseView.init), hasMore: false))
        }
        api.add(.post, "/inventory/adjustments", roles: Roles.catalogWriters,
                doc: RouteDoc(summary: "Adjust on-hand stock (receipt, count_correction, damage)", tag: "Inventory",
                              request: "AdjustStock", response: "Adjustment", status: 201)) { req in
            let result = try await inventory.adjust(req.shop, req.decode(AdjustStock.self))
            return try JSONCoding.encode(AdjustmentView(movement: MovementView(result.movement), stock: StockView(result.report)), status: .created)
        }
        api.add(.get, "/inventory/movements", roles: Roles.everyone,
                doc: RouteDoc(summary: "The stock ledger, newest first", tag: "Inventory", response: "MovementList",
                              query: ["sku", "limit", "starting_after"])) { req in
            let page = try await inventory.movements(req.shop, skuCode: req.query("sku"), page: req.page(.movement))
            return try JSONCoding.encode(ListView(data: page.items.map(MovementView.init), hasMore: page.hasMore))
        }
        api.add(.get, "/inventory/low-stock", roles: Roles.everyone,
                doc: RouteDoc(summary: "SKUs at or below their low-stock threshold", tag: "Inventory", response: "LowStockList")) { req in
            let rows = try await inventory.lowStock(req.shop)
            return try JSONCoding.encode(ListView(data: rows.map { LowStockView(sku: $0.sku.code, threshold: $0.sku.lowStockThreshold, level: LevelView($0.level)) }, hasMore: false))
        }
        api.add(.get, "/skus/:code/stock", roles: Roles.everyone,
                doc: RouteDoc(summary: "A SKU's stock: on hand, held, allocated, available, per warehouse", tag: "Inventory", response: "Stock")) { req in
            try JSONCoding.encode(StockView(try await inventory.stock(req.shop, code: req.parameter("code"))))
        }
    }
}

struct AdjustmentView: Encodable, Sendable {
    let movement: MovementView
    let stock: StockView
}

struct LowStockView: Encodable, Sendable {
    let sku: String
    let threshold: Int64
    let level: LevelView
}
