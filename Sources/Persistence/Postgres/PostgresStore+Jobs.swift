import PostgresNIO

extension PostgresStore {
    /// Holds a session advisory lock named after the job on one leased connection while `body`
    /// runs (its queries use other connections); another instance trying meanwhile gets nil.
    public func exclusively<T: Sendable>(_ name: String, _ body: @Sendable () async throws -> T) async throws -> T? {
        let key = PostgresSchema.lockKey(schema + "/" + name)
        return try await read { db in
            guard let locked = try await db.row("SELECT pg_try_advisory_lock(?)", [key]), locked[0] as Bool else { return nil }
            do {
                let result = try await body()
                try await db.run("SELECT pg_advisory_unlock(?)", [key])
                return result
            } catch {
                _ = try? await db.run("SELECT pg_advisory_unlock(?)", [key])
                throw error
            }
        }
    }
}
