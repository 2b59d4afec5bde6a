import Hummingbird
import Operations

/// Mounts the dashboard: static files, sign-in and every page (see docs/dashboard.md).
enum DashboardRoutes {
    static func register(on router: Router<AppRequestContext>, yunying: Yunying) async throws {
        let assets = try StaticFiles.load()
        assets.register(on: router)
        let responder = DashboardResponder(yunying: yunying, renderer: try await PageRenderer.load(), assets: assets)
        let dashboard = DashboardRouter(router: router, responder: responder)
        SignInRoutes.register(dashboard)
        OverviewPage.register(dashboard)
        InventoryPage.register(dashboard)
        OrdersPage.register(dashboard)
        OrderDetailPage.register(dashboard)
        TrafficPage.register(dashboard)
        FunnelPage.register(dashboard)
        RetentionPage.register(dashboard)
        ProductsPage.register(dashboard)
        PromotionsPage.register(dashboard)
        PromotionFormPage.register(dashboard)
        PromotionReviewPage.register(dashboard)
        CustomersPage.register(dashboard)
        SegmentPage.register(dashboard)
        CampaignsPage.register(dashboard)
    }
}
