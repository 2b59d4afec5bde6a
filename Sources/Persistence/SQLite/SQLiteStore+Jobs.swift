extension SQLiteStore {
    /// One process owns a SQLite file, so a job never runs elsewhere: `body` always runs.
    public func exclusively<T: Sendable>(_ name: String, _ body: @Sendable () async throws -> T) async throws -> T? {
        try await body()
    }
}
