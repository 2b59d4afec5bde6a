import Commerce
import Foundation
import Hummingbird
import Logging
import Metrics
import Operations
import Persistence
import Prometheus
import Synchronization

/// How the server is started.
public struct ServerConfig: Sendable {
    public var host: String
    public var port: Int
    public var sweepInterval: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, sweepInterval: Duration = .seconds(5)) {
        self.host = host
        self.port = port
        self.sweepInterval = sweepInterval
    }
}

/// Builds the router and application; tests build the same router through `buildRouter`.
public enum ServerApplication {
    /// The Prometheus registry behind swift-metrics, bootstrapped once per process.
    public static let metricsRegistry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    public static func buildRouter(_ yunying: Yunying, shop: ShopInfo) async throws -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: CORSMiddleware(paths: EventRoutes.browserPaths))
        router.add(middleware: ErrorMiddleware())
        let api = APIRouter(router: router, yunying: yunying)
        SystemRoutes.register(api, metrics: metricsRegistry)
        CatalogRoutes.register(api)
        InventoryRoutes.register(api)
        CustomerRoutes.register(api)
        OrderRoutes.register(api)
        PromotionRoutes.register(api)
        CouponRoutes.register(api)
        EventRoutes.register(api)
        ReportRoutes.register(api)
        ExperimentRoutes.register(api)
        MembershipRoutes.register(api)
        SegmentRoutes.register(api)
        CampaignRoutes.register(api)
        CustomerDataRoutes.register(api)
        PaymentRoutes.register(api, shop: shop, webhookSecret: try await yunying.webhookSecret(shop))
        try SystemRoutes.registerOpenAPI(api)
        try await DashboardRoutes.register(on: router, yunying: yunying)
        return router
    }

    /// The `Server` header of every answer.
    static let serverName = "yunying"

    public static func buildApplication(_ yunying: Yunying, shop: ShopInfo, config: ServerConfig, logger: Logger) async throws -> some ApplicationProtocol {
        _ = metricsRegistry
        let router = try await buildRouter(yunying, shop: shop)
        let flashRefusal = FlashRefusal(yunying, serverName: serverName)
        return Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [FlashRefusalHandler(flashRefusal)])),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: serverName),
            services: [
                BackgroundLoop.holdSweeper(yunying.orders, interval: config.sweepInterval, logger: logger),
                BackgroundLoop.outboxWorker(yunying.delivery, logger: logger),
            ],
            logger: logger)
    }
}
