import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// `yunying import orders` as a user runs it: the real binary on a file, exit status and summary.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ImportCommandTests {
    static let csv = """
        order_id,customer_id,ordered_at,sku,quantity,unit_price,discount,status
        1001,alice,2024-01-05T10:00:00+08:00,TEE-1,2,19.90,0,paid
        1002,bob,2024-01-06,MUG-1,1,35.00,5,refunded
        1001,alice,2024-01-05T10:00:00+08:00,CAP-1,1,9.90,0,paid
        1003,carol,2024-01-07,TEE-1,0,19.90,0,paid
        1004,,2024-01-08,,1,100,0,pending

        """

    /// Runs `yunying` to completion; its exit and everything it printed (stdout and stderr).
    static func run(_ harness: SystemHarness, _ arguments: [String], log: String) async throws -> (ProcessExit, String) {
        let output = harness.directory.appendingPathComponent(log)
        let child = try SystemHarness.launch(harness.binary, arguments, log: output)
        guard let exit = await child.waitForExit(timeout: .seconds(60)) else {
            child.signal(SIGKILL)
            throw HarnessError("yunying \(arguments.joined(separator: " ")) did not finish")
        }
        return (exit, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    @Test func importOrdersReportsBadRowsAndKeepsTheRest() async throws {
        let harness = try SystemHarness()
        defer { try? FileManager.default.removeItem(at: harness.directory) }
        let file = harness.directory.appendingPathComponent("orders.csv")
        try Self.csv.write(to: file, atomically: true, encoding: .utf8)
        let arguments = ["import", "orders", "--format", "generic", file.path, "--db", harness.database]

        let (exit, output) = try await Self.run(harness, arguments, log: "first.out")
        #expect(!exit.isCleanExit && !exit.signalled && exit.status == 1, "\(exit)\n\(output)")
        #expect(output.contains("imported: 3"), "\(output)")
        #expect(output.contains("skipped: 1"))
        #expect(output.contains("placeholder SKUs: 3"))
        #expect(output.contains("customers created: 2"))
        #expect(output.contains("line 5: quantity must be a positive whole number"), "\(output)")
        #expect(!output.contains("\u{1B}[K"), "progress drawn although stderr is not a terminal")

        let (again, second) = try await Self.run(harness, arguments, log: "second.out")
        #expect(again.status == 1)
        #expect(second.contains("imported: 0") && second.contains("already present: 3"), "\(second)")

        let good = harness.directory.appendingPathComponent("good.csv")
        try "order_id,ordered_at,quantity,unit_price,status\n2001,2024-02-01,1,5,paid\n".write(to: good, atomically: true, encoding: .utf8)
        let (clean, third) = try await Self.run(harness, ["import", "orders", good.path, "--db", harness.database], log: "third.out")
        #expect(clean.isCleanExit && third.contains("imported: 1"), "\(clean)\n\(third)")

        let (refused, fourth) = try await Self.run(
            harness, ["import", "orders", good.path, "--currency", "USD", "--db", harness.database], log: "fourth.out")
        #expect(refused.status == 1 && fourth.contains("no exchange rates"), "\(fourth)")
    }
}
