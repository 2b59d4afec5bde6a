import Foundation
import GRDB
import Testing
@testable import Persistence

/// The write-ahead log is copied back by the checkpointer's own connection, and stays bounded
/// when that cannot keep up.
@Suite struct WALCheckpointerTests {
    static func pool(_ checkpointer: WALCheckpointer) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            if !db.configuration.readonly { checkpointer.install(on: db) }
        }
        let pool = try DatabasePool(path: checkpointer.path, configuration: configuration)
        try pool.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)") }
        return pool
    }

    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("yunying-wal-\(UUID().uuidString).sqlite").path
    }

    /// Writes `transactions` transactions of about 8 pages each.
    static func write(_ pool: DatabasePool, transactions: Int) throws {
        for _ in 0..<transactions {
            try pool.write { db in
                for _ in 0..<8 { try db.execute(sql: "INSERT INTO t (payload) VALUES (zeroblob(4000))") }
            }
        }
    }

    static func walPages(_ path: String) -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return size / 4096
    }

    @Test func copiesTheLogInTheBackground() async throws {
        let checkpointer = WALCheckpointer(path: Self.path(), threshold: 50, inlineLimit: .max)
        let pool = try Self.pool(checkpointer)
        try Self.write(pool, transactions: 40)
        for _ in 0..<500 where checkpointer.completed.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(checkpointer.completed.load(ordering: .relaxed) >= 1)
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 40 * 8)
    }

    /// With no background copy at all, the writer's limit alone bounds the log.
    @Test func theWriterCheckpointsItselfAtTheLimit() throws {
        let checkpointer = WALCheckpointer(path: Self.path(), threshold: .max, inlineLimit: 100)
        let pool = try Self.pool(checkpointer)
        try Self.write(pool, transactions: 300)
        #expect(checkpointer.completed.load(ordering: .relaxed) == 0)
        #expect(Self.walPages(checkpointer.path) < 200, "WAL pages: \(Self.walPages(checkpointer.path))")
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 300 * 8)
    }

    /// Both at once, as in the store: the log never grows past the limit.
    @Test func staysBoundedWithBoth() throws {
        let checkpointer = WALCheckpointer(path: Self.path(), threshold: 50, inlineLimit: 400)
        let pool = try Self.pool(checkpointer)
        try Self.write(pool, transactions: 600)
        #expect(Self.walPages(checkpointer.path) < 500, "WAL pages: \(Self.walPages(checkpointer.path))")
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 600 * 8)
    }
}
