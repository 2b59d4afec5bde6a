import Testing
@testable import Insights

/// The R × FM grid and the CSV row.
@Suite struct RFMSegmentTests {
    @Test func everyCellHasExactlyOneSegment() {
        for r in 1...5 {
            for fm in 1...5 {
                let hits = RFMSegment.rules.filter { $0.r.contains(r) && $0.fm.contains(fm) }
                #expect(hits.count == 1, "cell r=\(r) fm=\(fm): \(hits.map(\.segment))")
            }
        }
        // Every segment owns a cell, and the 125 score triples all map.
        #expect(Set(RFMSegment.grid) == Set(RFMSegment.allCases))
        for r in 1...5 { for f in 1...5 { for m in 1...5 { _ = RFMSegment(r: r, f: f, m: m) } } }
    }

    @Test func namedCells() {
        #expect(RFMSegment(r: 5, f: 5, m: 5) == .champions)
        #expect(RFMSegment(r: 5, f: 1, m: 1) == .new)
        #expect(RFMSegment(r: 1, f: 5, m: 5) == .cantLoseThem)
        #expect(RFMSegment(r: 1, f: 1, m: 1) == .lost)
        #expect(RFMSegment(r: 2, f: 1, m: 2) == .hibernating)  // fm = (1 + 2 + 1) / 2 = 2
        #expect(RFMSegment(r: 3, f: 3, m: 2) == .needAttention)  // fm rounds 2.5 up to 3
        #expect(RFMSegment.fm(f: 4, m: 5) == 5)
    }

    @Test func codesRoundTrip() {
        for (k, s) in RFMSegment.allCases.enumerated() {
            #expect(Int(s.code) == k)
            #expect(RFMSegment(code: s.code) == s)
        }
        #expect(RFMSegment(code: CustomerTable.noSegment) == nil)
        #expect(LifecycleStage.allCases.map(\.code) == [0, 1, 2, 3, 4])
        #expect(PurchaseIntent.allCases.map(\.code) == [0, 1, 2])
    }

    @Test func csvRow() {
        let row = RFMRow(customerID: 42, recencyDays: 3, frequency: 2, monetary: 1990, r: 5, f: 4, m: 3, segment: .potentialLoyalist)
        #expect(RFMRow.csvHeader == "customer_id,recency_days,frequency,monetary,r,f,m,segment")
        #expect(row.csvFields.joined(separator: ",") == "42,3,2,1990,5,4,3,potential_loyalist")
    }

    @Test func quintilesOfTiesAndSmallSets() {
        // numpy.quantile([1, 1, 2, 2, 3, 3], [.2, .4, .6, .8]) = [1, 2, 2, 3]
        let q = Quintiles([3, 1, 2, 2, 1, 3])
        #expect(q.edges == [1, 2, 2, 3])
        #expect([1, 2, 3].map { q.score($0) } == [2, 4, 5])
        #expect(Quintiles([7]).edges == [7, 7, 7, 7])
        #expect(Quintiles([7]).score(7) == 5)
        // Large inputs take the selection path: same edges as a full sort.
        var rng = SplitMix64(seed: 7)
        let values = (0..<10_001).map { _ in Int64(rng.next() % 1000) }
        let sorted = values.sorted()
        let reference = Quintiles.probabilities.map { p -> Double in
            let v = Double(values.count - 1) * p, lo = Int(v.rounded(.down)), g = v - v.rounded(.down)
            let a = sorted[lo], b = sorted[min(lo + 1, values.count - 1)]
            return g >= 0.5 ? Double(b) - Double(b - a) * (1 - g) : Double(a) + Double(b - a) * g
        }
        #expect(Quintiles(values).edges == reference)
    }
}
