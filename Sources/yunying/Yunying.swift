import ArgumentParser
import Commerce
import Foundation
import Operations
import Persistence

/// The `yunying` command line.
@main
struct YunyingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yunying",
        abstract: "Yunying (运营): e-commerce operations — take orders, measure, act.",
        subcommands: [ServeCommand.self, DemoCommand.self, SimulateCommand.self, MigrateCommand.self, CopyCommand.self, KeysCommand.self, UsersCommand.self, ImportCommand.self, ReportCommand.self, BenchCommand.self])
}

/// Options shared by commands that open a database: a SQLite file (`--db`, the default
/// `yunying.sqlite`) or a PostgreSQL URL (`--database-url`, else `YUNYING_DATABASE_URL`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "SQLite database file (default yunying.sqlite).")
    var path: String?
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL postgres://user:password@host:port/database[?sslmode=disable&schema=name]; default $YUNYING_DATABASE_URL.")
    var url: String?

    func validate() throws {
        if path != nil, url != nil { throw ValidationError("Give --db or --database-url, not both.") }
    }

    func location() throws -> StoreLocation {
        try Self.location(url: url, path: path, defaultPath: "yunying.sqlite")
    }

    /// `--database-url`, then `--db`, then `YUNYING_DATABASE_URL`, then the default file.
    static func location(url: String?, path: String?, defaultPath: String) throws -> StoreLocation {
        if let url { return try postgresLocation(url, option: "database-url") }
        if let path { return .sqlite(path: path) }
        if let url = ProcessInfo.processInfo.environment["YUNYING_DATABASE_URL"], !url.isEmpty {
            return try postgresLocation(url, option: "database-url")
        }
        return .sqlite(path: defaultPath)
    }

    /// Opens the database (migrating it and creating the default shop when new).
    func open(time: any TimeSource = SystemTime(), config: OperationsConfig = OperationsConfig()) async throws -> (Yunying, ShopInfo) {
        try await Yunying.open(try location(), time: time, config: config)
    }
}

/// A PostgreSQL store location; a URL that cannot be used is a command-line error about `--option`.
func postgresLocation(_ url: String, option: String) throws -> StoreLocation {
    do {
        return .postgres(try PostgresLocation(url: url))
    } catch let error as PostgresLocation.LocationError {
        throw ValidationError("--\(option): \(error.description)")
    }
}

/// Writes a line to standard output at once (no buffering), so keys and URLs reach pipes immediately.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Coded errors of the layers below as command-line errors: `code: message (--field)`, exit status 64.
enum CommandErrors {
    static func explain<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as any CodedError {
            let field = error.field.map { " (--\($0.replacingOccurrences(of: "_", with: "-")))" } ?? ""
            throw ValidationError("\(error.code): \(error.message)\(field)")
        }
    }
}
