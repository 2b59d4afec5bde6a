import Foundation
import Testing
@testable import Insights

/// The calculator-format examples (Fixtures/experiments/summary-*.csv) give the results stored
/// next to them (summary-*.json), which the CLI tests reuse.
@Suite struct SummaryExampleTests {
    /// Rows of a summary CSV as variant summaries (plain numbers, no quoting).
    static func summaries(_ name: String) throws -> [VariantSummary] {
        let text = try String(contentsOf: ExperimentFixtures.url(name, "csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return try lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (k, column) in header.enumerated() { row[column] = cells[k] }
            func number(_ column: String) throws -> Double { try #require(Double(row[column] ?? "0")) }
            return try VariantSummary(
                name: #require(row["variant"]), weight: number("weight"), units: #require(Int(row["units"] ?? "")),
                sum: number("sum"), sumSquares: number("sum_squares"),
                denominatorSum: number("denominator_sum"), denominatorSumSquares: number("denominator_sum_squares"),
                sumProducts: number("sum_products"))
        }
    }

    @Test(arguments: ["proportion", "mean", "ratio"])
    func example(_ name: String) throws {
        let fixture = try ExperimentFixtures.decode(ExperimentFixture.Summary.self, "summary-\(name)")
        let type = try #require(ExperimentMetricType(rawValue: fixture.settings.type))
        let result = try ExperimentAnalysis.compare(
            Self.summaries("summary-\(name)"), type: type, prior: fixture.settings.prior.value,
            confidenceLevel: fixture.settings.confidenceLevel, cuped: fixture.settings.cuped)
        ExperimentFixtureTests.check(result, fixture.expected)
    }
}
