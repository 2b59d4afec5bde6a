/// Thresholds of the lifecycle stage and purchase intent of a customer (docs/crm.md,
/// "Lifecycle and intent"). Days are shop-local calendar days counted back from the as-of day.
public struct LifecycleRules: Sendable, Equatable, Codable {
    /// New: the first paid order at most this many days ago.
    public var newDays: Int
    /// Active: the last paid order at most this many days ago.
    public var activeDays: Int
    /// Churned: the last paid order more than this many days ago (at risk in between).
    public var churnDays: Int
    /// High intent: at least this many product views and add-to-carts …
    public var intentEvents: Int
    /// … in the window of this many days ending on the as-of day, without an order paid in it.
    public var intentDays: Int

    enum CodingKeys: String, CodingKey {
        case newDays = "new_days", activeDays = "active_days", churnDays = "churn_days"
        case intentEvents = "intent_events", intentDays = "intent_days"
    }

    /// Reads rules; a missing threshold takes its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = LifecycleRules()
        newDays = try c.decodeIfPresent(Int.self, forKey: .newDays) ?? defaults.newDays
        activeDays = try c.decodeIfPresent(Int.self, forKey: .activeDays) ?? defaults.activeDays
        churnDays = try c.decodeIfPresent(Int.self, forKey: .churnDays) ?? defaults.churnDays
        intentEvents = try c.decodeIfPresent(Int.self, forKey: .intentEvents) ?? defaults.intentEvents
        intentDays = try c.decodeIfPresent(Int.self, forKey: .intentDays) ?? defaults.intentDays
    }

    /// The first broken bound, as (field, message); nil when the rules are usable.
    public var problem: (field: String, message: String)? {
        if !(0...3650).contains(newDays) { return ("new_days", "new_days is 0 to 3650.") }
        if !(0...3650).contains(activeDays) { return ("active_days", "active_days is 0 to 3650.") }
        if !(activeDays...3650).contains(churnDays) { return ("churn_days", "churn_days is at least active_days and at most 3650.") }
        if !(1...1000).contains(intentEvents) { return ("intent_events", "intent_events is 1 to 1000.") }
        if !(1...365).contains(intentDays) { return ("intent_days", "intent_days is 1 to 365.") }
        return nil
    }

    public init(newDays: Int = 30, activeDays: Int = 90, churnDays: Int = 180, intentEvents: Int = 3, intentDays: Int = 7) {
        precondition(newDays >= 0 && activeDays >= 0 && churnDays >= activeDays, "0 ≤ activeDays ≤ churnDays")
        precondition(intentEvents >= 1 && intentDays >= 1, "intent needs ≥ 1 event over ≥ 1 day")
        self.newDays = newDays
        self.activeDays = activeDays
        self.churnDays = churnDays
        self.intentEvents = intentEvents
        self.intentDays = intentDays
    }

    /// The stage of a customer given the days since their first and last paid orders (nil: none).
    public func stage(daysSinceFirstOrder first: Int?, daysSinceLastOrder last: Int?) -> LifecycleStage {
        guard let first, let last else { return .prospect }
        if first <= newDays { return .new }
        if last <= activeDays { return .active }
        if last <= churnDays { return .atRisk }
        return .churned
    }

    /// The intent given the product views and add-to-carts in the intent window and whether an
    /// order was paid in it.
    public func intent(views: Int, carts: Int, boughtInWindow: Bool) -> PurchaseIntent {
        let events = views + carts
        if boughtInWindow || events == 0 { return .none }
        return events >= intentEvents ? .high : .low
    }
}

/// Where a customer is in their lifecycle as of a time.
public enum LifecycleStage: String, CaseIterable, Sendable, Codable {
    /// First paid order within `newDays`.
    case new
    /// Last paid order within `activeDays`.
    case active
    /// Last paid order more than `activeDays`, at most `churnDays` ago.
    case atRisk = "at_risk"
    /// Last paid order more than `churnDays` ago.
    case churned
    /// No paid order yet.
    case prospect

    /// Position in `allCases` (the integer code a `CustomerTable` stores).
    public var code: UInt8 { UInt8(Self.allCases.firstIndex(of: self)!) }
}

/// Recent shopping without buying, as of a time.
public enum PurchaseIntent: String, CaseIterable, Sendable, Codable {
    /// ≥ `intentEvents` product views and add-to-carts in the intent window, no order paid in it.
    case high
    /// Some, but fewer, views and add-to-carts in the window, no order paid in it.
    case low
    /// No views or add-to-carts in the window, or an order paid in it.
    case none

    /// Position in `allCases` (the integer code a `CustomerTable` stores).
    public var code: UInt8 { UInt8(Self.allCases.firstIndex(of: self)!) }
}
