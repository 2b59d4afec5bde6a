import Foundation
import Testing
@testable import Insights

/// The funnels of the reference script's cases (Fixtures/analytics/funnels.json).
@Suite struct FunnelFixtureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let index: Int
        let name: String
        var testDescription: String { "#\(index) \(name)" }
    }

    /// One frame for all cases (built once; the log is deterministic).
    static let frame: EventFrame = {
        var log = try! AnalyticsFixtures.eventLog()
        return log.frame()
    }()

    static func cases() throws -> [[String: Any]] {
        try #require(try AnalyticsFixtures.json("funnels") as? [[String: Any]])
    }

    static let caseList: [Case] = {
        let all = (try? cases()) ?? []
        return all.enumerated().map { Case(index: $0.offset, name: $0.element["name"] as? String ?? "?") }
    }()

    @Test func thereAreCases() throws {
        #expect(try Self.cases().count >= 14)
    }

    /// A fixture step → `FunnelStep` (a type that never occurs gets a code no event has).
    static func step(_ json: [String: Any], _ frame: EventFrame) throws -> FunnelStep {
        let name = try #require(json["type"] as? String)
        let code = frame.typeCode(name) ?? StandardEvent(name: name)?.code ?? 250
        var step = FunnelStep(type: code)
        if let skus = json["sku"] as? [NSNumber] { step.skus = Set(skus.map { $0.int32Value }) }
        if let channel = json["channel"] as? String { step.channel = try #require(Channel(name: channel)) }
        if let device = json["device"] as? String { step.device = try #require(Device(name: device)) }
        return step
    }

    @Test(arguments: caseList)
    func funnelMatchesReference(_ c: Case) throws {
        let json = try Self.cases()[c.index]
        let frame = Self.frame
        let steps = try (json["steps"] as! [[String: Any]]).map { try Self.step($0, frame) }
        let mode = try #require(FunnelMode(rawValue: json["mode"] as! String))
        let breakdown = (json["breakdown"] as? String).map { FunnelBreakdown(rawValue: $0)! }
        let query = FunnelQuery(
            steps: steps, from: (json["from"] as! NSNumber).int64Value, to: (json["to"] as! NSNumber).int64Value,
            windowMs: (json["window_ms"] as! NSNumber).int64Value, mode: mode, breakdown: breakdown)
        let result = query.run(on: frame)
        let expected = json["expected"] as! [String: Any]
        let counts = (expected["steps"] as! [[String: Any]]).map { ($0["count"] as! NSNumber).intValue }

        #expect(result.counts == counts, "counts")
        // Rates follow from the counts.
        for k in counts.indices {
            let fromStart = counts[0] == 0 ? 0 : Double(counts[k]) / Double(counts[0])
            let prev = counts[max(0, k - 1)]
            let fromPrevious = prev == 0 ? 0 : Double(counts[k]) / Double(prev)
            #expect(abs(result.conversionFromStart[k] - fromStart) <= 1e-12, "conversion from start, step \(k + 1)")
            #expect(abs(result.conversionFromPrevious[k] - fromPrevious) <= 1e-12, "conversion from previous, step \(k + 1)")
        }
        #expect(result.conversionFromStart[0] == (counts[0] == 0 ? 0 : 1))

        let wantMedian = (expected["median_time_to_convert_ms"] as? NSNumber)?.doubleValue
        switch (result.medianTimeToConvertMs, wantMedian) {
        case (nil, nil): break
        case (let got?, let want?):
            #expect(got == want || abs(got - want) <= 1e-9 * abs(want), "median time to convert \(got) vs \(want)")
        default:
            Issue.record("median time to convert \(String(describing: result.medianTimeToConvertMs)) vs \(String(describing: wantMedian))")
        }

        if let groups = expected["breakdown"] as? [String: Any] {
            var want: [String: [Int]] = [:]
            for (name, value) in groups { want[name] = (value as! [NSNumber]).map(\.intValue) }
            var got: [String: [Int]] = [:]
            for g in result.groups { got[g.name] = g.steps.counts }
            #expect(got == want, "breakdown groups")
            #expect(result.groups.map(\.code) == result.groups.map(\.code).sorted(), "groups in code order")
        } else {
            #expect(breakdown == nil && result.groups.isEmpty)
        }
    }
}
