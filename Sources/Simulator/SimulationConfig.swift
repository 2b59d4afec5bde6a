import Commerce
import Insights

/// What to simulate. Deterministic: the same configuration gives the same shop, events and
/// figures (customer ids too; order ids may differ between runs).
public struct SimulationConfig: Sendable, Equatable, Codable {
    public var days: Int
    public var customers: Int
    public var skus: Int
    /// Categories of the catalog (1–8: apparel, beauty, food, home, electronics, sports, baby, books).
    public var categories: Int
    public var seed: UInt64
    /// First simulated day (`YYYY-MM-DD`, shop time zone).
    public var start: String
    /// Storefront sessions on an ordinary weekday (weekends, the peak and campaigns add to it).
    public var sessionsPerDay: Int

    public init(
        days: Int = 90, customers: Int = 6_000, skus: Int = 120, categories: Int = 8, seed: UInt64 = 42, start: String,
        sessionsPerDay: Int = 1_100
    ) {
        self.days = days
        self.customers = customers
        self.skus = skus
        self.categories = categories
        self.seed = seed
        self.start = start
        self.sessionsPerDay = sessionsPerDay
    }

    /// The last simulated day (`YYYY-MM-DD`).
    public var lastDay: String {
        ReportPeriod.day(start).map { ShopCalendar.label($0 + Int32(days) - 1, .day) } ?? start
    }

    /// Whether a stored simulation can be reused for a request (the start date only matters
    /// when it was asked for).
    public func matches(_ other: SimulationConfig, ignoringStart: Bool) -> Bool {
        days == other.days && customers == other.customers && skus == other.skus && categories == other.categories && seed == other.seed
            && sessionsPerDay == other.sessionsPerDay && (ignoringStart || start == other.start)
    }
}

/// What a simulation wrote.
public struct SimulationSummary: Sendable, Equatable {
    public var events = 0
    public var sessions = 0
    public var orders = 0
    public var paidOrders = 0
    public var unpaidOrders = 0
    public var refundedOrders = 0
    public var flashOrders = 0
    public var customers = 0
    public var skus = 0

    public init() {}
}

/// A day done: for progress bars.
public struct SimulationProgress: Sendable {
    public var day: Int
    public var days: Int
    public var summary: SimulationSummary
}
