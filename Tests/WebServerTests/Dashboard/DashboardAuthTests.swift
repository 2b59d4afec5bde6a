import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Operations
import Persistence
import Testing
import StoreTesting
@testable import WebServer

@Suite struct DashboardAuthTests {
    @Test(arguments: StoreKind.allCases) func pagesNeedASessionAndSendBrowsersToSignIn(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client in
            let page = try await client.execute(uri: "/?days=7", method: .get, headers: [:], body: nil)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/signin?next=/")
            let form = try await client.execute(uri: "/signin", method: .get, headers: [:], body: nil)
            #expect(form.status == .ok)
            let setCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("yy_signin=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            #expect(String(buffer: form.body).contains("name=\"password\""))
        }
    }

    @Test(arguments: StoreKind.allCases) func signInSetsAStrictHttpOnlySessionCookieAndOpensTheDashboard(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client in
            _ = try await shop.yunying.dashboardAccess.createUser(shop.shop, username: "mei", password: "correct horse", role: .admin, rounds: 1000)
            let form = try await client.execute(uri: "/signin", method: .get, headers: [:], body: nil)
            let token = try #require(DashboardBrowser.cookie("yy_signin", in: form.headers))
            func signIn(_ body: String, formCookie: String? = token) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                if let formCookie { headers[.cookie] = "yy_signin=\(formCookie)" }
                return try await client.execute(uri: "/signin", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let wrong = try await signIn("csrf=\(token)&username=mei&password=wrong+horse")
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("Unknown username or wrong password."))
            #expect(DashboardBrowser.cookie("yy_session", in: wrong.headers) == nil)
            let unknown = try await signIn("csrf=\(token)&username=nobody&password=correct+horse")
            #expect(unknown.status == .unauthorized)
            let forged = try await signIn("csrf=\(token)&username=mei&password=correct+horse", formCookie: nil)
            #expect(forged.status == .forbidden)
            let good = try await signIn("csrf=\(token)&username=mei&password=correct+horse&next=%2Finventory")
            #expect(good.status == .seeOther)
            #expect(good.headers[.location] == "/inventory")
            let session = try #require(good.headers[values: .setCookie].first { $0.hasPrefix("yy_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict") && session.contains("Path=/"))
            let offsite = try await signIn("csrf=\(token)&username=mei&password=correct+horse&next=%2F%2Fevil.example")
            #expect(offsite.headers[.location] == "/")
        }
    }

    @Test(arguments: StoreKind.allCases) func formsWithoutTheSessionsCSRFTokenAreRejected(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client in
            let browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let forged = try await browser.post("/signout", [], csrf: "not-the-token")
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("csrf_failed"))
            #expect(try await browser.get("/").status == .ok)
            let missing = try await browser.post("/signout", [], csrf: "")
            #expect(missing.status == .forbidden)
            let signOut = try await browser.post("/signout", [])
            #expect(signOut.status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test(arguments: StoreKind.allCases) func rolesDecideWhichPagesOpenAndWhichSectionsShow(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client in
            let service = try await DashboardBrowser.signIn(shop, client, role: .service)
            let overview = try await service.get("/")
            #expect(overview.status == .forbidden)
            #expect(overview.text.contains("forbidden"))
            #expect(!overview.text.contains("href=\"/traffic\""))
            #expect(overview.text.contains("href=\"/orders\""))
            let analyst = try await DashboardBrowser.signIn(shop, client, role: .analyst)
            #expect(try await analyst.get("/").status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func aSignInLinkWorksOnceAndOnlyBeforeItExpires(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client in
            _ = try await shop.yunying.dashboardAccess.createUser(shop.shop, username: "ops", password: "correct horse", role: .operator, rounds: 1000)
            let link = try await shop.yunying.dashboardAccess.createSignInLink(username: "ops")
            let first = try await client.execute(uri: link, method: .get, headers: [:], body: nil)
            #expect(first.status == .seeOther)
            #expect(DashboardBrowser.cookie("yy_session", in: first.headers) != nil)
            let again = try await client.execute(uri: link, method: .get, headers: [:], body: nil)
            #expect(again.status == .unauthorized)
            let late = try await shop.yunying.dashboardAccess.createSignInLink(username: "ops")
            shop.time.advance(seconds: DashboardAccess.linkSeconds + 1)
            #expect(try await client.execute(uri: late, method: .get, headers: [:], body: nil).status == .unauthorized)
        }
    }

    @Test(arguments: StoreKind.allCases) func theLanguageFollowsTheToggleThenTheCookieThenTheBrowser(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client in
            let browser = try await DashboardBrowser.signIn(shop, client, role: .admin)
            let chinese = try await client.execute(
                uri: "/", method: .get, headers: [.cookie: "yy_session=\(browser.cookie)", .acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8"], body: nil)
            #expect(String(buffer: chinese.body).contains("概览"))
            let toggled = try await client.execute(
                uri: "/?lang=en", method: .get, headers: [.cookie: "yy_session=\(browser.cookie)", .acceptLanguage: "zh-CN"], body: nil)
            #expect(String(buffer: toggled.body).contains(">Overview<"))
            #expect(DashboardBrowser.cookie("yy_lang", in: toggled.headers) == "en")
        }
    }

    @Test(arguments: StoreKind.allCases) func passwordsAreStoredAsSlowSaltedHashes(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let user = try await shop.yunying.dashboardAccess.createUser(shop.shop, username: "liwei", password: "correct horse", role: .viewer)
        #expect(user.passwordHash.hasPrefix("pbkdf2-sha256$600000$"))
        #expect(!user.passwordHash.contains("correct"))
        #expect(await PasswordHash.verify("correct horse", against: user.passwordHash))
        #expect(!(await PasswordHash.verify("correct horsf", against: user.passwordHash)))
        await #expect(throws: OperationsError.self) {
            try await shop.yunying.dashboardAccess.createUser(shop.shop, username: "liwei", password: "short", role: .viewer)
        }
        await #expect(throws: StoreError.duplicate(field: "username", value: "liwei")) {
            try await shop.yunying.dashboardAccess.createUser(shop.shop, username: "liwei", password: "another horse", role: .viewer, rounds: 1000)
        }
    }
}

/// Every dashboard route, whichever page adds it, needs a session.
@Suite struct DashboardRouteCoverageTests {
    @Test(arguments: StoreKind.allCases) func everyPageAndActionSendsABrowserWithoutASessionToSignIn(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let routes = try await ServerApplication.buildRouter(shop.yunying, shop: shop.shop).routes
            .map { (method: $0.method, path: $0.path.description) }
            .filter { !isAPIRoute($0.path) && !$0.path.hasPrefix("/signin") && !$0.path.hasPrefix("/static") }
        #expect(routes.count >= 26, "expected every dashboard page, got \(routes.count)")
        try await shop.test { client in
            for route in routes {
                let uri = route.path.replacingOccurrences(of: ":id", with: "x_1")
                let answer = try await client.execute(
                    uri: uri, method: route.method, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "a=b"))
                #expect(answer.status == .seeOther, "\(route.method) \(uri): \(answer.status)")
                #expect(answer.headers[.location]?.hasPrefix("/signin") == true, "\(route.method) \(uri)")
            }
        }
    }
}

@Suite struct SignInThrottleTests {
    @Test(arguments: StoreKind.allCases) func tenFailuresLockAUsernameForFifteenMinutesEvenWithTheRightPassword(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        let access = shop.yunying.dashboardAccess
        _ = try await access.createUser(shop.shop, username: "mei", password: "correct horse", role: .admin, rounds: 1000)
        for _ in 0..<10 {
            guard case .rejected = try await access.signIn(username: "mei", password: "wrong horse") else { Issue.record("expected a rejection"); return }
        }
        guard case .throttled = try await access.signIn(username: "mei", password: "correct horse") else { Issue.record("expected throttling"); return }
        // Other usernames are not affected.
        guard case .rejected = try await access.signIn(username: "kai", password: "whatever horse") else { Issue.record("expected a rejection"); return }
        shop.time.advance(seconds: 15 * 60 + 1)
        guard case .signedIn = try await access.signIn(username: "mei", password: "correct horse") else { Issue.record("expected a session"); return }
    }

    @Test(arguments: StoreKind.allCases) func theSignInFormAnswers429WhenThrottled(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client in
            let form = try await client.execute(uri: "/signin", method: .get, headers: [:], body: nil)
            let token = try #require(DashboardBrowser.cookie("yy_signin", in: form.headers))
            var last: HTTPResponse.Status = .ok
            for _ in 0..<11 {
                last = try await client.execute(
                    uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "yy_signin=\(token)"],
                    body: ByteBuffer(string: "csrf=\(token)&username=ghost&password=guess+guess")).status
            }
            #expect(last == .tooManyRequests)
        }
    }
}
