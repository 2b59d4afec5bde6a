import Foundation
import Persistence
import Testing

/// The stores a contract test runs against: SQLite always; PostgreSQL when
/// `YUNYING_TEST_DATABASE_URL` names a database (otherwise its cases are reported as skipped).
public enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    public var testDescription: String { rawValue }
}

/// Fresh, empty stores for tests: a temporary SQLite file, or a new schema in the test database.
public enum TestStores {
    /// The PostgreSQL database tests may use.
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["YUNYING_TEST_DATABASE_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// A fresh store of `kind`; cancels the running test (reported as skipped) when PostgreSQL is not configured.
    public static func make(_ kind: StoreKind) async throws -> any Store {
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try SQLiteStore(path: directory.appendingPathComponent("shop.sqlite").path)
        case .postgres:
            return try await postgres()
        }
    }

    /// A PostgreSQL store on a new schema of the test database (stale schemas of earlier runs are dropped first).
    public static func postgres(maximumConnections: Int = 4) async throws -> PostgresStore {
        guard let url = postgresURL else { try Test.cancel("YUNYING_TEST_DATABASE_URL is not set") }
        var location = try PostgresLocation(url: url, maximumConnections: maximumConnections)
        // Tests end without closing their stores: idle connections go soon, so hundreds of tests fit the server.
        location.configuration.options.connectionIdleTimeout = .seconds(2)
        await SchemaJanitor.shared.sweepOnce(location)
        return try await PostgresStore(location.withSchema(newSchemaName()))
    }

    /// A PostgreSQL location with a new schema name, for tests that start server processes.
    public static func postgresLocation() async throws -> (url: String, schema: String) {
        guard let url = postgresURL else { try Test.cancel("YUNYING_TEST_DATABASE_URL is not set") }
        await SchemaJanitor.shared.sweepOnce(try PostgresLocation(url: url))
        let schema = newSchemaName()
        let separator = url.contains("?") ? "&" : "?"
        return (url + separator + "schema=" + schema, schema)
    }

    /// `yy_test_<seconds>_<random>`: the time lets a later run drop what this one left behind.
    static func newSchemaName() -> String {
        "yy_test_\(Int(Date().timeIntervalSince1970))_\(UInt32.random(in: 0...UInt32.max))"
    }
}

/// Drops test schemas older than an hour, once per process.
actor SchemaJanitor {
    static let shared = SchemaJanitor()
    private var swept = false

    func sweepOnce(_ location: PostgresLocation) async {
        guard !swept else { return }
        swept = true
        let cutoff = Int(Date().timeIntervalSince1970) - 3600
        try? await PostgresStore.dropSchemas(location, where: { name in
            let parts = name.split(separator: "_")
            guard parts.count == 4, parts[0] == "yy", parts[1] == "test", let created = Int(parts[2]) else { return false }
            return created < cutoff
        })
    }
}
