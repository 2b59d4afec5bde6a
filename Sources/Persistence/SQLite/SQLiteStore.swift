import Commerce
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode behind a GRDB `DatabasePool`.
/// Each method that changes data is one write transaction.
public final class SQLiteStore: Store {
    let pool: DatabasePool
    /// Group commit for the hottest writes (order placement, payments).
    let batcher: WriteBatcher
    /// Decoded promotion rules, so live promotions are cheap to read in every order.
    let ruleCache = RuleCache()
    /// Client ids of stored events (their uniqueness check).
    let eventIDs = EventIDIndex()
    /// Checkpoints the write-ahead log off the writer's path.
    let checkpointer: WALCheckpointer

    /// Opens (creating if needed) and migrates the database at `path`.
    /// - Parameter synchronous: `NORMAL` survives process crashes; `FULL` also power loss.
    public init(path: String, synchronous: String = "NORMAL") throws {
        let checkpointer = WALCheckpointer(path: path)
        self.checkpointer = checkpointer
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous == "FULL" ? "FULL" : "NORMAL")")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // The writer keeps up to 128 MiB of pages: tracked events carry a random client UUID in a
            // unique index, and inserts at random places stay fast while that index fits in memory.
            // The WAL is copied back by a connection of its own (WALCheckpointer).
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -131072")
                checkpointer.install(on: db)
            }
        }
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 16
        pool = try DatabasePool(path: path, configuration: configuration)
        let eventIDs = eventIDs
        batcher = WriteBatcher(pool: pool, afterFailure: { eventIDs.reset() })
        try SQLiteSchema.migrator.migrate(pool)
    }

    /// Creates the default shop (id 1) unless it exists, with its default warehouse.
    public func bootstrapDefaultShop(name: String, currency: Currency, timeZone: String, now: Instant) async throws -> ShopInfo {
        try await pool.write { db in
            if try Row.fetchOne(db, sql: "SELECT id FROM shops WHERE id = 1") == nil {
                try db.execute(
                    sql: "INSERT INTO shops (id, name, currency, time_zone, created_at) VALUES (1, ?, ?, ?, ?)",
                    arguments: [name, currency.code, timeZone, now.millisecondsSinceEpoch])
                try db.execute(
                    sql: "INSERT INTO warehouses (shop_id, code, name, priority) VALUES (1, 'main', 'Main warehouse', 0)")
            }
        }
        guard let shop = try await shop(1) else { throw StoreError.notFound(entity: "shop", id: "1") }
        return shop
    }
}

extension Database {
    /// Runs a cached (prepared once per connection) statement.
    func run(_ sql: String, _ arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    func row(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}

/// JSON text columns for small string maps and addresses.
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    /// A string map; the common empty map skips the decoder.
    static func decodeMap(_ text: String?) -> [String: String] {
        guard let text, text != "{}" else { return [:] }
        return decode([String: String].self, text) ?? [:]
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension DatabaseError {
    var isUniqueViolation: Bool { extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY }
}
