/// What an experiment measures per unit, from the unit's first exposure to the end of the
/// experiment (rules: docs/experiments.md).
public enum ExperimentMetric: Sendable, Hashable {
    /// Whether the unit paid an order (proportion).
    case conversion
    /// Paid revenue per unit, minor units (mean).
    case revenuePerVisitor
    /// Paid revenue ÷ paid orders (ratio).
    case averageOrderValue
    /// Whether the unit added something to the cart (proportion).
    case addToCartRate
    /// Whether the unit sent an event of this type (proportion).
    case event(String)

    /// The metrics by their names, for help texts.
    public static let names = ["conversion", "revenue_per_visitor", "aov", "add_to_cart_rate", "event:TYPE"]

    /// `conversion`, `revenue_per_visitor`, `aov`, `add_to_cart_rate` or `event:TYPE`.
    public init?(name: String) {
        switch name {
        case "conversion": self = .conversion
        case "revenue_per_visitor": self = .revenuePerVisitor
        case "aov": self = .averageOrderValue
        case "add_to_cart_rate": self = .addToCartRate
        default:
            guard name.hasPrefix("event:") else { return nil }
            let type = String(name.dropFirst("event:".count))
            guard !type.isEmpty, type.count <= 64 else { return nil }
            self = .event(type)
        }
    }

    public var name: String {
        switch self {
        case .conversion: "conversion"
        case .revenuePerVisitor: "revenue_per_visitor"
        case .averageOrderValue: "aov"
        case .addToCartRate: "add_to_cart_rate"
        case .event(let type): "event:" + type
        }
    }

    /// The statistic the metric is analysed as.
    public var type: ExperimentMetricType {
        switch self {
        case .conversion, .addToCartRate, .event: .proportion
        case .revenuePerVisitor: .mean
        case .averageOrderValue: .ratio
        }
    }

    /// Whether values are money (minor units of the shop's currency).
    public var isMoney: Bool { self == .revenuePerVisitor || self == .averageOrderValue }
}
