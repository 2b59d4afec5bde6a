import Testing
@testable import Insights

/// The shapes of experiments.json, srm.json, adjustments.json and summary-*.json.
enum ExperimentFixture {
    struct Prior: Decodable, Sendable {
        var kind: String
        var mean: Double?
        var sd: Double?

        var value: ExperimentPrior {
            kind == "proper" ? .proper(mean: mean ?? 0, standardDeviation: sd ?? 1) : .flat
        }
    }

    struct Covariate: Decodable, Sendable {
        var sum: Double
        var sumSquares: Double
        var sumProducts: Double
    }

    struct Variant: Decodable, Sendable {
        var name: String
        var weight: Double
        var units: Int
        var sum: Double
        var sumSquares: Double
        var denominatorSum: Double
        var denominatorSumSquares: Double
        var sumProducts: Double
        var covariate: Covariate?

        var summary: VariantSummary {
            VariantSummary(
                name: name, weight: weight, units: units, sum: sum, sumSquares: sumSquares,
                denominatorSum: denominatorSum, denominatorSumSquares: denominatorSumSquares,
                sumProducts: sumProducts,
                covariate: covariate.map { CovariateSums(sum: $0.sum, sumSquares: $0.sumSquares, sumProducts: $0.sumProducts) })
        }
    }

    struct Outcome: Decodable, Sendable {
        var name: String
        var units: Int
        var mean: Double
        var variance: Double
        var liftAbsolute: Double
        var liftRelative: Double
        var ciLow: Double
        var ciHigh: Double
        var ciAbsoluteLow: Double
        var ciAbsoluteHigh: Double
        var pValueAbsolute: Double
        var pValue: Double
        var chanceToWin: Double
        var credibleLow: Double
        var credibleHigh: Double
        var posteriorMean: Double
        var issue: String?
    }

    struct Expected: Decodable, Sendable {
        var srmStatistic: Double
        var srmP: Double
        var outcomes: [Outcome]
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var id: String
        var type: String
        var cuped: Bool
        var prior: Prior
        var confidenceLevel: Double
        var variants: [Variant]
        var expected: Expected
        var testDescription: String { id }
    }

    struct Experiments: Decodable { var cases: [Case] }

    struct SRMCase: Decodable, Sendable, CustomTestStringConvertible {
        var units: [Int]
        var weights: [Double]
        var statistic: Double
        var pValue: Double
        var testDescription: String { "\(units) vs \(weights)" }
    }

    struct SRMCases: Decodable { var cases: [SRMCase] }

    struct AdjustmentCase: Decodable, Sendable {
        var pValues: [Double]
        var holm: [Double]
        var bh: [Double]
    }

    struct Adjustments: Decodable { var cases: [AdjustmentCase] }

    struct Settings: Decodable, Sendable {
        var type: String
        var prior: Prior
        var confidenceLevel: Double
        var cuped: Bool
    }

    struct Summary: Decodable { var settings: Settings; var expected: Expected }
}
