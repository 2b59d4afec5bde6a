import Foundation
@testable import Insights

let minute: Int64 = 60_000
let hour: Int64 = 60 * minute
let day: Int64 = 24 * hour
/// 2026-11-02 00:00 UTC (a Monday).
let t0: Int64 = 1_793_577_600_000

/// A log from (minute offset, type, anonymous, customer) rows with optional extras.
func makeLog(_ rows: [(Int64, String, String?, Int64?)], channel: Channel = .direct) -> EventLog {
    var log = EventLog()
    for (m, type, anon, customer) in rows {
        log.append(TrackedEvent(timestamp: t0 + m * minute, type: type, anonymousID: anon, customerID: customer, channel: channel))
    }
    return log
}

/// Event types of person p as names.
func types(_ frame: EventFrame, _ p: Int32) -> [String] {
    frame.events(of: Int(p)).map { frame.typeName(frame.type[$0]) ?? "?" }
}
