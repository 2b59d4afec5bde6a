import Insights

/// One cell of the RFM grid of docs/crm.md: its R and FM scores, the segment it belongs to and
/// how many customers of an `rfm` report fall in it.
public struct RFMGridCell: Sendable, Equatable {
    public let r: Int
    public let fm: Int
    /// The segment's wire name (`champions`, `at_risk`, …).
    public let segment: String
    public let customers: Int

    public init(r: Int, fm: Int, segment: String, customers: Int) {
        self.r = r
        self.fm = fm
        self.segment = segment
        self.customers = customers
    }
}

extension AnalyticsService {
    /// The segments' wire names, in the order docs/crm.md lists them (best first).
    public static let rfmSegmentNames: [String] = RFMSegment.allCases.map(\.rawValue)

    /// The 25 cells of the R × FM grid, rows from FM 5 down to FM 1 and R 1…5 within a row, each
    /// with its segment (Insights' `RFMSegment` rules) and the customers of the `rfm` report
    /// `report` (its `customers` rows with `r`, `f`, `m`) that score in it.
    public static func rfmGrid(_ report: ReportValue) -> [RFMGridCell] {
        var counts = [Int](repeating: 0, count: 25)
        if case .array(let rows)? = report["customers"] {
            for row in rows {
                guard case .int(let r)? = row["r"], case .int(let f)? = row["f"], case .int(let m)? = row["m"],
                      (1...5).contains(r), (1...5).contains(f), (1...5).contains(m)
                else { continue }
                counts[(r - 1) * 5 + RFMSegment.fm(f: f, m: m) - 1] += 1
            }
        }
        var cells: [RFMGridCell] = []
        for fm in stride(from: 5, through: 1, by: -1) {
            for r in 1...5 {
                cells.append(RFMGridCell(r: r, fm: fm, segment: RFMSegment(r: r, f: fm, m: fm).rawValue, customers: counts[(r - 1) * 5 + fm - 1]))
            }
        }
        return cells
    }
}
