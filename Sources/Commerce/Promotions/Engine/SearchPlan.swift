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
    private(set) var ranked: [Int] = []
    /// Per rank: one line in this cart.
    private(set) var single: [Bool] = []
    /// Per rank: what it takes off a line depends on that line alone.
    private(set) var separable: [Bool] = []
    /// Ranks decided before the groups (separable candidates over several lines), in rank order.
    private(set) var decided: [Int] = []
    /// Per rank: its index in `decided`, or nil for a candidate decided within its group.
    private(set) var decidedIndex: [Int?] = []
    /// Number of groups of lines (every line is in exactly one).
    private(set) var groupCount = 0
    // Flat storage: per line its candidates in rank order; per group its lines ascending and
    // its decided candidates (ranks ascending).
    private var entryStart: [Int] = []
    private var entryList: [Entry] = []
    private var groupStart: [Int] = []
    private var groupList: [Int] = []
    private var decidedStart: [Int] = []
    private var decidedList: [Int] = []
    // Working buffers of `reset`, kept for the next call.
    private var sets = UnionFind(count: 0)
    private var fill: [Int] = []
    private var spread: [Int] = []
    private var work: [Int] = []
    private var decides: [Bool] = []

    func entries(_ line: Int) -> ArraySlice<Entry> { entryList[entryStart[line]..<entryStart[line + 1]] }
    /// `entries(line)` as positions for `entry(_:)`, for hot loops (a slice retains the list).
    @inline(__always)
    func entryRange(_ line: Int) -> Range<Int> { entryStart[line]..<entryStart[line + 1] }
    @inline(__always)
    func entry(_ position: Int) -> Entry { entryList[position] }
    func group(_ index: Int) -> ArraySlice<Int> { groupList[groupStart[index]..<groupStart[index + 1]] }
    /// `group(index)` as positions for `groupLine(_:)`.
    @inline(__always)
    func groupRange(_ index: Int) -> Range<Int> { groupStart[index]..<groupStart[index + 1] }
    /// The line at `position` of the flat group list (a position of a `group(_:)` slice), for
    /// hot loops that keep a group's positions rather than its slice (a slice retains the list).
    @inline(__always)
    func groupLine(_ position: Int) -> Int { groupList[position] }
    func groupDecided(_ index: Int) -> ArraySlice<Int> { decidedList[decidedStart[index]..<decidedStart[index + 1]] }

    /// An empty plan (see `reset`).
    init() {}

    /// - Parameter groupLimit: most lines a separable candidate may join into one group.
    init(problem: PricingProblem, groupLimit: Int = SearchPlan.groupLimit) {
        reset(problem: problem, groupLimit: groupLimit)
    }

    /// Plans the search of `problem`, reusing the buffers' storage.
    mutating func reset(problem: PricingProblem, groupLimit: Int = SearchPlan.groupLimit) {
        let lineCount = problem.lineCount
        let products = problem.products, lineIndex = problem.lineIndex
        ranked.removeAll(keepingCapacity: true)
        single.removeAll(keepingCapacity: true)
        separable.removeAll(keepingCapacity: true)
        entryStart.reset(count: lineCount + 1, repeating: 0)
        for index in products.indices where !products[index].exclusive {
            ranked.append(index)
            let candidate = products[index]
            let first = lineIndex[candidate.lines.lowerBound]
            var isSingle = true
            for position in candidate.lines where lineIndex[position] != first { isSingle = false }
            single.append(isSingle)
            separable.append(isSingle || Self.isSeparable(candidate, problem))
            for position in candidate.lines { entryStart[lineIndex[position] + 1] += 1 }
        }
        for line in 0..<lineCount { entryStart[line + 1] += entryStart[line] }
        fill.assign(entryStart)
        entryList.reset(count: entryStart[lineCount], repeating: Entry(rank: 0, position: 0))
        for (rank, index) in ranked.enumerated() {
            for position in products[index].lines {
                let line = lineIndex[position]
                entryList[fill[line]] = Entry(rank: rank, position: position)
                fill[line] += 1
            }
        }
        // Groups: lines joined by non-separable candidates over several lines, and by separable
        // ones while the group stays small; the other separable candidates over several lines
        // are decided first.
        sets.reset(count: lineCount)
        for (rank, index) in ranked.enumerated() where !single[rank] && !separable[rank] {
            sets.join(products[index].lines, lineIndex)
        }
        decides.reset(count: ranked.count, repeating: false)
        var decidedCount = 0
        spread.removeAll(keepingCapacity: true)
        for rank in ranked.indices where !single[rank] && separable[rank] { spread.append(rank) }
        // Stable by line count (ties in rank order), as a sort of the ranks by count would be
        // only if stable: insertion sort, the list is short.
        for current in spread.indices.dropFirst() {
            let rank = spread[current], count = products[ranked[rank]].lines.count
            var position = current
            while position > 0, products[ranked[spread[position - 1]]].lines.count > count {
                spread[position] = spread[position - 1]
                position -= 1
            }
            spread[position] = rank
        }
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
        decided.removeAll(keepingCapacity: true)
        for rank in ranked.indices where decides[rank] { decided.append(rank) }
        decidedIndex.reset(count: ranked.count, repeating: nil)
        for (index, rank) in decided.enumerated() { decidedIndex[rank] = index }
        // Number the groups by their first line; list lines by group (counting sort). `work`
        // holds per line the group of the set it tops (or -1), then per line its group.
        work.reset(count: 2 * lineCount, repeating: -1)
        groupCount = 0
        groupStart.reset(count: lineCount + 1, repeating: 0)
        for line in 0..<lineCount {
            let top = sets.find(line)
            if work[top] < 0 {
                work[top] = groupCount
                groupCount += 1
            }
            work[lineCount + line] = work[top]
            groupStart[work[top] + 1] += 1
        }
        groupStart.truncate(to: groupCount + 1)
        for group in 0..<groupCount { groupStart[group + 1] += groupStart[group] }
        groupList.reset(count: lineCount, repeating: 0)
        fill.assign(groupStart)
        for line in 0..<lineCount {
            let group = work[lineCount + line]
            groupList[fill[group]] = line
            fill[group] += 1
        }
        decidedStart.reset(count: 1, repeating: 0)
        decidedList.removeAll(keepingCapacity: true)
        if decided.isEmpty {
            decidedStart.reset(count: groupCount + 1, repeating: 0)
        } else {
            // Per group, its decided candidates in rank order (a mark per rank, cleared per group).
            work.reset(count: ranked.count, repeating: -1)
            for group in 0..<groupCount {
                for line in groupList[groupStart[group]..<groupStart[group + 1]] {
                    for entry in entryList[entryStart[line]..<entryStart[line + 1]] where decidedIndex[entry.rank] != nil {
                        work[entry.rank] = group
                    }
                }
                for rank in decided where work[rank] == group { decidedList.append(rank) }
                decidedStart.append(decidedList.count)
            }
        }
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
        parent = []
        size = []
        seen = []
        reset(count: count)
    }

    /// `count` sets of one, reusing the storage.
    mutating func reset(count: Int) {
        parent.removeAll(keepingCapacity: true)
        parent.append(contentsOf: 0..<count)
        size.reset(count: count, repeating: 1)
        seen.reset(count: count, repeating: 0)
        stamp = 0
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
