/// How a funnel reads a person's events (rules in docs/analytics.md, "Funnels").
public enum FunnelMode: String, CaseIterable, Sendable {
    /// Steps in order, other events in between allowed.
    case ordered
    /// Steps in order with no other event in between.
    case strict
    /// Steps in any order within the window.
    case unordered
}

/// What a funnel's breakdown groups people by: the session of their first step-1 event.
public enum FunnelBreakdown: String, CaseIterable, Sendable {
    case channel, device
}

/// One funnel step: an event type code and optional filters. Channel and device filters test the
/// event's session (its first event's channel and device).
public struct FunnelStep: Sendable, Equatable {
    public var type: UInt8
    /// SKU ids the event must name (a category filter arrives resolved to its SKUs); nil = any.
    public var skus: Set<Int32>?
    public var channel: Channel?
    public var device: Device?

    public init(type: UInt8, skus: Set<Int32>? = nil, channel: Channel? = nil, device: Device? = nil) {
        self.type = type
        self.skus = skus
        self.channel = channel
        self.device = device
    }

    public init(_ event: StandardEvent, skus: Set<Int32>? = nil, channel: Channel? = nil, device: Device? = nil) {
        self.init(type: event.rawValue, skus: skus, channel: channel, device: device)
    }

    var isFiltered: Bool { skus != nil || channel != nil || device != nil }
}

/// A funnel over one report period `[from, to)`; events outside it are not read.
public struct FunnelQuery: Sendable, Equatable {
    public static let defaultWindowMs: Int64 = 7 * 24 * 60 * 60 * 1000

    /// 2–10 steps.
    public var steps: [FunnelStep]
    /// Conversion window in ms, inclusive: `t − start ≤ windowMs` converts.
    public var windowMs: Int64
    public var mode: FunnelMode
    public var from: Int64
    public var to: Int64
    public var breakdown: FunnelBreakdown?

    public init(
        steps: [FunnelStep], from: Int64, to: Int64, windowMs: Int64 = FunnelQuery.defaultWindowMs,
        mode: FunnelMode = .ordered, breakdown: FunnelBreakdown? = nil
    ) {
        self.steps = steps
        self.from = from
        self.to = to
        self.windowMs = windowMs
        self.mode = mode
        self.breakdown = breakdown
    }

    /// Counts the funnel over a frame.
    public func run(on frame: EventFrame) -> FunnelResult {
        precondition((2...10).contains(steps.count), "a funnel has 2–10 steps")
        return FunnelEngine(query: self, frame: frame).run()
    }
}
