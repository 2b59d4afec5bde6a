/// Channels of a period (`report channels`): traffic, attributed sales and ad spend.
///
/// UV / sessions: people and sessions with a session of the channel in the period. Orders,
/// revenue and paying customers: orders paid in the period attributed to the channel. New paying
/// customers: customers whose first-ever paid order is paid in the period and attributed to
/// the channel. Spend rows count when their day lies in the period.
public struct ChannelReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let channel: String
        public var traffic: TrafficBreakdown.Row
        public var newPayingCustomers = 0
        public var spend = SpendTotals()

        public var uv: Int { traffic.uv }
        public var sessions: Int { traffic.sessions }
        public var orders: Int { traffic.orders }
        public var revenue: Int64 { traffic.paidRevenue }
        public var payingCustomers: Int { traffic.payingCustomers }
        /// Paying customers ÷ UV.
        public var conversionRate: Double { traffic.conversionRate }
        /// Revenue ÷ spend (0 without spend).
        public var roas: Double { MoneyMath.rate(revenue, spend.spend) }
        /// Spend ÷ new paying customers, money rounding.
        public var cac: Int64 { MoneyMath.ratio(spend.spend, Int64(newPayingCustomers)) }
        public var cpc: Int64 { spend.cpc }
        public var ctr: Double { spend.ctr }
    }

    public struct CampaignRow: Sendable, Equatable {
        public let channel: String
        public let campaign: String
        public var spend = SpendTotals()
    }

    public let model: AttributionModel
    /// Every channel in code order, then unknown channel names of spend rows (sorted).
    public let rows: [Row]
    /// Spend per (channel, campaign), sorted by channel row then campaign.
    public let campaigns: [CampaignRow]

    public init(
        frame: EventFrame, orders: OrderFacts, attribution: Attribution, period: ReportPeriod,
        adSpend: [AdSpend] = []
    ) {
        model = attribution.model
        let traffic = TrafficBreakdown(
            frame: frame, orders: orders, attribution: attribution, period: period, dimension: .channel)
        var rows = traffic.rows.map { Row(channel: $0.name, traffic: $0) }
        // New paying customers: first-ever paid order (earliest paid time, then index) in P.
        let keys = orders.customerKeys(frame: frame)
        var first: [Int64: Int] = [:]
        for i in 0..<orders.orderCount where orders.paidAt[i] >= 0 && keys[i] != 0 {
            if let j = first[keys[i]], orders.paidAt[j] <= orders.paidAt[i] { continue }
            first[keys[i]] = i
        }
        for i in first.values where period.contains(orders.paidAt[i]) {
            rows[Int(attribution.channel[i])].newPayingCustomers += 1
        }
        // Spend.
        var rowOf: [String: Int] = [:]
        for (k, r) in rows.enumerated() { rowOf[r.channel] = k }
        let unknown = Set(adSpend.map(\.channel)).subtracting(rowOf.keys).sorted()
        for name in unknown {
            rowOf[name] = rows.count
            rows.append(Row(channel: name, traffic: TrafficBreakdown.Row(name: name)))
        }
        var campaignTotals: [String: [String: SpendTotals]] = [:]
        for s in adSpend where s.day >= period.firstDay && s.day <= period.lastDay {
            rows[rowOf[s.channel]!].spend.add(s)
            campaignTotals[s.channel, default: [:]][s.campaign, default: SpendTotals()].add(s)
        }
        var campaigns: [CampaignRow] = []
        for r in rows {
            for (name, totals) in (campaignTotals[r.channel] ?? [:]).sorted(by: { $0.key < $1.key }) {
                campaigns.append(CampaignRow(channel: r.channel, campaign: name, spend: totals))
            }
        }
        self.rows = rows
        self.campaigns = campaigns
    }

    /// The row of a channel wire name.
    public subscript(channel: String) -> Row? { rows.first { $0.channel == channel } }
}
