import ArgumentParser
import Commerce
import Foundation
import Operations
import Persistence
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OrderFileFormat: ExpressibleByArgument {}

/// `yunying import orders|events|ad-spend FILE.csv`: wires a file, a progress line on stderr and a
/// summary on stdout to the importers in Operations (formats: docs/imports.md). Exits non-zero
/// when any row was bad; the valid rows are kept.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import order history, events or ad spend from CSV (docs/imports.md).",
        subcommands: [Orders.self, Events.self, AdSpend.self])

    /// How many bad rows the summary lists.
    static let shownIssues = 20

    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import order history (one row per line item).")

        @Option(help: "generic or shopify.") var format: OrderFileFormat = .generic
        @Option(help: "Currency of the file's amounts (must be the shop's; no exchange rates).") var currency: String?
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await ImportCommand.guarded {
                var fileCurrency: Currency?
                if let currency {
                    guard let parsed = Currency(currency.uppercased()) else { throw ValidationError("--currency must be a code like CNY.") }
                    fileCurrency = parsed
                }
                let (yunying, shop) = try await database.open()
                let bar = ProgressLine()
                let report = try await OrderImporter(yunying).run(shop, .file(path: file), format: format, currency: fileCurrency) {
                    bar.update($0, noun: "orders")
                }
                bar.finish()
                say("rows read: \(report.rowsRead)")
                say("orders in file: \(report.orders)")
                say("imported: \(report.imported)")
                say("already present: \(report.alreadyPresent)")
                say("skipped: \(report.skipped)")
                say("placeholder SKUs: \(report.placeholderSKUs)")
                say("customers created: \(report.customersCreated)")
                try ImportCommand.finish(badRows: report.badRows, report.issues)
            }
        }
    }

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import events (the events API's fields as columns).")

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await ImportCommand.guarded {
                let (yunying, shop) = try await database.open()
                let bar = ProgressLine()
                let report = try await EventImporter(yunying).run(shop, .file(path: file)) { bar.update($0, noun: "events") }
                bar.finish()
                say("rows read: \(report.rowsRead)")
                say("accepted: \(report.accepted)")
                say("duplicates: \(report.duplicates)")
                try ImportCommand.finish(badRows: report.issues.count, report.issues)
            }
        }
    }

    struct AdSpend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ad-spend", abstract: "Import daily ad spend (date, channel, campaign, spend, impressions, clicks).")

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await ImportCommand.guarded {
                let (yunying, shop) = try await database.open()
                let bar = ProgressLine()
                let report = try await AdSpendImporter(yunying).run(shop, .file(path: file)) { bar.update($0, noun: "rows") }
                bar.finish()
                say("rows read: \(report.rowsRead)")
                say("stored: \(report.stored)")
                try ImportCommand.finish(badRows: report.issues.count, report.issues)
            }
        }
    }

    /// Lists the first issues and fails the command when there were any.
    static func finish(badRows: Int, _ issues: ImportIssues) throws {
        guard badRows > 0 || issues.count > 0 else { return }
        say("bad rows: \(badRows)")
        say("problems: \(issues.count)")
        for issue in issues.first.prefix(shownIssues) { say("  \(issue)") }
        if issues.count > shownIssues { say("  … and \(issues.count - shownIssues) more") }
        throw ExitCode.failure
    }

    /// Runs `body`, turning a coded error (unreadable file, wrong currency, missing columns) into
    /// `error: message` on stderr and exit status 1.
    static func guarded(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as any CodedError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// Import progress: rows read, stored, % of the file.
extension ProgressLine {
    func update(_ progress: ImportProgress, noun: String) {
        draw(progress.fraction, progress.phase == .scanning
            ? "scanning  \(progress.rowsRead) rows"
            : "\(progress.rowsRead) rows read, \(progress.stored) \(noun) stored")
    }
}
