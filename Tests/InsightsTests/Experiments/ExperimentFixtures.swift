import Foundation
import Testing
@testable import Insights

/// Loads the reference fixtures of `scripts/experiments-reference/generate.py`
/// (Tests/InsightsTests/Fixtures/experiments).
enum ExperimentFixtures {
    /// URL of a fixture file, e.g. `url("distributions", "json")`.
    static func url(_ name: String, _ ext: String) throws -> URL {
        try FixtureFiles.url("experiments", name, ext)
    }

    /// A JSON fixture decoded as `T` (keys are snake_case).
    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(contentsOf: url(name, "json")))
    }
}

/// How far `actual` is from `expected`, and whether that is within tolerance.
struct Deviation: CustomStringConvertible {
    var actual: Double
    var expected: Double
    var absolute: Double { abs(actual - expected) }
    var relative: Double { expected == 0 ? absolute : absolute / abs(expected) }

    /// Within `absolute` of the expected value, or for |expected| > 1 within `absolute`·|expected|
    /// (quantiles can be huge).
    func within(scaled tolerance: Double) -> Bool {
        if actual == expected { return true }
        return absolute <= tolerance * max(1, abs(expected))
    }

    var description: String { "actual \(actual) expected \(expected) (abs \(absolute), rel \(relative))" }
}
