import ArgumentParser
import Commerce
import Foundation
import Insights
import Operations
import Persistence
import Simulator

/// `yunying simulate`: a deterministic shop history written through the real use cases.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Simulate a shop's history into a new database (deterministic by seed).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Days to simulate.") var days: Int = 90
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "First day (YYYY-MM-DD); default: --days before today.") var start: String?
    @Option(help: "Customers who may sign up.") var customers: Int = 6_000
    @Option(help: "SKUs in the catalog.") var skus: Int = 120
    @Option(help: "Categories (1–8).") var categories: Int = 8
    @Option(name: .customLong("time-zone"), help: "The shop's time zone (IANA name).") var timeZone: String = "Asia/Shanghai"
    @Option(name: .customLong("sessions-per-day"), help: "Storefront sessions on an ordinary weekday.") var sessionsPerDay: Int = 1_100

    func validate() throws {
        guard (1...3650).contains(days) else { throw ValidationError("--days is 1 to 3650.") }
        guard (10...1_000_000).contains(customers) else { throw ValidationError("--customers is 10 to 1,000,000.") }
        guard (1...10_000).contains(skus) else { throw ValidationError("--skus is 1 to 10,000.") }
        guard (1...8).contains(categories) else { throw ValidationError("--categories is 1 to 8.") }
        guard TimeZone(identifier: timeZone) != nil else { throw ValidationError("--time-zone must be an IANA zone like Asia/Shanghai.") }
        guard (1...1_000_000).contains(sessionsPerDay) else { throw ValidationError("--sessions-per-day is 1 to 1,000,000.") }
        if let start, ReportPeriod.day(start) == nil { throw ValidationError("--start must be a date like 2026-08-01.") }
    }

    func run() async throws {
        let location = try database.location()
        if case .sqlite(let path) = location, FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) exists: simulate into a new file.")
        }
        let (yunying, opened) = try await Yunying.open(location)
        guard try await Self.isEmpty(yunying, shop: opened) else {
            throw ValidationError("\(location.description) already holds a shop: simulate into a new database.")
        }
        try await yunying.store.setTimeZone(opened.id, identifier: timeZone)
        var shop = opened
        shop.timeZone = timeZone
        let config = SimulationConfig(
            days: days, customers: customers, skus: skus, categories: categories, seed: seed,
            start: start ?? Self.defaultStart(days: days, shop: shop), sessionsPerDay: sessionsPerDay)
        let summary = try await Self.simulate(yunying, shop: shop, config: config)
        say("simulated \(config.days) days from \(config.start) into \(location.description): \(summary.events) events, \(summary.sessions) sessions, \(summary.orders) orders (\(summary.paidOrders) paid, \(summary.refundedOrders) refunded, \(summary.unpaidOrders) never paid)")
    }

    /// `days` days ending yesterday, in the shop's time zone.
    static func defaultStart(days: Int, shop: ShopInfo) -> String {
        let calendar = ShopCalendar(timeZone: TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!)
        let today = calendar.dayIndex(SystemTime().now().millisecondsSinceEpoch)
        return calendar.label(today - Int32(days), .day)
    }

    /// Runs the simulation with a progress bar and records its parameters in the shop's settings.
    static func simulate(_ yunying: Yunying, shop: ShopInfo, config: SimulationConfig) async throws -> SimulationSummary {
        let bar = ProgressLine()
        let summary = try await Simulator(yunying: yunying, shop: shop, config: config).run { progress in
            bar.draw(Double(progress.day) / Double(progress.days),
                     "day \(progress.day)/\(progress.days)  \(progress.summary.events) events, \(progress.summary.orders) orders")
        }
        bar.finish()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await yunying.store.setSetting(shop.id, key: "simulation", value: String(decoding: try encoder.encode(config), as: UTF8.self))
        return summary
    }

    /// The parameters a database was simulated with, if it was.
    /// Whether the shop has no products yet (a database to simulate into).
    static func isEmpty(_ yunying: Yunying, shop: ShopInfo) async throws -> Bool {
        try await yunying.store.products(shop.id, filter: ProductFilter(), page: PageRequest(limit: 1)).items.isEmpty
    }

    static func storedConfig(_ yunying: Yunying, shop: ShopInfo) async throws -> SimulationConfig? {
        guard let text = try await yunying.store.setting(shop.id, key: "simulation") else { return nil }
        return try? JSONDecoder().decode(SimulationConfig.self, from: Data(text.utf8))
    }
}
