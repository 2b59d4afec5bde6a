/// People per step and the rates between steps.
public struct FunnelCounts: Sendable, Equatable {
    /// People who reached each step (each person counted once, at their furthest step).
    public var counts: [Int]
    /// `counts[k] ÷ counts[0]` (0 when the denominator is 0).
    public var conversionFromStart: [Double] {
        counts.map { counts[0] == 0 ? 0 : Double($0) / Double(counts[0]) }
    }
    /// `counts[k] ÷ counts[k − 1]`; step 0 is compared with itself.
    public var conversionFromPrevious: [Double] {
        counts.indices.map { k in
            let prev = counts[max(0, k - 1)]
            return prev == 0 ? 0 : Double(counts[k]) / Double(prev)
        }
    }

    public init(counts: [Int]) { self.counts = counts }
}

/// One breakdown group of a funnel.
public struct FunnelGroup: Sendable, Equatable {
    /// `Channel.rawValue` or `Device.rawValue`.
    public var code: UInt8
    /// The channel's or device's wire name.
    public var name: String
    public var steps: FunnelCounts
}

/// The result of a `FunnelQuery`.
public struct FunnelResult: Sendable, Equatable {
    public var steps: FunnelCounts
    /// Median ms from step 1 to the last step of each completer's first completed attempt (mean
    /// of the middle two when even); nil when nobody completed.
    public var medianTimeToConvertMs: Double?
    /// Groups with at least one person at step 1, by code; empty without a breakdown.
    public var groups: [FunnelGroup]

    public var counts: [Int] { steps.counts }
    public var conversionFromStart: [Double] { steps.conversionFromStart }
    public var conversionFromPrevious: [Double] { steps.conversionFromPrevious }
}
