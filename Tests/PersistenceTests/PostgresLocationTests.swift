import Persistence
import Testing

@Suite struct PostgresLocationTests {
    @Test func readsEveryPartOfTheURL() throws {
        let location = try PostgresLocation(url: "postgres://shop:s3cret@db.internal:6543/yunying?sslmode=disable&schema=tenant_a&pool_size=7")
        #expect(location.configuration.host == "db.internal")
        #expect(location.configuration.port == 6543)
        #expect(location.configuration.username == "shop")
        #expect(location.configuration.password == "s3cret")
        #expect(location.configuration.database == "yunying")
        #expect(location.configuration.options.maximumConnections == 7)
        #expect(location.schema == "tenant_a")
        #expect(location.redacted == "postgres://shop:***@db.internal:6543/yunying?sslmode=disable&schema=tenant_a&pool_size=7")
    }

    @Test func defaultsArePublicSchemaPort5432AndTwentyConnections() throws {
        let location = try PostgresLocation(url: "postgresql://localhost/shop")
        #expect(location.schema == "public")
        #expect(location.configuration.port == 5432)
        #expect(location.configuration.username == "postgres")
        #expect(location.configuration.options.maximumConnections == 20)
    }

    @Test(arguments: [
        "mysql://localhost/shop", "postgres:///shop", "postgres://localhost", "postgres://localhost/shop?sslmode=sometimes",
        "postgres://localhost/shop?schema=bad-name", "postgres://localhost/shop?schema=1st", "postgres://localhost/shop?pool_size=0",
    ])
    func refusesWhatCannotBeUsed(_ url: String) {
        #expect(throws: PostgresLocation.LocationError.self) { try PostgresLocation(url: url) }
    }

    @Test func storeLocationsFromText() throws {
        guard case .sqlite(let path) = try StoreLocation(parsing: "sqlite:/tmp/a.sqlite") else { Issue.record("not sqlite"); return }
        #expect(path == "/tmp/a.sqlite")
        guard case .postgres(let location) = try StoreLocation(parsing: "postgres://u:p@h/d") else { Issue.record("not postgres"); return }
        #expect(location.redacted == "postgres://u:***@h/d")
    }
}
