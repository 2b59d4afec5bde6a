import ArgumentParser
import Commerce
import Foundation
import Operations
import Persistence

/// `yunying bench orders`: in-process order placement on SQLite, against a bare SQLite
/// write transaction measured in the same run as the reference.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Benchmarks (see BENCHMARKS.md).", subcommands: [Orders.self, BenchPricingCommand.self, BenchIngestCommand.self, BenchAnalyticsCommand.self, BenchCRMCommand.self, BenchDashboardCommand.self])

    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "In-process order placement rate on SQLite.")

        @Option(help: "Orders to place.") var count: Int = 20_000
        @Option(help: "Concurrent callers.") var concurrency: Int = 64

        func run() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let (yunying, shop) = try await Yunying.openSQLite(path: directory.appendingPathComponent("bench.sqlite").path)
            _ = try await yunying.catalog.createProduct(shop, CreateProduct(title: "Bench item", skus: [CreateSKU(code: "BENCH-1", price: MoneyInput(amount: 1999, currency: nil))]))
            _ = try await yunying.inventory.adjust(shop, AdjustStock(sku: "BENCH-1", delta: Int64(count) * 2, reason: "receipt"))

            let reference = try await Self.referenceInsertRate(yunying, count: count)
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                let perWorker = count / concurrency
                for _ in 0..<concurrency {
                    group.addTask {
                        for _ in 0..<perWorker {
                            _ = try await yunying.orders.place(shop, CreateOrder(lines: [.init(sku: "BENCH-1", quantity: 1)]))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let seconds = (ContinuousClock.now - start).seconds
            let placed = Double((count / concurrency) * concurrency)
            let rate = placed / seconds
            say(String(format: "orders placed: %.0f in %.2f s = %.0f orders/s (%d concurrent callers)", placed, seconds, rate, concurrency))
            say(String(format: "reference: bare SQLite one-row write transactions through the same store = %.0f tx/s", reference))
            say(String(format: "ratio: order placement = %.1f%% of a bare write transaction", 100 * rate / reference))
        }

        /// One-row write transactions through the same pool (settings upserts), for scale.
        static func referenceInsertRate(_ yunying: Yunying, count: Int) async throws -> Double {
            let start = ContinuousClock.now
            for index in 0..<count {
                try await yunying.store.setSetting(1, key: "bench", value: "\(index)")
            }
            return Double(count) / (ContinuousClock.now - start).seconds
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
