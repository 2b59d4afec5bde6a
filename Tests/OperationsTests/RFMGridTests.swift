import Operations
import Testing

/// `AnalyticsService.rfmGrid`: the R × FM grid of an `rfm` report with each cell's segment.
@Suite struct RFMGridTests {
    static func row(r: Int, f: Int, m: Int, segment: String) -> ReportValue {
        .object([("customer_id", .int(1)), ("r", .int(r)), ("f", .int(f)), ("m", .int(m)), ("segment", .string(segment))])
    }

    @Test func countsCustomersIntoTheCellsOfTheDocumentedGrid() {
        let report = ReportValue.object([("customers", .array([
            Self.row(r: 5, f: 5, m: 4, segment: "champions"),  // FM = (5 + 4 + 1) / 2 = 5
            Self.row(r: 5, f: 4, m: 3, segment: "champions"),  // FM 4
            Self.row(r: 1, f: 1, m: 2, segment: "lost"),  // FM 2 (half up)
            Self.row(r: 3, f: 3, m: 3, segment: "need_attention"),
            Self.row(r: 3, f: 3, m: 3, segment: "need_attention"),
        ]))])
        let grid = AnalyticsService.rfmGrid(report)
        #expect(grid.count == 25)
        #expect(grid.first == RFMGridCell(r: 1, fm: 5, segment: "cant_lose_them", customers: 0))
        #expect(grid[4] == RFMGridCell(r: 5, fm: 5, segment: "champions", customers: 1))
        #expect(grid.last == RFMGridCell(r: 5, fm: 1, segment: "new", customers: 0))
        #expect(grid.first { $0.r == 5 && $0.fm == 4 }?.customers == 1)
        #expect(grid.first { $0.r == 1 && $0.fm == 2 } == RFMGridCell(r: 1, fm: 2, segment: "lost", customers: 1))
        #expect(grid.first { $0.r == 3 && $0.fm == 3 } == RFMGridCell(r: 3, fm: 3, segment: "need_attention", customers: 2))
        #expect(grid.reduce(0) { $0 + $1.customers } == 5)
        // Every cell's segment agrees with the segment the report gives customers scoring in it.
        #expect(Set(grid.map(\.segment)) == Set(AnalyticsService.rfmSegmentNames))
    }

    @Test func anEmptyReportGivesAnEmptyGrid() {
        let grid = AnalyticsService.rfmGrid(.object([("customers", .array([]))]))
        #expect(grid.count == 25 && grid.allSatisfy { $0.customers == 0 })
    }
}
