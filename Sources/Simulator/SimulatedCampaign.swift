import Commerce
import Foundation
import Insights
import Operations
import Persistence

/// The CRM campaign the simulated shop runs three weeks before its end: lapsed buyers (no order
/// for 21 days) get an SMS, 20 % of them are held out, and the reached customers come back more
/// often for two weeks, so the campaign's result has a real uplift to find.
struct SimulatedCampaign: Sendable {
    static let daysBeforeEnd = 21
    static let lastingDays = 14
    /// How much more often a reached customer comes back while the campaign lasts.
    static let comeback = 2.0

    /// The day the campaign launches, counted from the first day (nil if the window is too short).
    static func launchDay(days: Int) -> Int? {
        days > daysBeforeEnd + 21 ? days - daysBeforeEnd : nil
    }

    /// Saves the segment and launches the campaign at `start` through the same use cases as the
    /// API; returns the customer ids it reached (targets whose message was sent; one in ten
    /// simulated customers has no phone number).
    static func launch(_ yunying: Yunying, shop: ShopInfo, at start: Int64) async throws -> Set<Int64> {
        let clock = ManualTime(Instant(millisecondsSinceEpoch: start))
        let operator_ = Yunying(store: yunying.store, time: clock)
        let segment = try await operator_.segments.create(shop, json: Array(#"""
            {"name": "Lapsed buyers", "rules": {"all": [{"field": "orders", "op": ">=", "value": 1},
                                                        {"field": "days_since_last_order", "op": ">=", "value": 21}]}}
            """#.utf8))
        let campaign = try await operator_.campaigns.launch(shop, json: Array(#"""
            {"name": "Win back lapsed buyers", "segment_id": "seg_\#(segment.id)", "holdout_percent": 20, "attribution_days": 14,
             "action": {"type": "message", "channel": "sms", "template": "{{name}}, we miss you: free shipping on your next order this fortnight"}}
            """#.utf8))
        _ = try await operator_.delivery.deliver(limit: 100_000)
        return Set(try await yunying.store.outbox(shop.id, campaignID: campaign.id).filter { $0.status == "sent" }.map(\.customerID))
    }
}
