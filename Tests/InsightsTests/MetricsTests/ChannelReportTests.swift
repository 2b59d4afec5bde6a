import Testing
@testable import Insights

@Suite struct ChannelReportTests {
    static func report() -> ChannelReport {
        let (f, o) = ChannelShop.make()
        let d0 = Int32(MT.t0 / MT.dayMs)
        let spend = [
            AdSpend(day: d0, channel: "social", campaign: "c-a", spend: 3_000, impressions: 10_000, clicks: 300),
            AdSpend(day: d0 + 1, channel: "social", campaign: "c-b", spend: 1_000, impressions: 5_000, clicks: 100),
            AdSpend(day: d0 + 2, channel: "social", campaign: "c-a", spend: 99_999, impressions: 1, clicks: 1),
            AdSpend(day: d0, channel: "paid_search", campaign: "brand", spend: 5_000, impressions: 2_000, clicks: 3),
            AdSpend(day: d0, channel: "tv", campaign: "gala", spend: 800, impressions: 0, clicks: 0),
        ]
        return ChannelReport(
            frame: f, orders: o, attribution: Attribution(frame: f, orders: o), period: MT.period(0, 1), adSpend: spend)
    }

    @Test func trafficAndAttributedSales() {
        let r = Self.report()
        #expect(r.rows.map(\.channel) == Channel.allCases.map(\.name) + ["tv"])
        let direct = r["direct"]!, social = r["social"]!, search = r["paid_search"]!, email = r["email_sms"]!
        #expect(direct.uv == 2 && direct.sessions == 2 && direct.traffic.addToCartRate == 0.5)
        #expect(social.uv == 2 && social.sessions == 3 && social.traffic.addToCartRate == 1.0 / 3)
        #expect(email.uv == 1 && email.orders == 1 && email.revenue == 3_000 && email.conversionRate == 1)
        #expect(search.uv == 0 && search.orders == 1 && search.revenue == 10_000 && search.conversionRate == 0)
        #expect(direct.orders == 3 && direct.revenue == 3_200 && direct.payingCustomers == 2)
        #expect(social.orders == 1 && social.revenue == 6_000 && social.conversionRate == 0.5)
        #expect(r["kol"]!.uv == 0)
    }

    @Test func spendRatios() {
        let r = Self.report()
        let social = r["social"]!, search = r["paid_search"]!, direct = r["direct"]!
        #expect(social.spend.spend == 4_000 && social.spend.impressions == 15_000 && social.spend.clicks == 400)
        #expect(social.roas == 1.5 && social.cpc == 10 && social.ctr == 400.0 / 15_000)
        #expect(social.newPayingCustomers == 1 && social.cac == 4_000)
        #expect(search.cpc == 1_667 && search.roas == 2 && search.ctr == 3.0 / 2_000)
        #expect(search.newPayingCustomers == 0 && search.cac == 0)      // customer 1 first paid before P
        #expect(direct.newPayingCustomers == 2 && direct.roas == 0 && direct.cpc == 0)
        #expect(r["tv"]!.spend.spend == 800 && r["tv"]!.ctr == 0 && r["tv"]!.revenue == 0)
        #expect(r.campaigns.map { "\($0.channel)/\($0.campaign)" } == ["paid_search/brand", "social/c-a", "social/c-b", "tv/gala"])
        #expect(r.campaigns[1].spend.spend == 3_000 && r.campaigns[1].spend.cpc == 10)
    }

    @Test func deviceBreakdown() {
        let (f, o) = ChannelShop.make()
        let b = TrafficBreakdown(
            frame: f, orders: o, attribution: Attribution(frame: f, orders: o), period: MT.period(0, 1), dimension: .device)
        #expect(b.rows.map(\.name) == Device.allCases.map(\.name))
        let mobile = b["mobile"]!, other = b["other"]!
        #expect(mobile.uv == 1 && mobile.sessions == 1 && mobile.addToCartRate == 1 && mobile.orders == 1 && mobile.paidRevenue == 6_000)
        #expect(other.uv == 3 && other.sessions == 5 && other.addToCartSessions == 1)
        #expect(other.orders == 5 && other.paidRevenue == 16_200 && other.payingCustomers == 3)
        #expect(b["desktop"]!.uv == 0)
    }
}
