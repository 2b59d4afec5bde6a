import Foundation

/// A stored value on its way between stores: what both SQLite and PostgreSQL columns hold here.
enum CopiedValue: Sendable {
    case integer(Int64), real(Double), text(String), bytes([UInt8]), null

    var bindable: (any PGBindable)? {
        switch self {
        case .integer(let value): value
        case .real(let value): value
        case .text(let value): value
        case .bytes(let value): value
        case .null: nil
        }
    }
}

/// One side of a copy: lists tables and reads or writes their rows in key order.
protocol CopyEndpoint: Sendable {
    /// Column names of `table` (empty when the table does not exist).
    func columns(_ table: String) async throws -> [String]
    func rowCount(_ table: String) async throws -> Int64
    /// Up to `limit` rows after `after` (nil: from the start) in `key` order.
    func rows(_ table: String, columns: [String], key: [String], after: [CopiedValue]?, limit: Int) async throws -> [[CopiedValue]]
    func insert(_ table: String, columns: [String], rows: [[CopiedValue]]) async throws
    /// Called once all rows are in (PostgreSQL moves identity sequences past the copied ids).
    func finish(tables: [String]) async throws
}

/// Moves every shop of one store into another, empty one: SQLite to PostgreSQL (a shop outgrows
/// one machine) or back. Both are migrated first, so both have the same tables; the rows go over
/// table by table in key order, in batches, parents before children. Stop the servers first: the
/// copy reads the source as it is while it runs.
public enum StoreCopier {
    /// Rows per table, as read from the source and counted again in the destination.
    public struct TableCount: Sendable, Equatable {
        public let table: String
        public let source: Int64
        public let destination: Int64
    }

    /// A copy that cannot start.
    public struct CopyError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func copy(
        from source: StoreLocation, to destination: StoreLocation, progress: @Sendable (String, Int64) -> Void = { _, _ in }
    ) async throws -> [TableCount] {
        let (sqlite, postgres, sqliteIsSource): (SQLiteStore, PostgresStore, Bool)
        switch (source, destination) {
        case (.sqlite(let path), .postgres(let location)):
            guard FileManager.default.fileExists(atPath: path) else { throw CopyError(description: "\(path) does not exist") }
            (sqlite, postgres, sqliteIsSource) = (try SQLiteStore(path: path), try await PostgresStore(location), true)
        case (.postgres(let location), .sqlite(let path)):
            guard !FileManager.default.fileExists(atPath: path) else { throw CopyError(description: "\(path) exists: copy into a new file") }
            (sqlite, postgres, sqliteIsSource) = (try SQLiteStore(path: path), try await PostgresStore(location), false)
        default:
            throw CopyError(description: "copy goes from sqlite:FILE to postgres://… or back")
        }
        defer { postgres.close() }
        let sqliteSide = SQLiteCopyEndpoint(pool: sqlite.pool)
        let postgresSide = PostgresCopyEndpoint(store: postgres)
        let (from, to): (any CopyEndpoint, any CopyEndpoint) = sqliteIsSource ? (sqliteSide, postgresSide) : (postgresSide, sqliteSide)
        // SQLite lists tables in creation order, which puts every parent before its children.
        let tables = try await sqliteSide.tables()
        guard try await to.rowCount("shops") == 0 else {
            throw CopyError(description: "\(destination.description) already holds a shop: copy into an empty database")
        }
        var counts: [TableCount] = []
        for table in tables {
            let sourceColumns = try await from.columns(table)
            let shared = Set(try await to.columns(table))
            let columns = sourceColumns.filter(shared.contains)
            let key = try await sqliteSide.key(table)
            let keyIndexes = key.compactMap { columns.firstIndex(of: $0) }
            guard !columns.isEmpty, keyIndexes.count == key.count else { continue }
            let batch = max(1, min(2_000, 30_000 / columns.count))
            var after: [CopiedValue]?
            var copied: Int64 = 0
            while true {
                let rows = try await from.rows(table, columns: columns, key: key, after: after, limit: batch)
                guard let last = rows.last else { break }
                try await to.insert(table, columns: columns, rows: rows)
                copied += Int64(rows.count)
                progress(table, copied)
                if rows.count < batch { break }
                after = keyIndexes.map { last[$0] }
            }
            counts.append(TableCount(table: table, source: try await from.rowCount(table), destination: try await to.rowCount(table)))
        }
        try await to.finish(tables: tables)
        return counts
    }
}
