import PostgresNIO

/// A PostgreSQL schema as one side of a copy.
struct PostgresCopyEndpoint: CopyEndpoint {
    let store: PostgresStore

    func columns(_ table: String) async throws -> [String] {
        try await store.read { db in
            try await db.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                [table]
            ).map { $0[0] as String }
        }
    }

    func rowCount(_ table: String) async throws -> Int64 {
        try await store.read { db in try await db.row("SELECT COUNT(*) FROM \(CopySQL.quoted(table))")?[0] ?? 0 }
    }

    func rows(_ table: String, columns: [String], key: [String], after: [CopiedValue]?, limit: Int) async throws -> [[CopiedValue]] {
        let sql = CopySQL.page(table, columns: columns, key: key, resuming: after != nil)
        let arguments = (after ?? []).map(\.bindable) + [limit]
        return try await store.read { db in
            try await db.rows(sql, arguments).map { row in try (0..<columns.count).map { try Self.copied(row.cells[$0]) } }
        }
    }

    func insert(_ table: String, columns: [String], rows: [[CopiedValue]]) async throws {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let sql = "INSERT INTO \(CopySQL.quoted(table)) (\(columns.map(CopySQL.quoted).joined(separator: ", "))) VALUES "
            + Array(repeating: tuple, count: rows.count).joined(separator: ", ")
        try await store.write { db in try await db.run(sql, rows.flatMap { $0.map(\.bindable) }) }
    }

    /// Moves each identity sequence past the largest copied id, so new rows get new ids.
    func finish(tables: [String]) async throws {
        try await store.write { db in
            let identities = try await db.rows(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'")
            for identity in identities {
                let table: String = identity[0], column: String = identity[1]
                try await db.run("""
                    SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(\(CopySQL.quoted(column))) FROM \(CopySQL.quoted(table))), 0) + 1, false)
                    """, [CopySQL.quoted(table), column])
            }
        }
    }

    static func copied(_ cell: PostgresCell) throws -> CopiedValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .bool, .numeric: return .integer(PGRow.integer(cell))
        case .float8: return .real(try cell.decode(Double.self))
        case .bytea: return .bytes(PGRow.bytes(cell))
        default: return .text(try cell.decode(String.self))
        }
    }
}
