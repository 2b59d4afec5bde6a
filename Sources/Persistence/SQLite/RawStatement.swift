import GRDB
import GRDBSQLite

/// Binds and runs a cached GRDB statement through SQLite's C API, for the one bulk write path
/// (tracked events). GRDB's `StatementArguments` box every value; for a 19-column event row that
/// boxing cost twice what SQLite spends inserting it. Used only inside the statement's database
/// access closure, like the statement itself.
struct RawStatement {
    private let owner: Statement
    private let statement: SQLiteStatement
    private var index: Int32 = 0

    init(_ statement: Statement) {
        owner = statement
        self.statement = statement.sqliteStatement
    }

    /// Forgets the previous execution and its bindings; binding starts again at the first parameter.
    mutating func reset() throws {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        index = 0
    }

    mutating func bind(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard var value else {
            sqlite3_bind_null(statement, index)
            return
        }
        value.withUTF8 { text in
            _ = sqlite3_bind_text(statement, index, text.baseAddress, Int32(text.count), Self.transient)
        }
    }

    mutating func bind(blob: [UInt8]) {
        index += 1
        blob.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    /// Runs the statement to completion.
    func step(_ db: Database) throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: owner.sql)
        }
    }

    /// SQLite copies the bytes (the Swift buffers live only for the call).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
