import Foundation
import ArgumentParser
import Operations
import Persistence

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade a database's schema.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        _ = try await database.open()
        say("migrated \(try database.location().description)")
    }
}

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Manage API keys.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key; the key is printed as the last line.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "admin, operator, analyst, service, viewer or ingest (sends events only).") var role: String
        @Option(help: "A name to recognise the key by.") var name: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("Unknown role '\(role)'. Use one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let (yunying, shop) = try await database.open()
            let key = try await yunying.access.createKey(shop: shop.id, role: role, name: name)
            say("created \(role.rawValue) key key_\(key.record.id) for shop \(shop.name)")
            say(key.secret)
        }
    }
}
