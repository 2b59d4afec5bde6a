import ArgumentParser
import Foundation
import Hummingbird
import Insights
import Operations
import Persistence
import Simulator
import WebServer

/// `yunying demo`: a simulated 90-day shop (created once, then reused), served with an admin key.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Simulate (once) and serve a 90-day demo shop at http://127.0.0.1:8080.")

    @Option(name: .customLong("db"), help: "Demo database file (default ./yunying-demo.sqlite).") var path: String?
    @Option(name: .customLong("database-url"), help: "Or a PostgreSQL URL to simulate into (once) and serve from.") var url: String?
    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "Days to simulate.") var days: Int = 90
    @Option(help: "Random seed.") var seed: UInt64 = 42

    func validate() throws {
        if path != nil, url != nil { throw ValidationError("Give --db or --database-url, not both.") }
    }

    func run() async throws {
        let logger = makeLogger(level: "info")
        let location = try DatabaseOptions.location(url: url, path: path, defaultPath: "./yunying-demo.sqlite")
        let (yunying, shop) = try await Yunying.open(location)
        let isNew = try await SimulateCommand.isEmpty(yunying, shop: shop)
        let path = location.description
        var wanted = SimulationConfig(days: days, seed: seed, start: SimulateCommand.defaultStart(days: days, shop: shop))
        if isNew {
            say("Simulating \(days) days of a shop into \(path) (once; later runs reuse it)…")
            let started = ContinuousClock.now
            let summary = try await SimulateCommand.simulate(yunying, shop: shop, config: wanted)
            say("  \(summary.events) events, \(summary.sessions) sessions, \(summary.orders) orders in \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s")
        } else if let stored = try await SimulateCommand.storedConfig(yunying, shop: shop) {
            guard stored.matches(wanted, ignoringStart: true) else {
                throw ValidationError("\(path) was simulated with other parameters (days \(stored.days), seed \(stored.seed)): use another database.")
            }
            wanted = stored
        } else {
            throw ValidationError("\(path) is not a simulated demo shop: use another database.")
        }
        let key = try await yunying.access.createKey(shop: shop.id, role: .admin, name: "demo admin")
        let dashboard = try await Self.dashboardAdmin(yunying, shop: shop)
        let app = try await ServerApplication.buildApplication(yunying, shop: shop, config: ServerConfig(port: port), logger: logger)
        // Serve at once; the summary reads the same reports while the server comes up.
        async let serving: Void = app.runService()
        let summary = try await Self.kpiSummary(yunying, shop: shop, lastDay: wanted.lastDay)
        say("""
            Yunying demo shop \(isNew ? "created" : "reused") at \(path): \(wanted.days) days from \(wanted.start)
            Serving at http://127.0.0.1:\(port)
            Dashboard: open http://127.0.0.1:\(port)\(dashboard.link) (one-time sign-in link)
              or sign in as \(dashboard.username) / \(dashboard.password)
            Try: curl -H 'Authorization: Bearer \(key.secret)' 'http://127.0.0.1:\(port)/api/v1/reports/kpis?from=\(summary.from)&to=\(summary.to)'
            Admin API key:
            \(key.secret)
            Last 30 days (\(summary.from) – \(summary.to)):
            \(summary.lines.joined(separator: "\n"))
            """)
        try await serving
    }

    /// The demo's dashboard user `admin` with a new random password each run, and a one-time sign-in link.
    static func dashboardAdmin(_ yunying: Yunying, shop: ShopInfo) async throws -> (username: String, password: String, link: String) {
        let username = "admin", password = AccessService.randomToken(length: 16)
        do {
            try await yunying.dashboardAccess.setPassword(username: username, password: password)
        } catch OperationsError.notFound {
            _ = try await yunying.dashboardAccess.createUser(shop, username: username, password: password, role: .admin)
        }
        return (username, password, try await yunying.dashboardAccess.createSignInLink(username: username))
    }

    /// Five lines about the last 30 simulated days, from the same reports the API serves.
    static func kpiSummary(_ yunying: Yunying, shop: ShopInfo, lastDay: String) async throws -> (from: String, to: String, lines: [String]) {
        let from = ReportPeriod.day(lastDay).map { ShopCalendar.label($0 - 29, .day) } ?? lastDay
        let parameters = ReportParameters(["from": from, "to": lastDay])
        let kpis = try await yunying.analytics.report(shop, name: "kpis", parameters).json
        let change = try await yunying.analytics.report(shop, name: "gmv-change", parameters).json
        let channels = try await yunying.analytics.report(shop, name: "channels", parameters).json
        func cell(_ key: String) -> String { kpis[key]?.cell ?? "?" }
        func percent(_ key: String) -> String {
            guard case .double(let rate)? = kpis[key] else { return "?" }
            return String(format: "%.2f%%", rate * 100)
        }
        func amount(_ value: ReportValue?) -> Int64 {
            guard case .money(let amount, _)? = value else { return 0 }
            return amount
        }
        var top = "?"
        if case .array(let rows)? = channels["rows"], let best = rows.max(by: { amount($0["paid_revenue"]) < amount($1["paid_revenue"]) }),
           let name = best["channel"]?.cell, let revenue = best["paid_revenue"]?.cell {
            top = "\(name) (¥\(revenue) paid)"
        }
        let sentence = change["sentence"]?.cell ?? ""
        return (from, lastDay, [
            "  GMV ¥\(cell("gmv")) placed, ¥\(cell("paid_revenue")) paid in \(cell("orders")) orders; refunds ¥\(cell("refunds"))",
            "  UV \(cell("uv")), sessions \(cell("sessions")), add-to-cart \(percent("add_to_cart_rate")), conversion \(percent("conversion_rate"))",
            "  AOV ¥\(cell("aov_per_order")) per order, ¥\(cell("aov_per_customer")) per customer; UV value ¥\(cell("uv_value"))",
            "  repurchase \(percent("repurchase_rate")), returning customers \(percent("returning_customer_rate")); top channel \(top)",
            "  \(sentence)",
        ])
    }
}
