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

/// One test event: minutes after t0 (or exact ms via `ms`), type, optional sku/channel/device.
struct E {
    var ms: Int64
    var type: StandardEvent
    var sku: Int32 = 0
    var channel: Channel = .direct
    var device: Device = .other
    init(_ minutes: Int64, _ type: StandardEvent, sku: Int32 = 0, channel: Channel = .direct, device: Device = .other) {
        ms = t0 + minutes * minute
        self.type = type
        self.sku = sku
        self.channel = channel
        self.device = device
    }
    init(ms: Int64, _ type: StandardEvent) {
        self.ms = ms
        self.type = type
    }
}

/// A frame from one event list per person (arrival order as listed, people interleaved).
func frameOf(_ people: [[E]]) -> EventFrame {
    var person: [Int32] = [], time: [Int64] = [], type: [UInt8] = [], sku: [Int32] = []
    var channel: [UInt8] = [], device: [UInt8] = []
    for (p, events) in people.enumerated() {
        for e in events {
            person.append(Int32(p)); time.append(e.ms); type.append(e.type.rawValue); sku.append(e.sku)
            channel.append(e.channel.rawValue); device.append(e.device.rawValue)
        }
    }
    return EventFrame(personCount: people.count, person: person, time: time, type: type, sku: sku, channel: channel, device: device)
}

func funnel(
    _ frame: EventFrame, _ steps: [FunnelStep], mode: FunnelMode = .ordered, windowMs: Int64 = FunnelQuery.defaultWindowMs,
    from: Int64 = t0 - 100 * day, to: Int64 = t0 + 100 * day, breakdown: FunnelBreakdown? = nil
) -> FunnelResult {
    FunnelQuery(steps: steps, from: from, to: to, windowMs: windowMs, mode: mode, breakdown: breakdown).run(on: frame)
}
