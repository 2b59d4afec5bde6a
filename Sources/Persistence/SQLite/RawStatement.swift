import GRDB
import GRDBSQLite

/// Binds and runs a cached GRDB statement through SQLite's C API, for the one bulk write path
/// (tracked events). GRDB's `StatementArguments` box every value; for a 19-column event row that
/// boxing cost twice what SQLite spends inserting it. Text is gathered into one buffer that lives
/// until the statement has run, so SQLite reads it in place instead of copying each value.
/// Used only inside the statement's database access closure, like the statement itself.
struct RawStatement {
    private let owner: Statement
    private let statement: SQLiteStatement
    private var index: Int32 = 0
    private var text: [UInt8] = []
    private var textBindings: [(index: Int32, offset: Int, count: Int)] = []

    init(_ statement: Statement) {
        owner = statement
        self.statement = statement.sqliteStatement
        text.reserveCapacity(512)
        textBindings.reserveCapacity(16)
    }

    /// Forgets the previous execution and its bindings; binding starts again at the first parameter.
    mutating func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        index = 0
        text.removeAll(keepingCapacity: true)
        textBindings.removeAll(keepingCapacity: true)
    }

    mutating func bind(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(statement, index, value) }
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard let value else { return }
        let offset = text.count
        text.append(contentsOf: value.utf8)
        textBindings.append((index, offset, text.count - offset))
    }

    mutating func bind(blob: [UInt8]) {
        index += 1
        let offset = text.count
        text.append(contentsOf: blob)
        textBindings.append((-index, offset, blob.count))
    }

    /// Binds the gathered text and blobs and runs the statement to completion.
    func step(_ db: Database) throws {
        let code = text.withUnsafeBufferPointer { buffer -> Int32 in
            let base = UnsafeRawPointer(buffer.baseAddress)
            for binding in textBindings {
                let pointer = base.map { $0 + binding.offset }
                if binding.index < 0 {
                    sqlite3_bind_blob(statement, -binding.index, pointer, Int32(binding.count), nil)
                } else {
                    sqlite3_bind_text(statement, binding.index, pointer?.assumingMemoryBound(to: CChar.self), Int32(binding.count), nil)
                }
            }
            let code = sqlite3_step(statement)
            // The buffer goes away: SQLite must not keep pointers into it.
            sqlite3_clear_bindings(statement)
            return code
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: owner.sql)
        }
    }
}
