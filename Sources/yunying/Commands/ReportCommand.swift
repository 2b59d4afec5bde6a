import ArgumentParser
import Foundation
import Operations

/// `yunying report NAME`: any analytics report as a table, JSON or CSV (rules: docs/analytics.md).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a report: \(AnalyticsService.reportNames.joined(separator: ", ")).",
        discussion: """
            Examples:
              yunying report kpis --from 2026-11-01 --to 2026-11-30 --format json
              yunying report kpis --by channel
              yunying report funnel --steps page_view,product_view,add_to_cart,order_paid --window 7d --format json
              yunying report retention --cohort first_event --period week --format csv
              yunying report gmv-change --from 2026-11-01 --to 2026-11-30
              yunying report rfm --as-of 2026-11-30 --format csv
              yunying report experiment pdp-gallery --prior proper --correction holm
              yunying report experiment --summary results.csv --type proportion --format json
            """)

    @Argument(help: "The report.") var name: String
    @Argument(help: "experiment: the experiment's key.") var key: String?
    @OptionGroup var database: DatabaseOptions
    @Option(help: "First day (YYYY-MM-DD, shop time zone); default 29 days before --to.") var from: String?
    @Option(help: "Last day, inclusive; default today.") var to: String?
    @Option(help: "kpis: day, week, month, channel, device or category.") var by: String?
    @Option(help: "table, json or csv.") var format: String = "table"
    @Option(help: "funnel: comma-separated steps, e.g. page_view,product_view[sku=A-1],order_paid.") var steps: String?
    @Option(help: "funnel: conversion window, e.g. 7d, 12h.") var window: String?
    @Option(help: "funnel: ordered, strict or unordered; retention: bounded or unbounded.") var mode: String?
    @Option(help: "funnel: channel or device.") var breakdown: String?
    @Option(help: "retention: first_event or first_paid_order.") var cohort: String?
    @Option(help: "retention: day, week or month.") var period: String?
    @Option(name: .customLong("return-event"), help: "retention: any or an event type.") var returnEvent: String?
    @Option(help: "paths: how many.") var top: String?
    @Option(help: "channels: last_non_direct or first_non_direct.") var model: String?
    @Option(help: "channels: attribution lookback, e.g. 30d.") var lookback: String?
    @Option(name: .customLong("compare-from"), help: "gmv-change: first day of the earlier period.") var compareFrom: String?
    @Option(name: .customLong("compare-to"), help: "gmv-change: last day of the earlier period.") var compareTo: String?
    @Option(help: "experiment: a CSV of per-variant sums measured elsewhere (variant,weight,units,sum,sum_squares[,denominator_sum,denominator_sum_squares,sum_products]); no database is read.") var summary: String?
    @Option(help: "experiment --summary: proportion, mean or ratio.") var type: String?
    @Option(help: "experiment: flat or proper (normal prior, sd 0.3 on the relative lift).") var prior: String?
    @Option(name: .customLong("as-of"), help: "rfm: the last day (YYYY-MM-DD, shop time zone); default today.") var asOf: String?
    @Option(name: .customLong("window-days"), help: "rfm: days in the window ending on --as-of; default 365.") var windowDays: String?
    @Option(help: "experiment: p-value correction across metrics and variants: none, holm or bh.") var correction: String?

    func validate() throws {
        guard ["table", "json", "csv"].contains(format) else { throw ValidationError("--format is table, json or csv.") }
        guard AnalyticsService.reportNames.contains(name) else {
            throw ValidationError("Unknown report '\(name)'. Reports: \(AnalyticsService.reportNames.joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let parameters = ReportParameters([
            "from": from, "to": to, "by": by, "steps": steps, "window": window, "mode": mode, "breakdown": breakdown,
            "cohort": cohort, "period": period, "return_event": returnEvent, "top": top, "model": model, "lookback": lookback,
            "compare_from": compareFrom, "compare_to": compareTo, "key": key, "prior": prior, "correction": correction,
            "as_of": asOf, "window_days": windowDays,
        ].compactMapValues { $0 })
        let output: ReportOutput
        do {
            if name == "experiment", let summary {
                output = try ExperimentCalculator.report(.file(path: summary), type: type, parameters)
            } else {
                let (yunying, shop) = try await database.open()
                output = try await yunying.analytics.report(shop, name: name, parameters)
            }
        } catch let error as OperationsError {
            // A summary file's problems name its line or column; other fields are options.
            let fileField = summary != nil && !["type", "prior"].contains(error.field ?? "")
            let place = error.field.map { fileField ? " (\(summary ?? ""): \($0))" : " (--\($0.replacingOccurrences(of: "_", with: "-")))" } ?? ""
            throw ValidationError("\(error.code): \(error.message)\(place)")
        }
        switch format {
        case "json": say(output.json.json)
        case "csv": FileHandle.standardOutput.write(Data(output.csv.utf8))
        default: FileHandle.standardOutput.write(Data(output.table.utf8))
        }
    }
}
