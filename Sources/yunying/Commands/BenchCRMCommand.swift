import ArgumentParser
import Foundation
import Insights

/// `yunying bench crm`: RFM, the customer table and segment evaluation on synthetic customers
/// and orders (targets: RFM for 1 M customers / 5 M orders ≤ 2 s, a segment over 1 M ≤ 500 ms);
/// the row-by-row segment evaluation is the reference measured in the same run.
struct BenchCRMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "crm", abstract: "RFM and segments on synthetic customers (see BENCHMARKS.md).")

    @Option(help: "Customers.") var customers: Int = 1_000_000
    @Option(help: "Orders.") var orders: Int = 5_000_000
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func run() async throws {
        say("generating \(customers) customers and \(orders) orders …")
        for (name, duration) in CRMBenchmark.run(customers: customers, orders: orders, seed: seed) {
            say(name.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%10.1f ms", duration.seconds * 1000))
        }
    }
}
