import Commerce
import Foundation

/// Where a shop's data lives: an embedded SQLite file or a shared PostgreSQL database.
public enum StoreLocation: Sendable {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// Reads `sqlite:FILE`, a bare file path, or a `postgres://` URL.
    public init(parsing text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url: text))
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Opens (creating and migrating when needed) the store.
    public func open() async throws -> any Store {
        switch self {
        case .sqlite(let path): try SQLiteStore(path: path)
        case .postgres(let location): try await PostgresStore(location)
        }
    }

    /// For logs: the file, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.redacted
        }
    }
}
