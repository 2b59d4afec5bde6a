import Foundation
import Insights

/// The calculator for results measured elsewhere: one CSV row per variant (the first is the
/// control) with `variant,weight,units,sum,sum_squares` and, for ratio metrics,
/// `denominator_sum,denominator_sum_squares,sum_products`; the same engine as experiment results.
public enum ExperimentCalculator {
    public static func report(_ source: ImportSource, type typeName: String?, _ parameters: ReportParameters) throws -> ReportOutput {
        guard let typeName, let type = ExperimentMetricType(rawValue: typeName) else {
            throw parameters.invalid("type", "type must be proportion, mean or ratio.")
        }
        let prior = try ExperimentReportOptions.prior(parameters)
        let variants = try read(source, type: type)
        let comparison: MetricComparison
        do {
            comparison = try ExperimentAnalysis.compare(variants, type: type, prior: prior)
        } catch {
            throw OperationsError.invalid(code: error.code, field: "file", message: "The variants cannot be compared: \(error.code).")
        }
        var rows: [[ReportValue]] = [], items: [ReportValue] = []
        for (index, outcome) in comparison.variants.enumerated() {
            let values = ExperimentResultSections.values(outcome, isControl: index == 0, adjusted: nil)
                .filter { $0.0 != "p_value_adjusted" }
            items.append(.object([("variant", .string(outcome.name)), ("weight", .double(variants[index].weight))] + values))
            rows.append([.string(outcome.name), .double(variants[index].weight)] + values.map(\.1))
        }
        let json = ReportValue.object([
            ("type", .string(type.rawValue)), ("prior", .string(prior == .flat ? "flat" : "proper")),
            ("srm_p_value", .double(comparison.sampleRatio.pValue)), ("srm_mismatch", .bool(comparison.sampleRatio.mismatch)), ("variants", .array(items)),
        ])
        let columns = ["variant", "weight"] + ExperimentResultSections.columns.dropFirst(2).filter { $0 != "p_value_adjusted" }
        return ReportOutput(json: json, columns: columns, rows: rows)
    }

    static func read(_ source: ImportSource, type: ExperimentMetricType) throws -> [VariantSummary] {
        let reader = try CSVRecordReader(source)
        var required = ["variant", "weight", "units", "sum", "sum_squares"]
        if type == .ratio { required += ["denominator_sum", "denominator_sum_squares", "sum_products"] }
        for column in required where reader.columns[column] == nil {
            throw OperationsError.invalid(code: "missing_column", field: column, message: "The file has no column \(column).")
        }
        var variants: [VariantSummary] = []
        while let record = try reader.next() {
            func number(_ column: String) throws -> Double {
                guard let text = record.value(column), let value = Double(text), value.isFinite else {
                    throw OperationsError.invalid(code: "invalid_value", field: "line \(record.line): \(column)", message: "\(column) on line \(record.line) must be a number.")
                }
                return value
            }
            guard let name = record.value("variant") else {
                throw OperationsError.invalid(code: "required", field: "line \(record.line): variant", message: "Line \(record.line) names no variant.")
            }
            let units = try number("units")
            guard units >= 0, units == units.rounded(), units < 1e12 else {
                throw OperationsError.invalid(code: "invalid_value", field: "line \(record.line): units", message: "units on line \(record.line) must be a whole number.")
            }
            let weight = try number("weight")
            guard weight > 0, weight <= 1 else {
                throw OperationsError.invalid(code: "invalid_weight", field: "line \(record.line): weight", message: "A weight must be more than 0 and at most 1.")
            }
            let ratio = type == .ratio
            variants.append(VariantSummary(
                name: name, weight: weight, units: Int(units), sum: try number("sum"), sumSquares: try number("sum_squares"),
                denominatorSum: ratio ? try number("denominator_sum") : 0, denominatorSumSquares: ratio ? try number("denominator_sum_squares") : 0,
                sumProducts: ratio ? try number("sum_products") : 0, covariate: nil))
        }
        guard variants.count >= 2 else {
            throw OperationsError.invalid(code: "too_few_variants", field: "file", message: "The file needs at least two variants (the first is the control).")
        }
        guard ExperimentAnalysis.weightsSumToOne(variants.map(\.weight)) else {
            throw OperationsError.invalid(code: "weights_not_summing_to_one", field: "weight", message: "The weights sum to \(variants.map(\.weight).reduce(0, +)), not 1.")
        }
        return variants
    }
}
