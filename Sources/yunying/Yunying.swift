import ArgumentParser
import Foundation

/// The `yunying` command line.
@main
struct YunyingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yunying",
        abstract: "Yunying (运营): e-commerce operations — take orders, measure, act.",
        subcommands: [ServeCommand.self, DemoCommand.self, SimulateCommand.self, MigrateCommand.self, KeysCommand.self, ImportCommand.self, ReportCommand.self, BenchCommand.self])
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
