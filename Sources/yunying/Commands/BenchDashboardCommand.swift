import ArgumentParser
import Commerce
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Operations
import Persistence
import Simulator
import WebServer

/// `yunying bench dashboard`: every dashboard page of a demo shop over loopback HTTP, served in
/// process (target ≤ 100 ms per page); the stylesheet, served through the same server in the
/// same run, is the reference for what the server and the connection cost without a page.
struct BenchDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Dashboard page render times on a demo shop (see BENCHMARKS.md).")

    @Option(name: .customLong("db"), help: "A demo database to copy (default: simulate one).") var path: String?
    @Option(help: "Days to simulate when no --db is given.") var days: Int = 90
    @Option(help: "Requests per page.") var requests: Int = 30
    @Option(help: "Port to serve on.") var port: Int = 8799

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("demo.sqlite").path
        if let path {
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
            }
        }
        if path == nil {
            say("simulating \(days) days …")
            let (simulated, shop) = try await Yunying.openSQLite(path: copy)
            _ = try await SimulateCommand.simulate(simulated, shop: shop, config: SimulationConfig(days: days, seed: 42, start: SimulateCommand.defaultStart(days: days, shop: shop)))
        }
        // A fresh instance, so the first request of each page meets cold analytics caches as after a restart.
        let (yunying, shop) = try await Yunying.openSQLite(path: copy)
        // A user of the copy only; few PBKDF2 rounds since sign-in is not what is measured.
        let user = try await yunying.dashboardAccess.createUser(shop, username: "bench-\(UUID().uuidString.prefix(8))", password: "bench password", role: .admin, rounds: 1000)
        let link = try await yunying.dashboardAccess.createSignInLink(username: user.username)
        let session = try await yunying.dashboardAccess.signIn(linkToken: String(link.split(separator: "=").last ?? ""))!

        // Cancelling the server at the end is expected; its shutdown complaints are not results.
        let app = try await ServerApplication.buildApplication(yunying, shop: shop, config: ServerConfig(port: port), logger: makeLogger(level: "critical"))
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let client = PageClient(base: "http://127.0.0.1:\(port)", session: session.token)
        try await client.waitUntilUp()

        let pages = try await Self.pages(yunying, shop: shop)
        let reference = try await client.measure("/static/dashboard.css", language: "en", times: requests)
        say("page".padding(toLength: 34, withPad: " ", startingAt: 0) + "   first   median      p95      max   (ms; first = cold caches, then \(requests) requests)")
        say(Self.line("reference: /static/dashboard.css", reference))
        var worst = 0.0
        for page in pages {
            for language in ["en", "zh-CN"] {
                let timings = try await client.measure(page, language: language, times: requests)
                worst = max(worst, timings.median)
                say(Self.line("\(page) (\(language))", timings))
            }
        }
        say(String(format: "slowest page median: %.1f ms = %.0f%% of the 100 ms target; reference median %.2f ms", worst, worst, reference.median))
    }

    /// Every page, with the first promotion, order, segment and campaign for the detail pages.
    static func pages(_ yunying: Yunying, shop: ShopInfo) async throws -> [String] {
        var pages = ["/", "/?days=30", "/traffic", "/funnel", "/retention", "/products", "/inventory", "/promotions", "/promotions/new", "/customers", "/campaigns", "/orders"]
        let one = PageRequest(limit: 1)
        if let promotion = try await yunying.promotions.list(shop, window: nil, type: nil, page: one).items.first {
            pages += ["/promotions/\(IDPrefix.promotion.format(promotion.id))", "/promotions/\(IDPrefix.promotion.format(promotion.id))/edit"]
        }
        if let order = try await yunying.orders.orders(shop, filter: OrderFilter(), page: one).items.first { pages.append("/orders/\(IDPrefix.order.format(order.id))") }
        if let segment = try await yunying.segments.list(shop, page: one).items.first { pages.append("/segments/\(IDPrefix.segment.format(segment.id))") }
        if let campaign = try await yunying.campaigns.list(shop, page: one).items.first { pages.append("/campaigns/\(IDPrefix.campaign.format(campaign.id))") }
        return pages
    }

    static func line(_ name: String, _ timings: PageClient.Timings) -> String {
        name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%8.2f %8.2f %8.2f %8.2f", timings.first, timings.median, timings.p95, timings.max)
    }
}

/// Sequential GETs with the session cookie, timed from request to the last byte.
struct PageClient: Sendable {
    struct Timings {
        /// The first request, which also fills the analytics caches the page reads.
        let first: Double
        let median: Double
        let p95: Double
        let max: Double
    }

    let base: String
    let session: String

    /// The language goes in the `yy_lang` cookie rather than `?lang=`: Foundation's URLSession on
    /// Linux sends a request again without the given cookies when an answer sets a cookie.
    func get(_ path: String, language: String) async throws -> Int {
        var request = URLRequest(url: URL(string: base + path)!)
        request.setValue("yy_session=\(session); yy_lang=\(language)", forHTTPHeaderField: "Cookie")
        request.httpShouldHandleCookies = false
        let (body, response) = try await URLSession.shared.data(for: request)
        // A redirect (to sign-in) would be followed and answer 200: count only the page asked for.
        guard response.url?.path.hasPrefix("/signin") == false, !body.isEmpty else { return 0 }
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    func waitUntilUp() async throws {
        for _ in 0..<100 {
            if (try? await get("/static/dashboard.css", language: "en")) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the server did not start on \(base)")
    }

    /// The first request, a second to warm up, then `times` measured ones; a status other than 200 stops the run.
    func measure(_ path: String, language: String, times: Int) async throws -> Timings {
        var samples: [Double] = []
        var first = 0.0
        for round in 0..<(times + 2) {
            let start = ContinuousClock.now
            let status = try await get(path, language: language)
            guard status == 200 else { throw ValidationError("GET \(path) answered \(status)") }
            let milliseconds = (ContinuousClock.now - start).seconds * 1000
            if round == 0 { first = milliseconds }
            if round >= 2 { samples.append(milliseconds) }
        }
        samples.sort()
        return Timings(
            first: first, median: samples[samples.count / 2], p95: samples[min(samples.count - 1, samples.count * 95 / 100)], max: samples.last ?? 0)
    }
}
