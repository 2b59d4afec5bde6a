import Commerce
import Persistence

/// Input for a manual stock adjustment.
public struct AdjustStock: Sendable, Decodable {
    public var sku: String
    /// Warehouse code; the highest-priority warehouse when absent.
    public var warehouse: String?
    public var delta: Int64
    public var reason: String
    public var note: String?

    public init(sku: String, warehouse: String? = nil, delta: Int64, reason: String, note: String? = nil) {
        self.sku = sku
        self.warehouse = warehouse
        self.delta = delta
        self.reason = reason
        self.note = note
    }
}

/// Input for a warehouse.
public struct CreateWarehouse: Sendable, Decodable {
    public var code: String
    public var name: String
    public var priority: Int64?

    public init(code: String, name: String, priority: Int64? = nil) {
        self.code = code
        self.name = name
        self.priority = priority
    }
}

/// A SKU's stock: the total over warehouses and each warehouse's level.
public struct StockReport: Sendable {
    public var sku: SKU
    public var total: StockLevel
    public var warehouses: [(warehouse: Warehouse, level: StockLevel)]
    public var lowStock: Bool
}

/// A SKU's stock summed over warehouses and whether it is at or below its low-stock threshold.
public struct StockTotal: Sendable {
    public var sku: SKU
    public var total: StockLevel
    public var lowStock: Bool
}

/// Use cases of stock: warehouses, adjustments, levels, the ledger.
public struct InventoryService: Sendable {
    let store: any Store
    let time: any TimeSource

    public init(store: any Store, time: any TimeSource) {
        self.store = store
        self.time = time
    }

    public func createWarehouse(_ shop: ShopInfo, _ input: CreateWarehouse) async throws -> Warehouse {
        try CatalogRules.validateCode(input.code, field: "code")
        try CatalogRules.validateTitle(input.name, field: "name")
        return try await store.createWarehouse(shop.id, code: input.code, name: input.name.trimmingWhitespace, priority: input.priority ?? 100)
    }

    public func warehouses(_ shop: ShopInfo) async throws -> [Warehouse] {
        try await store.warehouses(shop.id)
    }

    /// Applies a receipt, count correction or damage; refuses to take on hand below what orders hold.
    public func adjust(_ shop: ShopInfo, _ input: AdjustStock) async throws -> (movement: StockMovement, report: StockReport) {
        guard let reason = StockReason(rawValue: input.reason) else {
            throw CommerceError.invalid("reason", "Use one of receipt, count_correction, damage.", code: "invalid_reason")
        }
        try StockRules.validateAdjustment(delta: input.delta, reason: reason)
        if let note = input.note, note.count > 500 { throw CommerceError.invalid("note", "At most 500 characters.") }
        guard let listing = try await store.skuListings(shop.id, codes: [input.sku])[input.sku] else {
            throw OperationsError.unknownReference(code: "unknown_sku", field: "sku", message: "No SKU with code \(input.sku).")
        }
        let warehouse = try await resolveWarehouse(shop, input.warehouse)
        let movement = try await store.adjustStock(
            shop.id, skuID: listing.sku.id, skuCode: listing.sku.code, warehouseID: warehouse.id, delta: input.delta,
            reason: reason, note: input.note, now: time.now())
        return (movement, try await report(shop, sku: listing.sku))
    }

    public func stock(_ shop: ShopInfo, code: String) async throws -> StockReport {
        guard let listing = try await store.skuListings(shop.id, codes: [code])[code] else {
            throw OperationsError.notFound(entity: "sku", id: code)
        }
        return try await report(shop, sku: listing.sku)
    }

    public func movements(_ shop: ShopInfo, skuCode: String?, page: PageRequest) async throws -> Page<StockMovement> {
        try await store.movements(shop.id, skuID: try await skuID(shop, skuCode), page: page)
    }

    public func lowStock(_ shop: ShopInfo) async throws -> [(sku: SKU, level: StockLevel)] {
        try await store.lowStock(shop.id)
    }

    /// Stock held by unpaid orders now (of one SKU when `skuCode` is given), soonest expiry first.
    public func holds(_ shop: ShopInfo, skuCode: String?, limit: Int = 50) async throws -> Page<StockHold> {
        try await store.activeHolds(shop.id, skuID: try await skuID(shop, skuCode), limit: limit)
    }

    /// SKUs by id with their product's data (for showing ledger entries and holds); unknown ids are absent.
    public func listings(_ shop: ShopInfo, skuIDs: [Int64]) async throws -> [Int64: SKUListing] {
        let ids = Array(Set(skuIDs))
        guard !ids.isEmpty else { return [:] }
        let codes = try await store.skuCodes(shop.id, ids: ids)
        let listings = try await store.skuListings(shop.id, codes: Array(codes.values))
        return codes.compactMapValues { listings[$0] }
    }

    /// The id of the SKU with merchant code `code` (nil for nil), or `unknown_sku` on `sku`.
    func skuID(_ shop: ShopInfo, _ code: String?) async throws -> Int64? {
        guard let code else { return nil }
        guard let listing = try await store.skuListings(shop.id, codes: [code])[code] else {
            throw OperationsError.unknownReference(code: "unknown_sku", field: "sku", message: "No SKU with code \(code).")
        }
        return listing.sku.id
    }

    /// Every SKU's total stock and low-stock flag, in one read (for lists of many SKUs).
    public func stockTotals(_ shop: ShopInfo) async throws -> [StockTotal] {
        try await store.stockTotals(shop.id).map { row in
            StockTotal(sku: row.sku, total: row.level, lowStock: StockRules.isLow(row.level, threshold: row.sku.lowStockThreshold))
        }
    }

    func report(_ shop: ShopInfo, sku: SKU) async throws -> StockReport {
        let levels = try await store.stockLevels(shop.id, skuID: sku.id)
        let warehouses = Dictionary(uniqueKeysWithValues: try await store.warehouses(shop.id).map { ($0.id, $0) })
        var total = StockLevel(skuID: sku.id, warehouseID: 0)
        levels.forEach { total.add($0) }
        return StockReport(
            sku: sku, total: total,
            warehouses: levels.compactMap { level in warehouses[level.warehouseID].map { ($0, level) } },
            lowStock: StockRules.isLow(total, threshold: sku.lowStockThreshold))
    }

    func resolveWarehouse(_ shop: ShopInfo, _ code: String?) async throws -> Warehouse {
        let all = try await store.warehouses(shop.id)
        guard let code else {
            guard let first = all.first else { throw OperationsError.conflict(code: "no_warehouse", message: "The shop has no warehouse.") }
            return first
        }
        guard let warehouse = all.first(where: { $0.code == code }) else {
            throw OperationsError.unknownReference(code: "unknown_warehouse", field: "warehouse", message: "No warehouse with code \(code).")
        }
        return warehouse
    }
}
