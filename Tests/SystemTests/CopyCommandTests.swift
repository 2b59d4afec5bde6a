import Foundation
import StoreTesting
import Testing

/// `yunying copy` moves a simulated shop from SQLite to PostgreSQL and back: every report reads
/// the same on all three, and new rows get fresh ids after the copy. Skipped without
/// `YUNYING_TEST_DATABASE_URL`.
@Suite(.timeLimit(.minutes(10)))
struct CopyCommandTests {
    @Test func aShopMovesToPostgreSQLAndBackWithTheSameReports() async throws {
        let (url, _) = try await TestStores.postgresLocation()
        let harness = try SystemHarness()
        defer { Task { await harness.cleanUp() } }
        let original = harness.directory.appendingPathComponent("original.sqlite").path
        let returned = harness.directory.appendingPathComponent("returned.sqlite").path
        _ = try await harness.run(["simulate", "--days", "3", "--seed", "7", "--db", original], timeout: .seconds(240))

        let there = try await harness.run(["copy", "--from", "sqlite:\(original)", "--to", url], timeout: .seconds(240))
        #expect(there.contains("copied") && there.contains("events"), "\(there)")
        let back = try await harness.run(["copy", "--from", url, "--to", "sqlite:\(returned)"], timeout: .seconds(240))
        #expect(back.contains("copied"), "\(back)")

        // The simulation's days end yesterday in the shop's zone.
        let days = [-5, 0].map { MultiInstanceTests.day(Date().addingTimeInterval(Double($0) * 86_400)) }
        let range = ["--from", days[0], "--to", days[1], "--format", "json"]
        for report in [["kpis"], ["channels"], ["skus"], ["retention", "--cohort", "first_event", "--period", "day"]] {
            let sqlite = try await harness.run(["report"] + report + range + ["--db", original])
            let postgres = try await harness.run(["report"] + report + range + ["--database-url", url])
            let roundTrip = try await harness.run(["report"] + report + range + ["--db", returned])
            #expect(postgres == sqlite, "\(report[0]) differs on PostgreSQL")
            #expect(roundTrip == sqlite, "\(report[0]) differs after the round trip")
        }

        // Identity sequences moved past the copied ids: new rows are stored.
        let key = try await harness.run(["keys", "create", "--role", "viewer", "--database-url", url])
        #expect(key.contains("created viewer key"), "\(key)")
        let user = try await harness.run(["users", "create", "--username", "mover", "--password", "correct horse", "--role", "viewer", "--database-url", url])
        #expect(user.contains("mover"), "\(user)")

        await #expect(throws: HarnessError.self) {
            _ = try await harness.run(["copy", "--from", "sqlite:\(original)", "--to", url])
        }
    }
}
