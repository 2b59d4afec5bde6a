/// The roles a category can take against the shop's medians (docs/analytics.md, "SKUs, categories
/// and channels"); a category may hold several or none.
public struct CategoryRoles: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 导流: traffic share ≥ trafficDriver × median and margin < median.
    public static let trafficDriver = CategoryRoles(rawValue: 1)
    /// 高利润: margin ≥ highMargin × median.
    public static let highMargin = CategoryRoles(rawValue: 2)
    /// 高转化: buyer conversion ≥ highConversion × median.
    public static let highConversion = CategoryRoles(rawValue: 4)
    /// 未来明星: traffic share ≤ risingStarTraffic × median and buyer conversion ≥ highConversion × median.
    public static let risingStar = CategoryRoles(rawValue: 8)

    /// Wire names in role order: `traffic_driver`, `high_margin`, `high_conversion`, `rising_star`.
    public var names: [String] {
        [(Self.trafficDriver, "traffic_driver"), (.highMargin, "high_margin"),
         (.highConversion, "high_conversion"), (.risingStar, "rising_star")]
            .filter { contains($0.0) }.map(\.1)
    }

    /// Roles of one category given the medians over the shop's categories. A "≥ multiple of the
    /// median" test also needs a value above 0, so a median of 0 does not hand the role to
    /// every category. Comparisons with a multiple of a median allow a relative 1e-12 so that
    /// exact ties (0.24 vs 1.2 × 0.2) are not lost to floating point.
    public static func classify(
        trafficShare: Double, margin: Double, buyerConversion: Double,
        medianTrafficShare: Double, medianMargin: Double, medianBuyerConversion: Double,
        thresholds t: CategoryRoleThresholds = CategoryRoleThresholds()
    ) -> CategoryRoles {
        var roles: CategoryRoles = []
        func atLeast(_ v: Double, _ k: Double, _ median: Double) -> Bool {
            let bound = k * median
            return v > 0 && v >= bound - abs(bound) * 1e-12
        }
        func atMost(_ v: Double, _ k: Double, _ median: Double) -> Bool {
            let bound = k * median
            return v <= bound + abs(bound) * 1e-12
        }
        let converts = atLeast(buyerConversion, t.highConversion, medianBuyerConversion)
        if atLeast(trafficShare, t.trafficDriver, medianTrafficShare) && margin < medianMargin {
            roles.insert(.trafficDriver)
        }
        if atLeast(margin, t.highMargin, medianMargin) { roles.insert(.highMargin) }
        if converts { roles.insert(.highConversion) }
        if atMost(trafficShare, t.risingStarTraffic, medianTrafficShare) && converts { roles.insert(.risingStar) }
        return roles
    }
}

/// Multipliers of the category-role rules.
public struct CategoryRoleThresholds: Sendable, Equatable {
    public var trafficDriver: Double
    public var highMargin: Double
    public var highConversion: Double
    public var risingStarTraffic: Double

    public init(trafficDriver: Double = 1.5, highMargin: Double = 1.2, highConversion: Double = 1.2, risingStarTraffic: Double = 0.5) {
        self.trafficDriver = trafficDriver
        self.highMargin = highMargin
        self.highConversion = highConversion
        self.risingStarTraffic = risingStarTraffic
    }
}
