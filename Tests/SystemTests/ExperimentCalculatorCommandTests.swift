import Foundation
import Testing

/// `yunying report experiment --summary FILE --type …`: the calculator for results measured
/// elsewhere, checked against the gbstats values `scripts/experiments-reference/generate.py`
/// wrote beside its summary files.
@Suite struct ExperimentCalculatorCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("InsightsTests/Fixtures/experiments")

    @Test(arguments: ["proportion", "mean", "ratio"])
    func summariesMatchGBStats(_ type: String) async throws {
        let harness = try SystemHarness()
        let csv = Self.fixtures.appendingPathComponent("summary-\(type).csv").path
        let output = try await harness.run(["report", "experiment", "--summary", csv, "--type", type, "--format", "json"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let reference = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.fixtures.appendingPathComponent("summary-\(type).json"))) as? [String: Any])
        let expected = try #require(reference["expected"] as? [String: Any])
        #expect(abs((result["srm_p_value"] as? Double ?? -1) - (expected["srm_p"] as? Double ?? -2)) < 1e-6)
        let variants = try #require(result["variants"] as? [[String: Any]])
        let outcomes = try #require(expected["outcomes"] as? [[String: Any]])
        #expect(variants.count == outcomes.count)
        for (variant, outcome) in zip(variants, outcomes).dropFirst() {
            for key in ["lift_relative", "lift_absolute", "ci_low", "ci_high", "ci_absolute_low", "ci_absolute_high", "p_value", "chance_to_win"] {
                let got = variant[key] as? Double ?? .nan, want = outcome[key] as? Double ?? .nan
                #expect(abs(got - want) < 1e-6, "\(type) \(variant["variant"] ?? "") \(key): \(got) vs \(want)")
            }
        }
        // The control row has no comparison.
        #expect(variants.first?["p_value"] is NSNull)
    }

    @Test func badSummariesAreRefused() async throws {
        let harness = try SystemHarness()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cases = [
            "variant,weight,units,sum,sum_squares\na,0.6,100,10,10\nb,0.6,100,12,12\n",
            "variant,weight,units,sum,sum_squares\na,1,100,10,10\n",
            "variant,weight,units,sum\na,0.5,100,10\nb,0.5,100,12\n",
            "variant,weight,units,sum,sum_squares\na,0.5,many,10,10\nb,0.5,100,12,12\n",
        ]
        for (index, text) in cases.enumerated() {
            let path = directory.appendingPathComponent("case\(index).csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            await #expect(throws: (any Error).self) {
                _ = try await harness.run(["report", "experiment", "--summary", path, "--type", "proportion"])
            }
        }
        await #expect(throws: (any Error).self) {
            _ = try await harness.run(["report", "experiment", "--summary", directory.appendingPathComponent("case0.csv").path, "--type", "median"])
        }
    }
}
