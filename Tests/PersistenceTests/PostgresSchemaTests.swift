import Commerce
@testable import Persistence
import StoreTesting
import Testing

@Suite struct PostgresSchemaTests {
    @Test func migratesAFreshSchemaAndAgainWithoutChange() async throws {
        let store = try await TestStores.postgres()
        defer { store.close() }
        let again = try await PostgresStore(try PostgresLocation(url: TestStores.postgresURL!).withSchema(store.schema))
        again.close()
    }

    @Test func placeholdersBecomeNumbered() {
        #expect(PGPlaceholders.numbered("a = ? AND b = ?2 AND c = '?' AND d = ?") == "a = $1 AND b = $2 AND c = '?' AND d = $3")
    }
}
