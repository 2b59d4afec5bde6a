import Foundation
import Testing
@testable import Insights

/// Every attempt kept explicitly (no pruning): the literal reading of the ordered/strict rules.
func naiveFunnel(_ events: [(t: Int64, type: UInt8)], steps: [UInt8], window: Int64, strict: Bool) -> (reached: Int, convert: Int64?) {
    var attempts: [(start: Int64, step: Int, alive: Bool)] = []
    var reached = -1
    var convert: Int64? = nil
    for (t, type) in events {
        var completedNow: [Int64] = []
        for i in attempts.indices where attempts[i].alive && attempts[i].step < steps.count - 1 {
            let next = attempts[i].step + 1
            if steps[next] == type && t - attempts[i].start <= window {
                attempts[i].step = next
                reached = max(reached, next)
                if next == steps.count - 1 { completedNow.append(t - attempts[i].start) }
            } else if strict {
                attempts[i].alive = false
            }
        }
        if convert == nil, let shortest = completedNow.min() { convert = shortest }
        if steps[0] == type {
            attempts.append((t, 0, true))
            reached = max(reached, 0)
        }
    }
    return (reached, convert)
}

@Test(arguments: [false, true])
func funnelsMatchTheNaiveAttemptSimulation(strict: Bool) {
    var rng = SplitMix64(seed: strict ? 7 : 3)
    for round in 0..<60 {
        let people = 1 + rng.below(30)
        let stepCount = 2 + rng.below(4)
        let steps = (0..<stepCount).map { _ in UInt8(1 + rng.below(4)) }
        let window = Int64(1 + rng.below(20)) * minute
        var perPerson: [[E]] = []
        for _ in 0..<people {
            perPerson.append((0..<rng.below(14)).map { _ in
                E(Int64(rng.below(40)), StandardEvent(rawValue: UInt8(1 + rng.below(5)))!)
            })
        }
        let frame = frameOf(perPerson)
        let result = funnel(frame, steps.map { FunnelStep(type: $0) }, mode: strict ? .strict : .ordered, windowMs: window)
        var expected = [Int](repeating: 0, count: stepCount)
        var times: [Int64] = []
        for p in 0..<frame.personCount {
            let events = frame.events(of: p).map { (t: frame.time[$0], type: frame.type[$0]) }
            let (reached, convert) = naiveFunnel(events, steps: steps, window: window, strict: strict)
            if reached >= 0 { for k in 0...reached { expected[k] += 1 } }
            if let convert { times.append(convert) }
        }
        #expect(result.counts == expected, "round \(round) steps \(steps)")
        #expect(result.medianTimeToConvertMs == FunnelEngine.median(&times), "round \(round)")
    }
}

@Test(arguments: CalendarPeriod.allCases)
func retentionMatchesNaiveBucketing(period: CalendarPeriod) {
    let berlin = ShopCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
    var rng = SplitMix64(seed: 11)
    let from = Int64(ShopCalendar.daysFromCivil(2026, 2, 20)) * day  // spans the March DST change
    let to = from + 80 * day
    var perPerson: [[E]] = []
    for _ in 0..<300 {
        perPerson.append((0..<(1 + rng.below(8))).map { _ in
            E(ms: from - 5 * day + Int64(rng.below(90 * 24)) * hour + Int64(rng.below(3600)) * 1000,
              rng.below(3) == 0 ? .orderPaid : .pageView)
        })
    }
    let frame = frameOf(perPerson)
    for mode in RetentionMode.allCases {
        for returnType: UInt8? in [nil, StandardEvent.orderPaid.rawValue] {
            let m = RetentionQuery(calendar: berlin, period: period, from: from, to: to, returnType: returnType, mode: mode).run(on: frame)
            let first = berlin.bucket(from, period), last = berlin.bucket(to - 1, period)
            var expected: [[Int]] = (first...last).map { c in [Int](repeating: 0, count: Int(last - c) + 1) }
            for p in 0..<frame.personCount {
                let range = frame.events(of: p)
                let t0 = frame.time[range.lowerBound]
                guard t0 >= from && t0 < to else { continue }
                let c = Int(berlin.bucket(t0, period) - first)
                var periods = Set<Int>()
                for e in range where frame.time[e] < to && (returnType == nil || frame.type[e] == returnType) {
                    periods.insert(Int(berlin.bucket(frame.time[e], period) - first) - c)
                }
                expected[c][0] += 1
                for n in 1..<expected[c].count {
                    let hit = mode == .bounded ? periods.contains(n) : periods.contains { $0 >= n }
                    if hit { expected[c][n] += 1 }
                }
            }
            #expect(m.cohorts.map(\.retained) == expected, "\(period) \(mode) \(String(describing: returnType))")
            #expect(m.cohorts.map(\.label) == (first...last).map { berlin.label($0, period) })
        }
    }
}

@Test func logAndIntegerColumnsAgree() {
    var rng = SplitMix64(seed: 5)
    var log = EventLog()
    var person: [Int32] = [], time: [Int64] = [], type: [UInt8] = [], channel: [UInt8] = []
    for _ in 0..<2000 {
        let p = rng.below(50)
        let t = t0 + Int64(rng.below(6 * 60)) * minute
        let code = UInt8(1 + rng.below(8))
        let ch = UInt8(rng.below(9))
        log.append(TrackedEvent(timestamp: t, type: StandardEvent(rawValue: code)!.name, anonymousID: "a\(p)", channel: Channel(rawValue: ch)!))
        person.append(Int32(p)); time.append(t); type.append(code); channel.append(ch)
    }
    let a = log.frame()
    // The log numbers people by first arrival; renumber the integer ids the same way.
    var renumber = [Int32: Int32]()
    for p in person where renumber[p] == nil { renumber[p] = Int32(renumber.count) }
    let b = EventFrame(personCount: renumber.count, person: person.map { renumber[$0]! }, time: time, type: type, channel: channel)
    #expect(a.personStart == b.personStart)
    #expect(a.time == b.time && a.type == b.type && a.session == b.session)
    #expect(a.sessionChannel == b.sessionChannel)
    for p in 0..<a.personCount {
        let r = a.events(of: p)
        #expect(zip(r.dropFirst(), r).allSatisfy { a.time[$0.0] >= a.time[$0.1] })
    }
}
