import Testing
@testable import Insights

@Suite struct SessionCountKPITests {
    @Test func personWithManyInterleavedSessions() {
        // 20 client sessions of one person, each with events on both days, interleaved.
        var events: [TrackedEvent] = []
        for d: Int64 in 0...1 {
            for round: Int64 in 0..<2 {
                for s in 0..<20 {
                    events.append(MT.event(MT.at(d, 1 + round, Int64(s)), round == 1 && s % 4 == 0 ? .addToCart : .pageView,
                                           anon: "bot", session: "s\(s)", channel: s < 5 ? .kol : .direct))
                }
            }
        }
        let f = MT.frame(events)
        let whole = KPIReport(frame: f, orders: OrderFacts(), period: MT.period(0, 1), calendar: MT.utc)
        #expect(whole.sessions == 20 && whole.addToCartRate == 0.25 && whole.uv == 1)
        let days = KPISeries(frame: f, orders: OrderFacts(), period: MT.period(0, 1), calendar: MT.utc, by: .day)
        #expect(days.rows.map(\.kpis.sessions) == [20, 20])
        #expect(days.rows.map(\.kpis.addToCartRate) == [0.25, 0.25])
        let b = TrafficBreakdown(frame: f, orders: OrderFacts(), attribution: Attribution(frame: f, orders: OrderFacts()),
                                 period: MT.period(0, 1), dimension: .channel)
        #expect(b["kol"]!.sessions == 5 && b["direct"]!.sessions == 15 && b["kol"]!.uv == 1 && b["direct"]!.uv == 1)
        #expect(b["kol"]!.addToCartSessions == 2 && b["direct"]!.addToCartSessions == 3)
    }
}
