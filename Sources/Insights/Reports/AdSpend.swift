/// One row of ad spend passed in by the caller: a local day, a channel wire name, a campaign.
public struct AdSpend: Sendable, Equatable {
    /// Local day index (`ShopCalendar.dayIndex`; `ReportPeriod.day("2026-11-02")`).
    public var day: Int32
    /// Channel wire name (`Channel.name`); unknown names get their own report row.
    public var channel: String
    public var campaign: String
    /// Minor units.
    public var spend: Int64
    public var impressions: Int64
    public var clicks: Int64

    public init(day: Int32, channel: String, campaign: String, spend: Int64, impressions: Int64, clicks: Int64) {
        self.day = day
        self.channel = channel
        self.campaign = campaign
        self.spend = spend
        self.impressions = impressions
        self.clicks = clicks
    }
}

/// Spend-side totals and their ratios (shared by channel and campaign rows).
public struct SpendTotals: Sendable, Equatable {
    public var spend: Int64 = 0
    public var impressions: Int64 = 0
    public var clicks: Int64 = 0

    public init() {}

    mutating func add(_ row: AdSpend) {
        spend += row.spend
        impressions += row.impressions
        clicks += row.clicks
    }

    /// Spend ÷ clicks, money rounding.
    public var cpc: Int64 { MoneyMath.ratio(spend, clicks) }
    /// Clicks ÷ impressions.
    public var ctr: Double { MoneyMath.rate(clicks, impressions) }
}
