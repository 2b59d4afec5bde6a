/// One arm of an experiment; the first variant of a definition is the control.
public struct ExperimentVariant: Sendable, Equatable {
    public var key: String
    public var name: String
    /// Share of units, in (0, 1]; the weights of a definition sum to 1.
    public var weight: Double

    public init(key: String, name: String? = nil, weight: Double) {
        self.key = key
        self.name = name ?? key
        self.weight = weight
    }
}

/// Who may enter: sessions from these channels and devices (empty = any), and, when a saved
/// segment is named, only customers in it.
public struct ExperimentTargeting: Sendable, Equatable {
    public var channels: [Channel]
    public var devices: [Device]
    public var segmentID: Int64?

    public init(channels: [Channel] = [], devices: [Device] = [], segmentID: Int64? = nil) {
        self.channels = channels
        self.devices = devices
        self.segmentID = segmentID
    }

    /// Whether a unit seen on this channel and device is targeted (unknown → only if unrestricted).
    public func admits(channel: Channel?, device: Device?) -> Bool {
        (channels.isEmpty || channel.map(channels.contains) == true) && (devices.isEmpty || device.map(devices.contains) == true)
    }
}

/// An A/B test as the operator defines it: what changes, for whom, and what decides it.
public struct ExperimentDefinition: Sendable, Equatable {
    public var key: String
    public var name: String
    public var hypothesis: String
    public var variants: [ExperimentVariant]
    public var targeting: ExperimentTargeting
    public var primaryMetric: ExperimentMetric
    public var guardrailMetrics: [ExperimentMetric]
    /// Whether results use CUPED with the unit's metric over the pre-period as covariate.
    public var cuped: Bool

    public static let maxVariants = 10
    /// Length of the CUPED pre-period before a unit's first exposure.
    public static let cupedLookbackMs: Int64 = 14 * 86_400_000

    public init(
        key: String, name: String, hypothesis: String = "", variants: [ExperimentVariant],
        targeting: ExperimentTargeting = ExperimentTargeting(), primaryMetric: ExperimentMetric,
        guardrailMetrics: [ExperimentMetric] = [], cuped: Bool = false
    ) {
        self.key = key
        self.name = name
        self.hypothesis = hypothesis
        self.variants = variants
        self.targeting = targeting
        self.primaryMetric = primaryMetric
        self.guardrailMetrics = guardrailMetrics
        self.cuped = cuped
    }

    public var weights: [Double] { variants.map(\.weight) }
    /// The primary metric first, then the guardrails.
    public var metrics: [ExperimentMetric] { [primaryMetric] + guardrailMetrics }

    /// Checks every rule of a definition; the first broken one is thrown.
    public func validate() throws(ExperimentDefinitionError) {
        guard Self.isValidKey(key) else {
            throw .init("invalid_key", "key", "key must be 1 to 64 of a-z, 0-9, '-' and '_'.")
        }
        guard !name.isEmpty, name.count <= 200 else { throw .init("invalid_value", "name", "name must have 1 to 200 characters.") }
        guard hypothesis.count <= 2000 else { throw .init("invalid_value", "hypothesis", "hypothesis must have at most 2000 characters.") }
        guard variants.count >= 2 else { throw .init("too_few_variants", "variants", "An experiment needs at least two variants.") }
        guard variants.count <= Self.maxVariants else {
            throw .init("too_many_variants", "variants", "An experiment has at most \(Self.maxVariants) variants.")
        }
        var seen = Set<String>()
        for (index, variant) in variants.enumerated() {
            guard Self.isValidKey(variant.key) else {
                throw .init("invalid_key", "variants[\(index)].key", "A variant key must be 1 to 64 of a-z, 0-9, '-' and '_'.")
            }
            guard seen.insert(variant.key).inserted else {
                throw .init("duplicate_variant", "variants[\(index)].key", "Variant '\(variant.key)' appears twice.")
            }
            guard variant.weight.isFinite, variant.weight > 0, variant.weight <= 1 else {
                throw .init("invalid_weight", "variants[\(index)].weight", "A weight must be more than 0 and at most 1.")
            }
        }
        guard ExperimentAnalysis.weightsSumToOne(weights) else {
            throw .init("weights_not_summing_to_one", "variants", "The variants' weights sum to \(weights.reduce(0, +)), not 1.")
        }
        guard Set(metrics).count == metrics.count else {
            throw .init("duplicate_metric", "guardrail_metrics", "A metric appears twice among the primary and guardrail metrics.")
        }
    }

    /// 1 to 64 of a-z, 0-9, '-' and '_'.
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 64
            && key.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F }
    }
}

/// A broken rule of an experiment definition: a stable code and the offending field.
public struct ExperimentDefinitionError: Error, Equatable, Sendable {
    public var code: String
    public var field: String
    public var message: String

    init(_ code: String, _ field: String, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }
}
