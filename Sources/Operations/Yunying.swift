import Commerce
import Persistence

/// Settings of the operations layer.
public struct OperationsConfig: Sendable {
    /// How long an unpaid order holds its stock (seconds).
    public var holdSeconds: Int64

    public init(holdSeconds: Int64 = 30 * 60) {
        self.holdSeconds = holdSeconds
    }
}

/// All use cases over one store: what the web server, the CLI and the simulator call.
public struct Yunying: Sendable {
    public let store: any Store
    public let time: any TimeSource
    public let catalog: CatalogService
    public let inventory: InventoryService
    public let orders: OrderService
    public let payments: PaymentService
    public let customers: CustomerService
    public let access: AccessService
    public let dashboardAccess: DashboardAccess
    public let promotions: PromotionService
    public let coupons: CouponService
    public let events: EventIngestion
    public let analytics: AnalyticsService
    public let experiments: ExperimentService
    public let membership: MembershipService
    public let segments: SegmentService
    public let campaigns: CampaignService
    public let privacy: PrivacyService
    public let crmSettings: CRMSettingsService
    public let delivery: MessageDelivery

    public init(store: any Store, time: any TimeSource = SystemTime(), config: OperationsConfig = OperationsConfig()) {
        self.store = store
        self.time = time
        catalog = CatalogService(store: store, time: time)
        inventory = InventoryService(store: store, time: time)
        orders = OrderService(store: store, time: time, holdSeconds: config.holdSeconds)
        payments = PaymentService(store: store, time: time)
        customers = CustomerService(store: store, time: time)
        access = AccessService(store: store, time: time)
        dashboardAccess = DashboardAccess(store: store, time: time)
        promotions = PromotionService(store: store, time: time)
        coupons = CouponService(store: store, time: time)
        let caches = AnalyticsCaches()
        events = EventIngestion(store: store, time: time, caches: caches)
        analytics = AnalyticsService(store: store, time: time, caches: caches)
        membership = MembershipService(store: store, time: time)
        segments = SegmentService(store: store, time: time, analytics: analytics)
        experiments = ExperimentService(store: store, time: time, segments: segments)
        campaigns = CampaignService(store: store, time: time, segments: segments)
        privacy = PrivacyService(store: store, time: time, caches: caches)
        crmSettings = CRMSettingsService(store: store)
        delivery = MessageDelivery(store: store, time: time)
    }

    /// Opens a SQLite database, migrating it and creating the default shop when new.
    public static func openSQLite(path: String, time: any TimeSource = SystemTime(), config: OperationsConfig = OperationsConfig()) async throws -> (Yunying, ShopInfo) {
        try await open(try SQLiteStore(path: path), time: time, config: config)
    }

    /// Opens the store at `location`, migrating it and creating the default shop when new.
    public static func open(_ location: StoreLocation, time: any TimeSource = SystemTime(), config: OperationsConfig = OperationsConfig()) async throws -> (Yunying, ShopInfo) {
        try await open(try await location.open(), time: time, config: config)
    }

    /// Uses an opened store, creating the default shop when new.
    public static func open(_ store: any Store, time: any TimeSource = SystemTime(), config: OperationsConfig = OperationsConfig()) async throws -> (Yunying, ShopInfo) {
        let shop = try await store.bootstrapDefaultShop(now: time.now())
        let yunying = Yunying(store: store, time: time, config: config)
        _ = try await yunying.webhookSecret(shop)
        return (yunying, shop)
    }

    /// The shop's secret for signing payment callbacks, created on first use.
    public func webhookSecret(_ shop: ShopInfo) async throws -> String {
        if let secret = try await store.setting(shop.id, key: "webhook_secret") { return secret }
        let secret = "whsec_" + AccessService.randomToken(length: 32)
        try await store.setSetting(shop.id, key: "webhook_secret", value: secret)
        return secret
    }
}
