import Commerce
import Hummingbird
import Operations
import Persistence

/// What a dashboard handler gets: the signed-in user's session and shop, the language, and the
/// request's query, path parameters and (for actions) form fields.
struct DashboardRequest: Sendable {
    let request: Request
    let context: AppRequestContext
    let yunying: Yunying
    let shop: ShopInfo
    let session: DashboardSession
    let language: Language
    /// Fields of a submitted form (empty for pages).
    let form: [String: String]

    var style: NumberStyle { NumberStyle(language: language) }
    var role: Role { session.user.role }
    var path: String { request.uri.path }

    func text(_ key: String) -> String { language.text(key) }

    func query(_ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    func parameter(_ name: String) -> String {
        context.parameters.get(name) ?? ""
    }

    /// A form field, trimmed; `nil` when absent or blank.
    func field(_ name: String) -> String? {
        form[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the user's role may do what `roles` allows (to show or hide an action).
    func may(_ roles: Set<Role>) -> Bool { roles.contains(role) }
}

/// What a page shows: a template and its values, rendered inside the layout.
struct Page {
    var title: String
    var template: String
    var context: [String: Any]
    var status: HTTPResponse.Status = .ok
}

/// What an action (a form post) leads to: back to a page with a notice, or a page shown again
/// (a form with the submitted values and the error).
enum ActionResult {
    /// 303 to `path`; `notice` is a catalog key shown once on arrival.
    case redirect(String, notice: String?)
    case page(Page)
}
