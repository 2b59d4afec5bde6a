import Foundation
@testable import Insights

/// Helpers of the metric tests (namespaced: other test files define their own globals).
enum MT {
    static let minute: Int64 = 60_000
    static let hour: Int64 = 60 * minute
    static let dayMs: Int64 = 24 * hour
    /// 2026-11-02 00:00 UTC, a Monday.
    static let t0: Int64 = 1_793_577_600_000
    static let utc = ShopCalendar(timeZone: TimeZone(identifier: "UTC")!)

    /// Instant `d` days after t0 (may be negative) at hh:mm UTC.
    static func at(_ d: Int64, _ h: Int64, _ m: Int64 = 0) -> Int64 { t0 + d * dayMs + h * hour + m * minute }

    /// The local days `t0 + a … t0 + b` inclusive, UTC.
    static func period(_ a: Int32, _ b: Int32, _ calendar: ShopCalendar = utc) -> ReportPeriod {
        let d0 = Int32(t0 / dayMs)
        return ReportPeriod(firstDay: d0 + a, lastDay: d0 + b, calendar: calendar)
    }

    static func event(
        _ t: Int64, _ type: StandardEvent, anon: String? = nil, customer: Int64? = nil, session: String? = nil,
        channel: Channel = .direct, device: Device = .other, sku: Int64? = nil
    ) -> TrackedEvent {
        TrackedEvent(
            timestamp: t, type: type.name, anonymousID: anon, customerID: customer, sessionID: session,
            channel: channel, device: device, skuID: sku)
    }

    static func frame(_ events: [TrackedEvent]) -> EventFrame {
        var log = EventLog()
        for e in events { log.append(e) }
        return log.frame()
    }
}
