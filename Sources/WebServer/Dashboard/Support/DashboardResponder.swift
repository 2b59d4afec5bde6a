import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import Operations
import Persistence

/// Answers every dashboard route: needs a session cookie, checks the role and (for actions) the
/// session's CSRF token, renders the page inside the layout, and turns errors from the layers
/// below into an error page with the same code, field and message as the API.
struct DashboardResponder: Sendable {
    let yunying: Yunying
    let renderer: PageRenderer
    let assets: StaticFiles
    static let sessionCookie = "yy_session"
    static let languageCookie = "yy_lang"
    static let maxFormBytes = 64 * 1024

    /// A redirect raised from inside a handler, so pages and actions share one response path.
    struct Redirect: Error {
        let location: String
    }

    func respond(
        _ request: Request, _ context: AppRequestContext, roles: Set<Role>, form: [String: String], csrf: Bool = false,
        handler: (DashboardRequest) async throws -> Page
    ) async throws -> Response {
        let language = Self.language(request)
        guard let token = request.cookies[Self.sessionCookie]?.value, let session = try await yunying.dashboardAccess.session(token: token),
              let shop = try await yunying.access.shop(session.user.shopID)
        else {
            let next = request.method == .get ? request.uri.path : DashboardNav.home(for: .admin)
            return Self.redirect(Self.appending(["next": next], to: "/signin"))
        }
        let dashboard = DashboardRequest(request: request, context: context, yunying: yunying, shop: shop, session: session, language: language, form: form)
        var response: Response
        do {
            guard !csrf || Self.sameToken(form["csrf"], session.csrfToken) else {
                throw DashboardError(status: .forbidden, code: "csrf_failed", message: language.text("error_csrf"))
            }
            guard roles.contains(session.user.role) else {
                throw DashboardError(status: .forbidden, code: "forbidden", message: language.text("error_forbidden"))
            }
            response = try html(try await handler(dashboard), dashboard)
        } catch let redirect as Redirect {
            response = Self.redirect(redirect.location)
        } catch {
            response = try html(errorPage(error, dashboard), dashboard)
        }
        Self.rememberLanguage(of: request, on: &response)
        return response
    }

    /// The layout around a page: navigation, user, language switch, notice.
    func html(_ page: Page, _ request: DashboardRequest) throws -> Response {
        var layout = common(request)
        let body = try renderer.render(page.template, page.context.merging(layout) { own, _ in own })
        layout["title"] = page.title
        layout["body"] = body
        layout["menu"] = DashboardNav.menu(for: request.role, current: request.path, language: request.language)
        layout["user"] = request.session.user.username
        layout["role"] = request.text("role_" + request.role.rawValue)
        layout["other_language"] = request.language.other.rawValue
        layout["other_language_label"] = request.text("language_" + request.language.other.rawValue)
        let here = request.request.uri.query.map { request.path + "?" + $0 } ?? request.path
        layout["other_language_href"] = Self.appending(["lang": request.language.other.rawValue], to: here)
        if let notice = request.query("notice"), let text = request.language.strings["notice_" + notice] { layout["notice"] = text }
        return Self.htmlResponse(try renderer.render("layout", layout), status: page.status)
    }

    /// Values every template may use: strings (`t.key`), the CSRF token, the asset version.
    func common(_ request: DashboardRequest) -> [String: Any] {
        ["t": request.language.strings, "csrf": request.session.csrfToken, "lang": request.language.rawValue, "asset_version": assets.version]
    }

    /// An error from below as a page: the API's status mapping, code, field and message.
    func errorPage(_ error: any Error, _ request: DashboardRequest) -> Page {
        let shown: DashboardError
        switch error {
        case let error as DashboardError: shown = error
        case let error as any CodedError:
            let api = APIError(error)
            shown = DashboardError(status: api.status, code: api.code, message: api.message, field: api.field)
        default:
            request.context.logger.error("dashboard page failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.path)"])
            shown = DashboardError(status: .internalServerError, code: "internal", message: request.text("error_internal"))
        }
        return Page(
            title: request.text("error_title"), template: "error",
            context: [
                "code": shown.code, "message": shown.message, "field": shown.field as Any, "status": shown.status.code,
                "back": "/" + (request.path.split(separator: "/").first.map(String.init) ?? ""),
            ],
            status: shown.status)
    }

    static func htmlResponse(_ text: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// A `?lang=` choice is kept for later pages in the `yy_lang` cookie.
    static func rememberLanguage(of request: Request, on response: inout Response) {
        guard let chosen = request.uri.queryParameters.get("lang").flatMap(Language.init(code:)) else { return }
        response.setCookie(Cookie(name: languageCookie, value: chosen.rawValue, maxAge: 365 * 86400, path: "/", httpOnly: true, sameSite: .strict))
    }

    static func language(_ request: Request) -> Language {
        Language.pick(
            query: request.uri.queryParameters.get("lang"), cookie: request.cookies[languageCookie]?.value,
            acceptLanguage: request.headers[.acceptLanguage])
    }

    /// `target` with `values` set in its query (replacing parameters of the same names), percent-encoded.
    static func appending(_ values: [String: String], to target: String) -> String {
        let parts = target.split(separator: "?", maxSplits: 1)
        let base = String(parts.first ?? "")
        var pairs = parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : []
        pairs.removeAll { pair in values.keys.contains(String(pair.prefix { $0 != "=" })) }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            pairs.append(name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .urlQueryValue) ?? ""))
        }
        return pairs.isEmpty ? base : base + "?" + pairs.joined(separator: "&")
    }

    static func readForm(_ request: inout Request) async throws -> [String: String] {
        let body = try await request.collectBody(upTo: maxFormBytes)
        let text = String(buffer: body)
        guard !text.isEmpty else { return [:] }
        return (try? URLEncodedFormDecoder().decode([String: String].self, from: text)) ?? [:]
    }

    static func sameToken(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        return PasswordHash.constantTimeEqual(Array(given.utf8), Array(expected.utf8))
    }
}

/// A refusal of the dashboard itself (CSRF, role), shown as an error page.
struct DashboardError: Error {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var field: String? = nil
}

extension CharacterSet {
    /// Characters left as they are in a query value.
    static let urlQueryValue = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/"))
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
}
