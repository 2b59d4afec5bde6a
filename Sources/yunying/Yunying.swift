import ArgumentParser
import Commerce
import Foundation

/// The `yunying` command line.
@main
struct YunyingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yunying",
        abstract: "Yunying (运营): e-commerce operations — take orders, measure, act.",
        subcommands: [ServeCommand.self, DemoCommand.self, SimulateCommand.self, MigrateCommand.self, KeysCommand.self, UsersCommand.self, ImportCommand.self, ReportCommand.self, BenchCommand.self])
}

/// Options shared by commands that open a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "SQLite database file.")
    var path: String = "yunying.sqlite"
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
