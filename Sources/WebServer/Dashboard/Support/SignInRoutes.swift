import Foundation
import Hummingbird
import Operations
import Persistence

/// Sign-in with a username and password or a one-time link, and sign-out. The sign-in form is
/// protected from cross-site posts by a token kept in a short-lived cookie and echoed by the form.
struct SignInRoutes: Sendable {
    let responder: DashboardResponder
    static let formCookie = "yy_signin"

    static func register(_ dashboard: DashboardRouter) {
        let routes = SignInRoutes(responder: dashboard.responder)
        routes.register(dashboard)
    }

    func register(_ dashboard: DashboardRouter) {
        let router = dashboard.router
        router.get("/signin") { request, _ in try self.form(request, error: nil, status: .ok) }
        router.post("/signin") { request, _ in
            var request = request
            let form = try await DashboardResponder.readForm(&request)
            let language = DashboardResponder.language(request)
            guard let expected = request.cookies[Self.formCookie]?.value, DashboardResponder.sameToken(form["csrf"], expected) else {
                return try self.form(request, error: language.text("error_signin_expired"), status: .forbidden)
            }
            switch try await responder.yunying.dashboardAccess.signIn(username: form["username"] ?? "", password: form["password"] ?? "") {
            case .signedIn(let token, let session): return Self.start((token, session), next: form["next"])
            case .rejected: return try self.form(request, error: language.text("error_credentials"), status: .unauthorized)
            case .throttled: return try self.form(request, error: language.text("error_throttled"), status: .tooManyRequests)
            }
        }
        router.get("/signin/link") { request, _ in
            guard let token = request.uri.queryParameters.get("token"),
                  let signedIn = try await responder.yunying.dashboardAccess.signIn(linkToken: String(token))
            else {
                return try self.form(request, error: DashboardResponder.language(request).text("error_link"), status: .unauthorized)
            }
            return Self.start(signedIn, next: nil)
        }
        dashboard.action("/signout", roles: Roles.everyone) { request in
            if let token = request.request.cookies[DashboardResponder.sessionCookie]?.value {
                try await request.yunying.dashboardAccess.signOut(token: token)
            }
            return .redirect("/signin", notice: nil)
        }
    }

    /// The sign-in page with a fresh form token.
    func form(_ request: Request, error: String?, status: HTTPResponse.Status) throws -> Response {
        let language = DashboardResponder.language(request)
        let token = AccessService.randomToken(length: 32)
        let next = request.uri.queryParameters.get("next").flatMap(Self.safeNext) ?? ""
        let context: [String: Any] = [
            "t": language.strings, "lang": language.rawValue, "csrf": token, "next": next, "error": error as Any,
            "asset_version": responder.assets.version,
            "other_language_href": DashboardResponder.appending(["lang": language.other.rawValue], to: "/signin"),
            "other_language_label": language.text("language_" + language.other.rawValue),
        ]
        var response = DashboardResponder.htmlResponse(try responder.renderer.render("signin", context), status: status)
        response.setCookie(Cookie(name: Self.formCookie, value: token, maxAge: 3600, path: "/signin", httpOnly: true, sameSite: .strict))
        DashboardResponder.rememberLanguage(of: request, on: &response)
        return response
    }

    /// Sets the session cookie and goes on to `next` (a local path) or the user's first section.
    static func start(_ signedIn: (token: String, session: DashboardSession), next: String?) -> Response {
        var response = DashboardResponder.redirect(next.flatMap(safeNext) ?? DashboardNav.home(for: signedIn.session.user.role))
        response.setCookie(Cookie(
            name: DashboardResponder.sessionCookie, value: signedIn.token, maxAge: Int(DashboardAccess.sessionSeconds), path: "/",
            httpOnly: true, sameSite: .strict))
        return response
    }

    /// Only local paths, so a crafted link cannot send a user elsewhere after sign-in.
    static func safeNext(_ next: String) -> String? {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/signin") else { return nil }
        return next
    }
}
