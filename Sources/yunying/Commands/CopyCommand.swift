import ArgumentParser
import Foundation
import Persistence

/// `yunying copy`: moves a shop's whole database between SQLite and PostgreSQL.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every table from one store into an empty other one (stop the servers first).",
        discussion: "yunying copy --from sqlite:yunying.sqlite --to postgres://user:password@host/db\nor back: --from postgres://… --to sqlite:new.sqlite")

    @Option(help: "sqlite:FILE or postgres://… to read.") var from: String
    @Option(help: "postgres://… or sqlite:FILE (new) to fill.") var to: String

    func run() async throws {
        let source = try Self.location(from, option: "from"), destination = try Self.location(to, option: "to")
        let started = ContinuousClock.now
        let counts: [StoreCopier.TableCount]
        do {
            counts = try await StoreCopier.copy(from: source, to: destination)
        } catch let error as StoreCopier.CopyError {
            throw ValidationError(error.description)
        }
        var mismatched: [String] = []
        for count in counts where count.source > 0 || count.destination > 0 {
            say("\(count.table.padding(toLength: 24, withPad: " ", startingAt: 0)) \(count.destination) rows")
            if count.source != count.destination { mismatched.append(count.table) }
        }
        guard mismatched.isEmpty else {
            throw ValidationError("row counts differ after the copy in: \(mismatched.joined(separator: ", ")) (was the source in use?)")
        }
        let rows = counts.reduce(Int64(0)) { $0 + $1.destination }
        say("copied \(rows) rows from \(source.description) to \(destination.description) in \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s")
    }

    static func location(_ text: String, option: String) throws -> StoreLocation {
        guard text.hasPrefix("sqlite:") || text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            throw ValidationError("--\(option) is sqlite:FILE or postgres://…")
        }
        if text.hasPrefix("sqlite:") { return try StoreLocation(parsing: text) }
        return try postgresLocation(text, option: option)
    }
}
