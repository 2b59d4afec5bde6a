import Foundation
import GRDB

/// A SQLite database as one side of a copy.
struct SQLiteCopyEndpoint: CopyEndpoint {
    let pool: DatabasePool

    /// Yunying's tables in creation order (without GRDB's migration log).
    func tables() async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                ORDER BY rowid
                """)
        }
    }

    /// The primary key columns of `table`, in key order.
    func key(_ table: String) async throws -> [String] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [table]).map { $0["name"] }
        }
    }

    func columns(_ table: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
        }
    }

    func rowCount(_ table: String) async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM \(CopySQL.quoted(table))") ?? 0 }
    }

    func rows(_ table: String, columns: [String], key: [String], after: [CopiedValue]?, limit: Int) async throws -> [[CopiedValue]] {
        let sql = CopySQL.page(table, columns: columns, key: key, resuming: after != nil)
        let arguments = StatementArguments((after ?? []).map(Self.databaseValue) + [limit.databaseValue])
        return try await pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                (0..<columns.count).map { index in
                    switch row[index] as DatabaseValue {
                    case let value where value.isNull: .null
                    case let value: Self.copied(value)
                    }
                }
            }
        }
    }

    func insert(_ table: String, columns: [String], rows: [[CopiedValue]]) async throws {
        let sql = "INSERT INTO \(CopySQL.quoted(table)) (\(columns.map(CopySQL.quoted).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        try await pool.write { db in
            let statement = try db.makeStatement(sql: sql)
            for row in rows { try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue))) }
        }
    }

    func finish(tables: [String]) async throws {}

    static func copied(_ value: DatabaseValue) -> CopiedValue {
        switch value.storage {
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .bytes([UInt8](data))
        case .null: .null
        }
    }

    static func databaseValue(_ value: CopiedValue) -> DatabaseValue {
        switch value {
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .bytes(let bytes): Data(bytes).databaseValue
        case .null: .null
        }
    }
}

/// Statements both sides share: quoted names and keyset pages.
enum CopySQL {
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// `SELECT columns FROM table [WHERE (key) > (?, …)] ORDER BY key LIMIT ?`.
    static func page(_ table: String, columns: [String], key: [String], resuming: Bool) -> String {
        let keyList = key.map(quoted).joined(separator: ", ")
        let condition = resuming ? " WHERE (\(keyList)) > (\(Array(repeating: "?", count: key.count).joined(separator: ", ")))" : ""
        return "SELECT \(columns.map(quoted).joined(separator: ", ")) FROM \(quoted(table))\(condition) ORDER BY \(keyList) LIMIT ?"
    }
}
