import Commerce

/// Shops, settings and API keys.
public protocol AccessStore: Sendable {
    /// Creates the default shop (id 1) with its main warehouse unless it exists.
    func bootstrapDefaultShop(name: String, currency: Currency, timeZone: String, now: Instant) async throws -> ShopInfo
    func shop(_ id: ShopID) async throws -> ShopInfo?
    func setShippingFee(_ shop: ShopID, amount: Int64) async throws
    /// The IANA time zone days and weeks are counted in.
    func setTimeZone(_ shop: ShopID, identifier: String) async throws
    func setting(_ shop: ShopID, key: String) async throws -> String?
    func setSetting(_ shop: ShopID, key: String, value: String) async throws
    func createAPIKey(_ shop: ShopID, role: Role, name: String, secretHash: String, prefix: String, now: Instant) async throws -> APIKeyRecord
    func apiKey(secretHash: String) async throws -> APIKeyRecord?
}

/// Categories, products and SKUs.
public protocol CatalogStore: Sendable {
    func createCategory(_ shop: ShopID, name: String, parentID: Int64?) async throws -> Category
    func categories(_ shop: ShopID) async throws -> [Category]
    func createProduct(_ shop: ShopID, _ product: NewProduct, now: Instant) async throws -> Product
    func product(_ shop: ShopID, id: Int64) async throws -> Product?
    func products(_ shop: ShopID, filter: ProductFilter, page: PageRequest) async throws -> Page<Product>
    /// Replaces the product's own fields (not its SKUs).
    func updateProduct(_ shop: ShopID, _ product: Product, now: Instant) async throws
    /// Replaces a SKU's mutable fields (price, cost, specs, weight, barcode, threshold).
    func updateSKU(_ shop: ShopID, _ sku: SKU) async throws
    /// SKUs by merchant code, with product data; unknown codes are absent from the result.
    func skuListings(_ shop: ShopID, codes: [String]) async throws -> [String: SKUListing]
    /// Merchant codes of SKU ids.
    func skuCodes(_ shop: ShopID, ids: [Int64]) async throws -> [Int64: String]
}

/// Warehouses, stock levels and the stock ledger.
public protocol InventoryStore: Sendable {
    func createWarehouse(_ shop: ShopID, code: String, name: String, priority: Int64) async throws -> Warehouse
    func warehouses(_ shop: ShopID) async throws -> [Warehouse]
    /// Applies a manual adjustment unless it would leave on hand below held + allocated.
    func adjustStock(
        _ shop: ShopID, skuID: Int64, skuCode: String, warehouseID: Int64, delta: Int64, reason: StockReason,
        note: String?, now: Instant
    ) async throws -> StockMovement
    func stockLevels(_ shop: ShopID, skuID: Int64) async throws -> [StockLevel]
    func movements(_ shop: ShopID, skuID: Int64?, page: PageRequest) async throws -> Page<StockMovement>
    /// SKUs whose total available is at or below their positive threshold.
    func lowStock(_ shop: ShopID) async throws -> [(sku: SKU, level: StockLevel)]
    /// What unpaid orders hold now (of one SKU when `skuID` is given), soonest expiry first; at most `limit`.
    func activeHolds(_ shop: ShopID, skuID: Int64?, limit: Int) async throws -> Page<StockHold>
    /// Every SKU of the shop with its stock summed over warehouses (zero when it has none), by code.
    func stockTotals(_ shop: ShopID) async throws -> [(sku: SKU, level: StockLevel)]
}

/// Orders, their stock holds, payments and refunds.
public protocol OrderStore: Sendable {
    /// In one transaction: reads the snapshot, prices it with `price` (the pure rules), stores the
    /// order and holds its stock — all or nothing. Throws `insufficientStock` or what `price` throws.
    func createOrder(
        _ shop: ShopID, _ request: OrderRequest, price: @escaping @Sendable (OrderSnapshot) throws -> PricedOrder
    ) async throws -> Order
    /// The snapshot an order would be priced from, read without writing (quotes).
    func orderSnapshot(_ shop: ShopID, _ request: OrderRequest) async throws -> OrderSnapshot
    func order(_ shop: ShopID, id: Int64) async throws -> Order?
    /// Newest first, the filters that are set applied.
    func orders(_ shop: ShopID, filter: OrderFilter, page: PageRequest) async throws -> Page<Order>
    /// Records the payment; when `decide` says apply, the order becomes paid and its holds allocations.
    func receivePayment(
        _ shop: ShopID, _ payment: IncomingPayment,
        decide: @escaping @Sendable (Order) -> PaymentDecision
    ) async throws -> PaymentOutcome
    /// Cancels from `expected` status, releasing held or allocated stock and refunding a paid order.
    func cancelOrder(_ shop: ShopID, id: Int64, expected: OrderStatus, reason: CancelReason, now: Instant) async throws -> Order
    /// Marks a paid order shipped: its allocated units leave on hand as sales.
    func shipOrder(_ shop: ShopID, id: Int64, shipment: Shipment, now: Instant) async throws -> Order
    /// A plain guarded status change (deliver, complete).
    func setOrderStatus(_ shop: ShopID, id: Int64, from: OrderStatus, to: OrderStatus, now: Instant) async throws -> Order
    /// Unpaid orders whose hold expired at or before `now`, oldest first, across shops.
    func expiredHolds(now: Instant, limit: Int) async throws -> [(shop: ShopID, orderID: Int64)]
    func payments(_ shop: ShopID, orderID: Int64) async throws -> [Payment]
    func refunds(_ shop: ShopID, orderID: Int64) async throws -> [Refund]
}

/// Customers.
public protocol CustomerStore: Sendable {
    func createCustomer(_ shop: ShopID, name: String, phone: String?, email: String?, acquisitionChannel: String?, now: Instant) async throws -> Customer
    func customer(_ shop: ShopID, id: Int64) async throws -> Customer?
    func customers(_ shop: ShopID, page: PageRequest) async throws -> Page<Customer>
    /// The customers of `ids` that exist in the shop, in one read.
    func customers(_ shop: ShopID, ids: [Int64]) async throws -> [Customer]
}

/// Responses of requests made with an `Idempotency-Key`.
public protocol IdempotencyStore: Sendable {
    func beginIdempotent(_ shop: ShopID, key: String, fingerprint: String, now: Instant) async throws -> IdempotencyState
    func completeIdempotent(_ shop: ShopID, key: String, status: Int, body: [UInt8]) async throws
    /// Forgets a key whose request failed unexpectedly, so it can be retried.
    func abandonIdempotent(_ shop: ShopID, key: String) async throws
}

/// Background work that one instance at a time does (several instances may share a store).
public protocol JobStore: Sendable {
    /// Runs `body` unless another instance is running job `name` right now; nil when it is.
    func exclusively<T: Sendable>(_ name: String, _ body: @Sendable () async throws -> T) async throws -> T?
}

extension AccessStore {
    public func bootstrapDefaultShop(now: Instant) async throws -> ShopInfo {
        try await bootstrapDefaultShop(name: "Yunying Shop", currency: .cny, timeZone: "Asia/Shanghai", now: now)
    }
}

/// Everything Yunying stores: `SQLiteStore` (embedded) and `PostgresStore` (shared by instances).
public protocol Store: AccessStore, JobStore, CatalogStore, InventoryStore, OrderStore, CustomerStore, IdempotencyStore, PromotionStore, EventStore, ImportStore, ExperimentStore, MembershipStore, CRMStore, DashboardStore {}
