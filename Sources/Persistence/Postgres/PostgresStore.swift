import Commerce
import Foundation
import Logging
import PostgresNIO

/// The shared store: one PostgreSQL database behind a `PostgresClient` pool, for several stateless
/// Yunying instances. Each method that changes data is one transaction; guarded updates
/// (`… WHERE available >= n`) and row locks keep instances from selling a unit twice.
public final class PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    /// The schema every table lives in (`public` unless the URL names another).
    public let schema: String
    private let running: Task<Void, Never>
    /// Decoded promotion rules, so live promotions are cheap to read in every order.
    let ruleCache = RuleCache()

    /// Connects to `location`, creating its schema when missing, and migrates it.
    public init(_ location: PostgresLocation, logger: Logger = Logger(label: "yunying.postgres")) async throws {
        var configuration = location.configuration
        // A transaction left idle for minutes (a client bug, a hung process) would hold its row locks
        // and every order waiting on them; the server ends it after five.
        configuration.options.additionalStartupParameters = [
            ("search_path", location.schema), ("idle_in_transaction_session_timeout", "300000"),
        ]
        // The pool's own log: errors only. Its start-up race ("run() hasn't been called yet", while
        // the migration leases its first connection) and connection retries are noise; failures
        // reach callers as errors anyway.
        var poolLogger = logger
        poolLogger.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
        self.client = client
        self.logger = logger
        schema = location.schema
        running = Task { await client.run() }
        do {
            try await PostgresSchema.migrate(self)
        } catch {
            running.cancel()
            throw error
        }
    }

    deinit { running.cancel() }

    /// Closes every connection; the store cannot be used afterwards.
    public func close() {
        running.cancel()
    }

    /// Runs `body` in one transaction, retried when PostgreSQL aborts it for a deadlock or a
    /// serialization failure (the body must only touch the database, so running it again is safe).
    func write<T: Sendable>(_ body: (PGSession) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await client.withConnection { connection in
                    try await connection.withTransaction(logger: logger) { connection in
                        try await body(PGSession(connection: connection, logger: logger))
                    }
                }
            } catch let error where PostgresErrors.isRetryable(error) && attempt < 8 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int64.random(in: 1...(5 << attempt))))
            } catch {
                throw PostgresErrors.unwrap(error)
            }
        }
    }

    /// Runs single-statement reads on one connection, outside a transaction.
    func read<T: Sendable>(_ body: (PGSession) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await body(PGSession(connection: connection, logger: logger))
            }
        } catch {
            throw PostgresErrors.unwrap(error)
        }
    }

    /// Runs several reads against one consistent snapshot (a read-only repeatable-read transaction).
    func snapshot<T: Sendable>(_ body: (PGSession) async throws -> T) async throws -> T {
        try await read { session in
            try await session.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let value = try await body(session)
                try await session.run("COMMIT")
                return value
            } catch {
                _ = try? await session.run("ROLLBACK")
                throw error
            }
        }
    }

    /// Creates the default shop (id 1) unless it exists, with its default warehouse.
    public func bootstrapDefaultShop(name: String, currency: Currency, timeZone: String, now: Instant) async throws -> ShopInfo {
        try await write { db in
            let created = try await db.run(
                "INSERT INTO shops (id, name, currency, time_zone, created_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                [name, currency.code, timeZone, now.millisecondsSinceEpoch])
            if created == 1 {
                try await db.run("INSERT INTO warehouses (shop_id, code, name, priority) VALUES (1, 'main', 'Main warehouse', 0)")
            }
        }
        guard let shop = try await shop(1) else { throw StoreError.notFound(entity: "shop", id: "1") }
        return shop
    }
}

/// How PostgreSQL failures are told apart.
enum PostgresErrors {
    /// SQLSTATE of the server's error, when it is one.
    static func state(_ error: any Error) -> String? {
        guard let error = cause(error) as? PSQLError else { return nil }
        return error.serverInfo?[.sqlState]
    }

    /// Deadlock (40P01) or serialization failure (40001): the transaction can simply run again.
    static func isRetryable(_ error: any Error) -> Bool {
        state(error) == "40P01" || state(error) == "40001"
    }

    /// What went wrong inside `withTransaction`, which wraps the body's (or BEGIN's, or COMMIT's) error.
    static func cause(_ error: any Error) -> any Error {
        guard let wrapped = error as? PostgresTransactionError else { return error }
        return wrapped.closureError ?? wrapped.commitError ?? wrapped.beginError ?? error
    }

    /// A unique or primary key already holds the value (23505).
    static func isUniqueViolation(_ error: any Error) -> Bool { state(error) == "23505" }

    /// Store errors pass through; a server error keeps its state and message (PSQLError's own
    /// description hides them) so logs say what went wrong.
    static func unwrap(_ error: any Error) -> any Error {
        let error = cause(error)
        guard let error = error as? PSQLError else { return error }
        return PostgresFailure(
            state: error.serverInfo?[.sqlState] ?? "", message: error.serverInfo?[.message] ?? "\(error.code)",
            statement: error.query?.sql ?? "")
    }
}

/// A PostgreSQL error the store did not expect (a bug or an unavailable server).
public struct PostgresFailure: Error, CustomStringConvertible {
    public let state: String
    public let message: String
    public let statement: String

    public var description: String { "PostgreSQL \(state): \(message) [\(statement.prefix(200))]" }
}

extension PostgresStore {
    /// Drops every schema of the database whose name `matches` (test runs clean up after earlier ones).
    public static func dropSchemas(_ location: PostgresLocation, where matches: @Sendable (String) -> Bool) async throws {
        let client = PostgresClient(configuration: location.configuration)
        let running = Task { await client.run() }
        defer { running.cancel() }
        let logger = Logger(label: "yunying.postgres")
        try await client.withConnection { connection in
            let session = PGSession(connection: connection, logger: logger)
            let names = try await session.rows("SELECT nspname FROM pg_namespace").map { $0[0] as String }
            for name in names where matches(name) && PostgresLocation.isIdentifier(name) {
                try await session.run("DROP SCHEMA IF EXISTS \(name) CASCADE")
            }
        }
    }
}
