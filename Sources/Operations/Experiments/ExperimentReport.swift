import Commerce
import Foundation
import Insights
import Persistence

extension AnalyticsService {
    /// `experiment`: results of experiment `key` from its start to its stop (or now) — units and
    /// the sample-ratio check, then every metric per variant against the control.
    /// Parameters: `key`, `prior=flat|proper`, `correction=none|holm|bh`.
    func experiment(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        guard let key = parameters.values["key"] else {
            throw OperationsError.invalid(code: "required", field: "key", message: "key names the experiment.")
        }
        guard let record = try await store.experiment(shop.id, key: key) else { throw OperationsError.notFound(entity: "experiment", id: key) }
        let definition = try ExperimentWire.definition(of: record)
        guard let started = record.startedAt else {
            throw OperationsError.invalid(code: "not_started", field: "key", message: "Experiment \(key) has not started; it has no results yet.")
        }
        let prior = try ExperimentReportOptions.prior(parameters)
        let correction = try ExperimentReportOptions.correction(parameters)
        let frame = try await caches.frame(shop.id, store: store)
        let end = (record.stoppedAt ?? time.now()).millisecondsSinceEpoch + 1
        let measurement = ExperimentMeasurement(
            frame: frame, experiment: key, variantKeys: definition.variants.map(\.key), from: started.millisecondsSinceEpoch, to: end)
        let weights = definition.weights
        var comparisons: [(ExperimentMetric, MetricComparison?)] = []
        for metric in definition.metrics {
            let summaries = measurement.summaries(for: metric, weights: weights, covariate: definition.cuped)
            comparisons.append((metric, try? ExperimentAnalysis.compare(summaries, type: metric.type, prior: prior, cuped: definition.cuped)))
        }
        let srm = SampleRatioCheck.test(units: measurement.units, weights: weights)
        let sections = ExperimentResultSections(
            comparisons: comparisons, correction: correction, currency: shop.currency.code, primary: definition.primaryMetric)
        let json = ReportValue.object([
            ("experiment", .string(key)), ("name", .string(definition.name)), ("hypothesis", .string(definition.hypothesis)),
            ("status", .string(record.status.rawValue)), ("started_at", .string(started.iso8601)),
            ("stopped_at", record.stoppedAt.map { .string($0.iso8601) } ?? .null),
            ("units", .array(definition.variants.indices.map { v in
                .object([("variant", .string(definition.variants[v].key)), ("weight", .double(weights[v])), ("units", .int(measurement.units[v]))])
            })),
            ("excluded", .object([("multiple_exposures", .int(measurement.multipleExposures)), ("unknown_variant", .int(measurement.unknownVariant))])),
            ("srm", ExperimentResultSections.srm(srm)),
            ("prior", .string(prior == .flat ? "flat" : "proper")), ("correction", .string(correction?.rawValue ?? "none")),
            ("metrics", .array(sections.metrics)),
            ("summary", ExperimentWords.summary(sections: sections, srm: srm, definition: definition)),
        ])
        return ReportOutput(json: json, columns: ExperimentResultSections.columns, rows: sections.rows)
    }
}

/// Options shared by experiment results and the calculator.
enum ExperimentReportOptions {
    static func prior(_ parameters: ReportParameters) throws -> ExperimentPrior {
        switch parameters.values["prior"] ?? "flat" {
        case "flat": .flat
        case "proper": .standard
        default: throw parameters.invalid("prior", "prior must be flat or proper (a normal prior with mean 0 and sd 0.3 on the relative lift).")
        }
    }

    static func correction(_ parameters: ReportParameters) throws -> PValueAdjustment? {
        switch parameters.values["correction"] ?? "none" {
        case "none": nil
        case "holm": .holm
        case "bh": .benjaminiHochberg
        default: throw parameters.invalid("correction", "correction must be none, holm or bh.")
        }
    }
}
