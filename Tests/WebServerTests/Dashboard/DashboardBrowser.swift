import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Operations
import Persistence
import Testing
@testable import WebServer

/// A signed-in browser for dashboard tests: keeps the session cookie and sends the CSRF token.
struct DashboardBrowser: Sendable {
    let client: any TestClientProtocol
    let cookie: String
    let csrf: String
    var language: String = "en"

    /// Creates `username` with `role` (few PBKDF2 rounds, to keep tests quick) and signs in through the form.
    static func signIn(_ shop: TestShop, _ client: any TestClientProtocol, role: Role, username: String? = nil) async throws -> DashboardBrowser {
        let name = username ?? "user-\(role.rawValue)"
        _ = try await shop.yunying.dashboardAccess.createUser(shop.shop, username: name, password: "correct horse", role: role, rounds: 1000)
        let form = try await client.execute(uri: "/signin", method: .get, headers: [:], body: nil)
        let formToken = try #require(Self.cookie("yy_signin", in: form.headers))
        let answer = try await client.execute(
            uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "yy_signin=\(formToken)"],
            body: ByteBuffer(string: "csrf=\(formToken)&username=\(name)&password=correct+horse"))
        #expect(answer.status == .seeOther)
        let token = try #require(Self.cookie("yy_session", in: answer.headers))
        let session = try #require(try await shop.yunying.dashboardAccess.session(token: token))
        return DashboardBrowser(client: client, cookie: token, csrf: session.csrfToken)
    }

    /// GETs a page; `RawAnswer.text` is the HTML.
    func get(_ uri: String) async throws -> RawAnswer {
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        return RawAnswer(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Posts a form with the session's CSRF token (or `csrf` when given, e.g. a wrong one).
    func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> RawAnswer {
        var headers = self.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let all = [("csrf", csrf ?? self.csrf)] + fields
        let body = all.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        return RawAnswer(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    var headers: HTTPFields {
        [.cookie: "yy_session=\(cookie); yy_lang=\(language)"]
    }

    /// The value of cookie `name` among the response's Set-Cookie headers.
    static func cookie(_ name: String, in headers: HTTPFields) -> String? {
        for header in headers[values: .setCookie] where header.hasPrefix(name + "=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }
}
