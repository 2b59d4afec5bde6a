/// RFM segments of the R × FM grid (docs/crm.md, "Segments"): R is the recency score and FM the
/// mean of the frequency and monetary scores rounded half up, `(f + m + 1) / 2`.
///
/// Every (r, fm) cell of the 5 × 5 grid belongs to exactly one segment (`rules`).
public enum RFMSegment: String, CaseIterable, Sendable, Codable {
    case champions
    case loyal
    case potentialLoyalist = "potential_loyalist"
    case new
    case promising
    case needAttention = "need_attention"
    case aboutToSleep = "about_to_sleep"
    case atRisk = "at_risk"
    case cantLoseThem = "cant_lose_them"
    case hibernating
    case lost

    /// The grid as rules: a segment holds the cells with r in `r` and fm in `fm`.
    public static let rules: [(segment: RFMSegment, r: ClosedRange<Int>, fm: ClosedRange<Int>)] = [
        (.champions, 5...5, 4...5),
        (.loyal, 3...4, 4...5),
        (.potentialLoyalist, 4...5, 2...3),
        (.new, 5...5, 1...1),
        (.promising, 4...4, 1...1),
        (.needAttention, 3...3, 3...3),
        (.aboutToSleep, 3...3, 1...2),
        (.atRisk, 1...2, 3...4),
        (.cantLoseThem, 1...2, 5...5),
        (.hibernating, 2...2, 1...2),
        (.lost, 1...1, 1...2),
    ]

    /// Segment of each cell, `grid[(r - 1) * 5 + (fm - 1)]`.
    static let grid: [RFMSegment] = {
        var cells = [RFMSegment?](repeating: nil, count: 25)
        for rule in rules {
            for r in rule.r { for fm in rule.fm { cells[(r - 1) * 5 + fm - 1] = rule.segment } }
        }
        return cells.map { $0! }
    }()

    /// FM score: mean of F and M rounded half up.
    @inline(__always)
    public static func fm(f: Int, m: Int) -> Int { (f + m + 1) / 2 }

    /// The segment of scores r, f, m (each 1…5).
    @inline(__always)
    public init(r: Int, f: Int, m: Int) {
        self = Self.grid[(r - 1) * 5 + Self.fm(f: f, m: m) - 1]
    }

    /// Position in `allCases` (the integer code a `CustomerTable` stores).
    public var code: UInt8 {
        switch self {
        case .champions: 0
        case .loyal: 1
        case .potentialLoyalist: 2
        case .new: 3
        case .promising: 4
        case .needAttention: 5
        case .aboutToSleep: 6
        case .atRisk: 7
        case .cantLoseThem: 8
        case .hibernating: 9
        case .lost: 10
        }
    }

    /// The segment with this code; nil when out of range.
    public init?(code: UInt8) {
        guard Int(code) < Self.allCases.count else { return nil }
        self = Self.allCases[Int(code)]
    }
}
