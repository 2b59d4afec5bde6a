/// How the search treats each product candidate.
///
/// A candidate with a single line in the cart (a "local" one) only changes that line. A
/// candidate over several lines is "separable" when what it takes off a line depends on that
/// line alone: a per-unit kind (special price, percent off, member price, a flash sale whose
/// allowance covers every unit) whose cap and budget cannot bind. Separable candidates over
/// several lines that would make a group too big are decided first (their one decision binds
/// all their lines). The lines fall into fixed groups — lines joined by non-separable candidates
/// over several lines (buy X get Y, quantity discounts, bundles, capped percents, flash sales
/// short of allowance), whose take depends on all their lines, and by the other separable ones —
/// and each group's outcomes are then listed on their own, taking or skipping its candidates.
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
    /// Ranks decided before the groups (separable candidates over several lines), in rank order.
    let decided: [Int]
    /// Per rank: its index in `decided`, or nil for a candidate decided within its group.
    let decidedIndex: [Int?]
    /// Number of groups of lines (every line is in exactly one).
    let groupCount: Int
    // Flat storage: per line its candidates in rank order; per group its lines ascending and
    // its decided candidates (ranks ascending).
    private let entryStart: [Int]
    private let entryList: [Entry]
    private let groupStart: [Int]
    private let groupList: [Int]
    private let decidedStart: [Int]
    private let decidedList: [Int]

    func entries(_ line: Int) -> ArraySlice<Entry> { entryList[entryStart[line]..<entryStart[line + 1]] }
    func group(_ index: Int) -> ArraySlice<Int> { groupList[groupStart[index]..<groupStart[index + 1]] }
    func groupDecided(_ index: Int) -> ArraySlice<Int> { decidedList[decidedStart[index]..<decidedStart[index + 1]] }

    /// - Parameter groupLimit: most lines a separable candidate may join into one group.
    init(problem: PricingProblem, groupLimit: Int = SearchPlan.groupLimit) {
        let lineCount = problem.lineCount
        let products = problem.products, lineIndex = problem.lineIndex
        let ranked = products.indices.filter { !products[$0].exclusive }
        var single: [Bool] = [], separable: [Bool] = []
        single.reserveCapacity(ranked.count)
        separable.reserveCapacity(ranked.count)
        var counts = Array(repeating: 0, count: lineCount + 1)
        for index in ranked {
            let candidate = products[index]
            let first = lineIndex[candidate.lines.lowerBound]
            let isSingle = candidate.lines.allSatisfy { lineIndex[$0] == first }
            single.append(isSingle)
            separable.append(isSingle || Self.isSeparable(candidate, problem))
            for position in candidate.lines { counts[lineIndex[position] + 1] += 1 }
        }
        for line in 0..<lineCount { counts[line + 1] += counts[line] }
        var fill = counts
        var list = Array(repeating: Entry(rank: 0, position: 0), count: counts[lineCount])
        for (rank, index) in ranked.enumerated() {
            for position in products[index].lines {
                let line = lineIndex[position]
                list[fill[line]] = Entry(rank: rank, position: position)
                fill[line] += 1
            }
        }
        self.ranked = ranked
        self.single = single
        self.separable = separable
        entryStart = counts
        entryList = list
        // Groups: lines joined by non-separable candidates over several lines, and by separable
        // ones while the group stays small; the other separable candidates over several lines
        // are decided first.
        var sets = UnionFind(count: lineCount)
        for (rank, index) in ranked.enumerated() where !single[rank] && !separable[rank] {
            sets.join(products[index].lines, lineIndex)
        }
        var decides = Array(repeating: false, count: ranked.count)
        var decidedCount = 0
        let spread = ranked.indices.filter { !single[$0] && separable[$0] }
            .sorted { products[ranked[$0]].lines.count < products[ranked[$1]].lines.count }
        for rank in spread {
            let lines = products[ranked[rank]].lines
            // (Past `Flags.capacity` decided candidates, the rest join groups whatever their size.)
            if sets.joinedSize(lines, lineIndex) <= groupLimit || decidedCount == Flags.capacity {
                sets.join(lines, lineIndex)
            } else {
                decides[rank] = true
                decidedCount += 1
            }
        }
        decided = ranked.indices.filter { decides[$0] }
        var decidedIndex = [Int?](repeating: nil, count: ranked.count)
        for (index, rank) in decided.enumerated() { decidedIndex[rank] = index }
        self.decidedIndex = decidedIndex
        // Number the groups by their first line; list lines by group (counting sort).
        var groupOf = Array(repeating: -1, count: lineCount)
        var groupCount = 0
        var lineGroup = Array(repeating: 0, count: lineCount)
        var groupStart = Array(repeating: 0, count: lineCount + 1)
        for line in 0..<lineCount {
            let top = sets.find(line)
            if groupOf[top] < 0 {
                groupOf[top] = groupCount
                groupCount += 1
            }
            lineGroup[line] = groupOf[top]
            groupStart[groupOf[top] + 1] += 1
        }
        groupStart.removeSubrange((groupCount + 1)...)
        for group in 0..<groupCount { groupStart[group + 1] += groupStart[group] }
        var groupList = Array(repeating: 0, count: lineCount)
        var next = groupStart
        for line in 0..<lineCount {
            groupList[next[lineGroup[line]]] = line
            next[lineGroup[line]] += 1
        }
        var decidedStart = [0], decidedList: [Int] = []
        if decided.isEmpty {
            decidedStart = Array(repeating: 0, count: groupCount + 1)
        } else {
            // Per group, its decided candidates in rank order (a mark per rank, cleared per group).
            var seen = Array(repeating: -1, count: ranked.count)
            for group in 0..<groupCount {
                for line in groupList[groupStart[group]..<groupStart[group + 1]] {
                    for entry in list[counts[line]..<counts[line + 1]] where decidedIndex[entry.rank] != nil { seen[entry.rank] = group }
                }
                for rank in decided where seen[rank] == group { decidedList.append(rank) }
                decidedStart.append(decidedList.count)
            }
        }
        self.groupCount = groupCount
        self.groupStart = groupStart
        self.groupList = groupList
        self.decidedStart = decidedStart
        self.decidedList = decidedList
    }

    /// Most lines a separable candidate may join into one group (beyond, it is decided first).
    static let groupLimit = 6

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

/// Disjoint sets of lines with their sizes.
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]
    /// Per set: the last `joinedSize` call that counted it.
    private var seen: [Int]
    private var stamp = 0

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
        seen = Array(repeating: 0, count: count)
    }

    mutating func find(_ element: Int) -> Int {
        var element = element
        while parent[element] != element {
            parent[element] = parent[parent[element]]
            element = parent[element]
        }
        return element
    }

    /// Joins the lines at `positions` (flat-buffer positions mapped by `lineIndex`).
    mutating func join(_ positions: Range<Int>, _ lineIndex: [Int]) {
        var first = find(lineIndex[positions.lowerBound])
        for position in positions {
            let top = find(lineIndex[position])
            guard top != first else { continue }
            if size[top] > size[first] {
                parent[first] = top
                size[top] += size[first]
                first = top
            } else {
                parent[top] = first
                size[first] += size[top]
            }
        }
    }

    /// The size of the set joining those lines would make.
    mutating func joinedSize(_ positions: Range<Int>, _ lineIndex: [Int]) -> Int {
        stamp += 1
        var total = 0
        for position in positions {
            let top = find(lineIndex[position])
            if seen[top] != stamp {
                seen[top] = stamp
                total += size[top]
            }
        }
        return total
    }
}
