import Hummingbird
import Operations
import Persistence

/// Registers dashboard pages (GET) and actions (form POSTs) with the roles that may use them;
/// `DashboardResponder` does the rest (session, CSRF, roles, layout, errors).
struct DashboardRouter {
    let router: Router<AppRequestContext>
    let responder: DashboardResponder

    var yunying: Yunying { responder.yunying }

    func page(_ path: String, roles: Set<Role>, handler: @escaping @Sendable (DashboardRequest) async throws -> Page) {
        let responder = responder
        router.get(RouterPath(path)) { request, context in
            try await responder.respond(request, context, roles: roles, form: [:]) { try await handler($0) }
        }
    }

    func action(_ path: String, roles: Set<Role>, handler: @escaping @Sendable (DashboardRequest) async throws -> ActionResult) {
        let responder = responder
        router.post(RouterPath(path)) { request, context in
            var request = request
            let form = try await DashboardResponder.readForm(&request)
            return try await responder.respond(request, context, roles: roles, form: form, csrf: true) { dashboard in
                switch try await handler(dashboard) {
                case .page(let page): return page
                case .redirect(let target, let notice):
                    throw DashboardResponder.Redirect(location: notice.map { DashboardResponder.appending(["notice": $0], to: target) } ?? target)
                }
            }
        }
    }
}
