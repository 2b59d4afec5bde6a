import Foundation
import PostgresNIO

/// Where a PostgreSQL store lives, read from a URL:
/// `postgres://user:password@host:5432/database?sslmode=disable&schema=yunying`.
/// `sslmode` is `disable`, `prefer` (the default) or `require`; `schema` defaults to `public`;
/// `pool_size` caps this instance's connections (default 20).
public struct PostgresLocation: Sendable {
    public var configuration: PostgresClient.Configuration
    public var schema: String
    /// The URL without its password, for logs.
    public let redacted: String

    public init(url text: String, maximumConnections: Int = 20) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw LocationError("expected postgres://user:password@host:port/database, got \(Self.redact(text))")
        }
        guard let host = url.host, !host.isEmpty else { throw LocationError("the database URL names no host") }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !database.isEmpty else { throw LocationError("the database URL names no database") }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case let other: throw LocationError("sslmode '\(other)' is not one of disable, prefer, require")
        }
        configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password,
            database: database, tls: tls)
        if let size = query["pool_size"] {
            guard let size = Int(size), (1...1000).contains(size) else { throw LocationError("pool_size must be 1 to 1000") }
            configuration.options.maximumConnections = size
        } else {
            configuration.options.maximumConnections = maximumConnections
        }
        schema = query["schema"] ?? "public"
        guard Self.isIdentifier(schema) else { throw LocationError("schema '\(schema)' must be letters, digits and underscores") }
        redacted = Self.redact(text)
    }

    /// The same database with another schema (tests give each run its own).
    public func withSchema(_ schema: String) -> PostgresLocation {
        var copy = self
        copy.schema = schema
        return copy
    }

    static func isIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 63 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            && !(name.first?.isNumber ?? true)
    }

    static func redact(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? text
    }

    /// A database URL that cannot be used.
    public struct LocationError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
