/// How the search treats each product candidate.
///
/// A candidate with a single line in the cart (a "local" one) only changes that line. A
/// candidate over several lines is "separable" when what it takes off a line depends on that
/// line alone: a per-unit kind (special price, percent off, member price, a flash sale whose
/// allowance covers every unit) whose cap and budget cannot bind. Candidates over several lines
/// are decided first. Then the lines fall into groups — lines joined by a taken non-separable
/// candidate, whose take depends on all of them — and each group's outcomes are listed on
/// their own, deciding its local candidates.
struct SearchPlan {
    struct Entry {
        var rank: Int
        /// Position in the problem's flat line buffers.
        var position: Int
    }

    /// Non-exclusive product candidates in rank order (indices into `problem.products`).
    let ranked: [Int]
    /// Per rank: one line in this cart.
    let single: [Bool]
    /// Per rank: what it takes off a line depends on that line alone.
    let separable: [Bool]
    /// Ranks decided before the lines (the candidates over several lines), in rank order.
    let decided: [Int]
    /// Per rank: its index in `decided`, or nil for a local candidate.
    let decidedIndex: [Int?]
    /// Per line: its candidates in rank order.
    let lineEntries: [[Entry]]

    init(problem: PricingProblem) {
        let ranked = problem.products.indices.filter { !problem.products[$0].exclusive }
        var single: [Bool] = [], separable: [Bool] = []
        var entries = Array(repeating: [Entry](), count: problem.lineCount)
        for (rank, index) in ranked.enumerated() {
            let candidate = problem.products[index]
            let first = problem.lineIndex[candidate.lines.lowerBound]
            let isSingle = candidate.lines.allSatisfy { problem.lineIndex[$0] == first }
            single.append(isSingle)
            separable.append(isSingle || Self.isSeparable(candidate, problem))
            for position in candidate.lines { entries[problem.lineIndex[position]].append(Entry(rank: rank, position: position)) }
        }
        self.ranked = ranked
        self.single = single
        self.separable = separable
        decided = ranked.indices.filter { !single[$0] }
        var decidedIndex = [Int?](repeating: nil, count: ranked.count)
        for (index, rank) in decided.enumerated() { decidedIndex[rank] = index }
        self.decidedIndex = decidedIndex
        lineEntries = entries
    }

    private static func isSeparable(_ candidate: ProductCandidate, _ problem: PricingProblem) -> Bool {
        var most: Int64 = 0, units: Int64 = 0
        switch candidate.kind {
        case .percent(let basisPoints):
            for position in candidate.lines {
                let line = problem.lineIndex[position]
                most += problem.percentOf(problem.listAmount[line], basisPoints)
            }
            return candidate.cap >= most
        case .unitPrice:
            for position in candidate.lines {
                let line = problem.lineIndex[position]
                units += problem.quantity[line]
                most += problem.quantity[line] * problem.lineDiscount[position]
            }
            return candidate.unitLimit >= units && candidate.cap >= most
        case .quantity, .buyGet, .bundle:
            return false
        }
    }
}
