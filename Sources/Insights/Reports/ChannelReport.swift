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

    /// A campaign: its spend, and the paid orders credited to sessions that came from it.
    public struct CampaignRow: Sendable, Equatable {
        public let channel: String
        public let campaign: String
        public var spend = SpendTotals()
        public var orders = 0
        public var revenue: Int64 = 0
        public var newPayingCustomers = 0

        /// Revenue ÷ spend (0 without spend).
        public var roas: Double { MoneyMath.rate(revenue, spend.spend) }
        /// Spend ÷ new paying customers, minor units.
        public var cac: Int64 { MoneyMath.ratio(spend.spend, Int64(newPayingCustomers)) }
    }

    public let model: AttributionModel
    /// Every channel in code order, then unknown channel names of spend rows (sorted).
    public let rows: [Row]
    /// Spend and credited orders per (channel, campaign), sorted by channel row then campaign.
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
        let newCustomerOrders = Set(first.values.filter { period.contains(orders.paidAt[$0]) })
        for i in newCustomerOrders { rows[Int(attribution.channel[i])].newPayingCustomers += 1 }
        // Orders paid in P whose credited session came from a campaign.
        struct CampaignKey: Hashable { let channel: String, campaign: String }
        var credited: [CampaignKey: CampaignRow] = [:]
        for i in 0..<orders.orderCount where orders.paidAt[i] >= 0 && period.contains(orders.paidAt[i]) {
            let session = attribution.session[i]
            guard session >= 0, let campaign = frame.campaign(ofSession: session) else { continue }
            let key = CampaignKey(channel: attribution.channelOf(order: i).name, campaign: campaign)
            var row = credited[key] ?? CampaignRow(channel: key.channel, campaign: campaign)
            row.orders += 1
            row.revenue += orders.total[i]
            if newCustomerOrders.contains(i) { row.newPayingCustomers += 1 }
            credited[key] = row
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
        for (channel, byCampaign) in campaignTotals {
            for (campaign, totals) in byCampaign {
                let key = CampaignKey(channel: channel, campaign: campaign)
                var row = credited[key] ?? CampaignRow(channel: channel, campaign: campaign)
                row.spend = totals
                credited[key] = row
            }
        }
        var campaigns: [CampaignRow] = []
        for r in rows {
            campaigns += credited.values.filter { $0.channel == r.channel }.sorted { $0.campaign < $1.campaign }
        }
        self.rows = rows
        self.campaigns = campaigns
    }

    /// The row of a channel wire name.
    public subscript(channel: String) -> Row? { rows.first { $0.channel == channel } }
}
