import Testing
@testable import Insights

/// Definitions, assignment, and what the measurement reads from a frame.
@Suite struct ExperimentDesignTests {
    static func definition(_ variants: [(String, Double)], metric: ExperimentMetric = .conversion, guardrails: [ExperimentMetric] = []) -> ExperimentDefinition {
        ExperimentDefinition(
            key: "exp-1", name: "Test", variants: variants.map { ExperimentVariant(key: $0.0, weight: $0.1) },
            primaryMetric: metric, guardrailMetrics: guardrails)
    }

    static func code(_ definition: ExperimentDefinition) -> String? {
        do { try definition.validate(); return nil } catch { return error.code + "@" + error.field }
    }

    @Test func definitionRules() {
        #expect(Self.code(Self.definition([("a", 0.5), ("b", 0.5)])) == nil)
        #expect(Self.code(Self.definition([("a", 1.0 / 3), ("b", 1.0 / 3), ("c", 1.0 / 3)])) == nil)
        #expect(Self.code(Self.definition([("a", 0.5), ("b", 0.4)])) == "weights_not_summing_to_one@variants")
        #expect(Self.code(Self.definition([("a", 1)])) == "too_few_variants@variants")
        #expect(Self.code(Self.definition(Array(repeating: ("a", 0.09), count: 11))) == "too_many_variants@variants")
        #expect(Self.code(Self.definition([("a", 0.5), ("a", 0.5)])) == "duplicate_variant@variants[1].key")
        #expect(Self.code(Self.definition([("a", -0.5), ("b", 1.5)])) == "invalid_weight@variants[0].weight")
        #expect(Self.code(Self.definition([("a", .nan), ("b", 0.5)])) == "invalid_weight@variants[0].weight")
        #expect(Self.code(Self.definition([("A", 0.5), ("b", 0.5)])) == "invalid_key@variants[0].key")
        #expect(Self.code(Self.definition([("a", 0.5), ("b", 0.5)], metric: .conversion, guardrails: [.conversion])) == "duplicate_metric@guardrail_metrics")
        var long = Self.definition([("a", 0.5), ("b", 0.5)])
        long.key = String(repeating: "k", count: 65)
        #expect(Self.code(long) == "invalid_key@key")
    }

    @Test func metricNamesRoundTrip() {
        for metric in [ExperimentMetric.conversion, .revenuePerVisitor, .averageOrderValue, .addToCartRate, .event("share")] {
            #expect(ExperimentMetric(name: metric.name) == metric)
        }
        #expect(ExperimentMetric(name: "event:") == nil && ExperimentMetric(name: "bounce") == nil)
        #expect(ExperimentMetric.averageOrderValue.type == .ratio && ExperimentMetric.revenuePerVisitor.type == .mean)
    }

    @Test func assignmentIsStickyAndFollowsTheWeights() {
        // GrowthBook's hash v2 of ("exp-1", "u1"): fnv1a32 twice, % 10000.
        #expect(ExperimentAssignment.fnv1a32("") == 0x811C_9DC5)
        #expect(ExperimentAssignment.fnv1a32("a") == 0xE40C_292C)
        let weights = [0.2, 0.3, 0.5]
        var counts = [0, 0, 0]
        for n in 0..<60_000 {
            let unit = "visitor-\(n)"
            let variant = ExperimentAssignment.variantIndex(key: "exp-1", unit: unit, weights: weights)
            #expect(variant == ExperimentAssignment.variantIndex(key: "exp-1", unit: unit, weights: weights))
            counts[variant] += 1
        }
        // Pearson chi-square against the weights, 2 degrees of freedom: 13.8 is the 0.999 quantile.
        let chiSquare = zip(counts, weights).reduce(0.0) { total, pair in
            let expected = 60_000 * pair.1
            return total + (Double(pair.0) - expected) * (Double(pair.0) - expected) / expected
        }
        #expect(chiSquare < 13.8, "counts \(counts)")
        // Another key reshuffles units.
        let moved = (0..<1000).filter {
            ExperimentAssignment.variantIndex(key: "exp-1", unit: "v\($0)", weights: [0.5, 0.5])
                != ExperimentAssignment.variantIndex(key: "exp-2", unit: "v\($0)", weights: [0.5, 0.5])
        }.count
        #expect(moved > 400 && moved < 600)
        #expect(ExperimentAssignment.variantIndex(bucket: 0.9999, weights: [0.5, 0.5]) == 1)
        #expect(ExperimentAssignment.variantIndex(bucket: 0.5, weights: [0.5, 0.5]) == 1)
        #expect(ExperimentAssignment.variantIndex(bucket: 0.4999, weights: [0.5, 0.5]) == 0)
    }

    /// Five people: p1 in A buys twice after exposure (and once before); p2 in B carts; p3 sees
    /// both variants; p4 sees a variant the definition lacks; p5 is exposed after the end.
    static func frame() -> EventFrame {
        var log = EventLog()
        func exposure(_ person: String, _ variant: String, _ t: Int64, experiment: String = "exp-1") {
            log.append(TrackedEvent(timestamp: t, type: "experiment_exposure", anonymousID: person, exposure: ExperimentExposure(experiment: experiment, variant: variant)))
        }
        func event(_ person: String, _ type: String, _ t: Int64, value: Int64? = nil) {
            log.append(TrackedEvent(timestamp: t, type: type, anonymousID: person, value: value))
        }
        event("p1", "order_paid", 500, value: 9_999)
        exposure("p1", "a", 1_000)
        event("p1", "order_paid", 2_000, value: 3_000)
        event("p1", "order_paid", 3_000, value: 5_000)
        exposure("p1", "a", 3_500)
        exposure("p2", "b", 1_100)
        event("p2", "add_to_cart", 1_200)
        event("p2", "share", 1_300)
        exposure("p3", "a", 1_000)
        exposure("p3", "b", 1_500)
        exposure("p4", "c", 1_000)
        exposure("p5", "a", 20_000)
        exposure("p6", "a", 1_000, experiment: "other")
        event("p6", "order_paid", 1_200, value: 100)
        return log.frame()
    }

    @Test func measurementCountsFromTheFirstExposure() {
        let measurement = ExperimentMeasurement(frame: Self.frame(), experiment: "exp-1", variantKeys: ["a", "b"], from: 0, to: 10_000)
        #expect(measurement.units == [1, 1])
        #expect(measurement.multipleExposures == 1 && measurement.unknownVariant == 1)
        let weights = [0.5, 0.5]
        let conversion = measurement.summaries(for: .conversion, weights: weights)
        #expect(conversion.map(\.sum) == [1, 0] && conversion.map(\.units) == [1, 1])
        let revenue = measurement.summaries(for: .revenuePerVisitor, weights: weights)
        #expect(revenue.map(\.sum) == [8_000, 0] && revenue.map(\.sumSquares) == [64_000_000, 0])
        let aov = measurement.summaries(for: .averageOrderValue, weights: weights)
        #expect(aov[0].denominatorSum == 2 && aov[0].denominatorSumSquares == 4 && aov[0].sumProducts == 16_000)
        #expect(measurement.summaries(for: .addToCartRate, weights: weights).map(\.sum) == [0, 1])
        #expect(measurement.summaries(for: .event("share"), weights: weights).map(\.sum) == [0, 1])
        #expect(measurement.summaries(for: .event("never_sent"), weights: weights).map(\.sum) == [0, 0])
        // CUPED: the paid order before p1's exposure is the covariate.
        let adjusted = measurement.summaries(for: .revenuePerVisitor, weights: weights, covariate: true)
        #expect(adjusted[0].covariate == CovariateSums(sum: 9_999, sumSquares: 9_999 * 9_999, sumProducts: 8_000 * 9_999))
        #expect(measurement.summaries(for: .averageOrderValue, weights: weights, covariate: true)[0].covariate == nil)
        // A window that ends before the purchases.
        let early = ExperimentMeasurement(frame: Self.frame(), experiment: "exp-1", variantKeys: ["a", "b"], from: 0, to: 1_500)
        #expect(early.summaries(for: .conversion, weights: weights).map(\.sum) == [0, 0])
        #expect(ExperimentMeasurement(frame: Self.frame(), experiment: "absent", variantKeys: ["a", "b"], from: 0, to: 10_000).units == [0, 0])
    }
}
