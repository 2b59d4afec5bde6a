import Foundation
import Logging
import PostgresNIO

/// A value that can be bound to a statement parameter. Flags bind as integers (0/1), as the
/// schema stores them, so the same statements work on SQLite and PostgreSQL.
public protocol PGBindable: Sendable {
    func bind(into bindings: inout PostgresBindings)
}

extension Int64: PGBindable { public func bind(into bindings: inout PostgresBindings) { bindings.append(self) } }
extension Int: PGBindable { public func bind(into bindings: inout PostgresBindings) { bindings.append(Int64(self)) } }
extension String: PGBindable { public func bind(into bindings: inout PostgresBindings) { bindings.append(self) } }
extension Double: PGBindable { public func bind(into bindings: inout PostgresBindings) { bindings.append(self) } }
extension Bool: PGBindable { public func bind(into bindings: inout PostgresBindings) { bindings.append(Int64(self ? 1 : 0)) } }
extension Array: PGBindable where Element == UInt8 {
    public func bind(into bindings: inout PostgresBindings) { bindings.append(ByteBuffer(bytes: self)) }
}

/// One leased connection (inside a transaction when opened by `PostgresStore.write`). Statements use
/// SQLite-style placeholders — `?` in order, or `?N` by number — rewritten to `$N` here.
struct PGSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs a statement; returns how many rows it changed (or returned).
    @discardableResult
    func run(_ sql: String, _ arguments: [(any PGBindable)?] = []) async throws -> Int {
        try await execute(sql, arguments).affected
    }

    func rows(_ sql: String, _ arguments: [(any PGBindable)?] = []) async throws -> [PGRow] {
        try await execute(sql, arguments).rows
    }

    func row(_ sql: String, _ arguments: [(any PGBindable)?] = []) async throws -> PGRow? {
        try await execute(sql, arguments).rows.first
    }

    /// Runs an `INSERT … RETURNING id` and returns that id.
    func insert(_ sql: String, _ arguments: [(any PGBindable)?] = []) async throws -> Int64 {
        guard let row = try await row(sql + " RETURNING id", arguments) else {
            throw StoreError.rejected(code: "insert_failed", field: nil, message: "The row was not stored.", kind: .conflict)
        }
        return row[0]
    }

    private func execute(_ sql: String, _ arguments: [(any PGBindable)?]) async throws -> (rows: [PGRow], affected: Int) {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            if let argument { argument.bind(into: &bindings) } else { bindings.appendNull() }
        }
        let query = PostgresQuery(unsafeSQL: PGPlaceholders.numbered(sql), binds: bindings)
        let future: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        let result = try await future.get()
        let rows = result.rows.map { PGRow($0.makeRandomAccess()) }
        return (rows, result.metadata.rows ?? rows.count)
    }
}

/// Rewrites SQLite placeholders (`?`, `?N`) to PostgreSQL's (`$N`), leaving quoted text alone. As in
/// SQLite, a bare `?` takes the number after the largest one so far.
enum PGPlaceholders {
    /// Runs on every statement, so it scans UTF-8 bytes (all the syntax it looks for is ASCII).
    static func numbered(_ sql: String) -> String {
        let quote = UInt8(ascii: "'"), mark = UInt8(ascii: "?"), dollar = UInt8(ascii: "$")
        let bytes = Array(sql.utf8)
        guard bytes.contains(mark) else { return sql }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        var next = 1
        var inQuote = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == quote { inQuote.toggle() }
            guard byte == mark, !inQuote else { result.append(byte); continue }
            var number = 0
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            if index == start {
                number = next
                next += 1
            } else {
                next = max(next, number + 1)
            }
            result.append(dollar)
            result += String(number).utf8
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// A result row, read by column name or position like a GRDB row. A value of the wrong type is a
/// schema bug and stops the process, as GRDB does.
struct PGRow {
    let cells: PostgresRandomAccessRow

    init(_ cells: PostgresRandomAccessRow) { self.cells = cells }

    subscript<T: PostgresDecodable>(_ column: String) -> T { Self.decode(cells[column]) }
    subscript<T: PostgresDecodable>(_ index: Int) -> T { Self.decode(cells[index]) }

    /// Integers also decode from `numeric` (what `SUM` of integers returns).
    subscript(_ column: String) -> Int64 { Self.integer(cells[column]) }
    subscript(_ index: Int) -> Int64 { Self.integer(cells[index]) }
    subscript(_ column: String) -> Int64? { cells[column].bytes == nil ? nil : Self.integer(cells[column]) }
    subscript(_ index: Int) -> Int64? { cells[index].bytes == nil ? nil : Self.integer(cells[index]) }
    subscript(_ column: String) -> Int { Int(Self.integer(cells[column])) }
    subscript(_ index: Int) -> Int { Int(Self.integer(cells[index])) }
    /// Flags are stored as integers.
    subscript(_ column: String) -> Bool { Self.integer(cells[column]) != 0 }
    subscript(_ index: Int) -> Bool { Self.integer(cells[index]) != 0 }
    subscript(_ column: String) -> [UInt8] { Self.bytes(cells[column]) }
    subscript(_ index: Int) -> [UInt8] { Self.bytes(cells[index]) }

    func isNull(_ column: String) -> Bool { cells[column].bytes == nil }
    func isNull(_ index: Int) -> Bool { cells[index].bytes == nil }

    private static func decode<T: PostgresDecodable>(_ cell: PostgresCell) -> T {
        do {
            return try cell.decode(T.self)
        } catch {
            fatalError("column \(cell.columnName) (\(cell.dataType)) does not decode as \(T.self): \(error)")
        }
    }

    static func integer(_ cell: PostgresCell) -> Int64 {
        switch cell.dataType {
        case .numeric:
            let value: Decimal = decode(cell)
            return NSDecimalNumber(decimal: value).int64Value
        case .bool:
            let flag: Bool = decode(cell)
            return flag ? 1 : 0
        default:
            return decode(cell)
        }
    }

    static func bytes(_ cell: PostgresCell) -> [UInt8] {
        let buffer: ByteBuffer = decode(cell)
        return Array(buffer.readableBytesView)
    }
}
