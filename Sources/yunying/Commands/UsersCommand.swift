import ArgumentParser
import Operations
import Persistence

/// `yunying users …`: dashboard users of the shop.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage dashboard users.", subcommands: [Create.self, Password.self, Link.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a dashboard user.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "3 to 64 letters, digits, '.', '_' or '-'.") var username: String
        @Option(help: "At least 8 characters.") var password: String
        @Option(help: "admin, operator, analyst, service or viewer.") var role: String

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("Unknown role '\(role)'. Use one of: admin, operator, analyst, service, viewer.")
            }
            let (yunying, shop) = try await database.open()
            let user = try await CommandErrors.explain { try await yunying.dashboardAccess.createUser(shop, username: username, password: password, role: role) }
            say("created \(user.role.rawValue) user \(user.username) for shop \(shop.name)")
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (signs out their sessions).")

        @OptionGroup var database: DatabaseOptions
        @Option var username: String
        @Option(help: "At least 8 characters.") var password: String

        func run() async throws {
            let (yunying, _) = try await database.open()
            try await CommandErrors.explain { try await yunying.dashboardAccess.setPassword(username: username, password: password) }
            say("password of \(username) changed")
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a one-time sign-in link (valid 15 minutes).")

        @OptionGroup var database: DatabaseOptions
        @Option var username: String
        @Option(help: "The server's address as browsers reach it.") var base: String = "http://127.0.0.1:8080"

        func run() async throws {
            let (yunying, _) = try await database.open()
            let path = try await CommandErrors.explain { try await yunying.dashboardAccess.createSignInLink(username: username) }
            say(base + path)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the shop's dashboard users.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (yunying, shop) = try await database.open()
            for user in try await yunying.dashboardAccess.users(shop) { say("\(user.username)\t\(user.role.rawValue)") }
        }
    }
}
