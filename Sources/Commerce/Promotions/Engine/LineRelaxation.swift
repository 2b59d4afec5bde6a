/// The bound used while candidates are being decided: for each line, the most its candidates
/// can take off it, by a small dynamic program over the line's candidates in rank order with
/// the line's untaken units as the state, where every undecided candidate may be taken or
/// skipped on each line on its own (a relaxation: a real combination takes or skips a candidate
/// on all its lines at once). Decided candidates are taken or skipped as decided. Local and
/// separable candidates are modelled exactly; a non-separable one over several lines is given
/// the most it could take off the line and assumed to leave every unit for the candidates after
/// it (buy-X-get-Y groups, quantity thresholds and bundle sets counted over all its lines).
struct LineRelaxation {
    enum Decision {
        case open
        case taken
        case skipped
    }

    let problem: PricingProblem
    let plan: SearchPlan
    /// Per rank, for non-separable candidates over several lines: discounted units at most (buy
    /// X get Y), complete sets (bundle), 1 or 0 whether its threshold is reachable (quantity).
    private var reach: [Int64]
    private var units: [Int64] = []
    private var values: [Int64] = []
    private var newUnits: [Int64] = []
    private var newValues: [Int64] = []

    init(problem: PricingProblem, plan: SearchPlan) {
        self.problem = problem
        self.plan = plan
        reach = plan.ranked.map { index in Self.reach(problem.products[index], problem) }
    }

    private static func reach(_ candidate: ProductCandidate, _ problem: PricingProblem) -> Int64 {
        func units(_ lines: Range<Int>) -> Int64 { lines.reduce(0) { $0 + problem.quantity[problem.lineIndex[$1]] } }
        switch candidate.kind {
        case .unitPrice, .percent: return 1
        case .quantity(let minimum, _): return units(candidate.lines) >= minimum ? 1 : 0
        case .buyGet(let buy, let get, _): return units(candidate.lines) / (buy + get) * get
        case .bundle(_, let items): return problem.bundleItems[items].map { units($0.lines) / $0.quantity }.min() ?? 0
        }
    }

    /// The most the candidates can take off `line` (at most its list amount).
    mutating func headroom(_ line: Int, decisions: [Decision]) -> Int64 {
        units.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        units.append(problem.quantity[line])
        values.append(0)
        for entry in plan.lineEntries[line] {
            let decision = decisions[entry.rank]
            guard decision != .skipped else { continue }
            newUnits.removeAll(keepingCapacity: true)
            newValues.removeAll(keepingCapacity: true)
            for state in units.indices {
                let (left, gained, certain) = step(entry, line: line, units: units[state])
                guard gained > 0 else { continue }
                if decision == .taken && certain {
                    units[state] = left
                    values[state] += gained
                } else {
                    newUnits.append(left)
                    newValues.append(values[state] + gained)
                }
            }
            for state in newUnits.indices { insert(units: newUnits[state], value: newValues[state]) }
        }
        return min(values.max() ?? 0, problem.listAmount[line])
    }

    /// Adds a state unless one with at least as many units and as much value exists; drops
    /// the states it dominates (more units never allow less).
    private mutating func insert(units count: Int64, value: Int64) {
        for state in units.indices where units[state] >= count && values[state] >= value { return }
        var state = 0
        while state < units.count {
            if units[state] <= count && values[state] <= value {
                units.remove(at: state)
                values.remove(at: state)
            } else {
                state += 1
            }
        }
        units.append(count)
        values.append(value)
    }

    /// One candidate taken on one line with `available` untaken units: the units left, the most
    /// it takes off, and whether that is certain when it is taken.
    private func step(_ entry: SearchPlan.Entry, line: Int, units available: Int64) -> (Int64, Int64, Bool) {
        guard available > 0 else { return (available, 0, true) }
        let candidate = problem.products[plan.ranked[entry.rank]]
        let exact = plan.separable[entry.rank]
        let price = problem.unitPrice[line]
        var left = available
        var gained: Int64 = 0
        switch candidate.kind {
        case .unitPrice:
            let taken = min(available, candidate.unitLimit)
            gained = taken * problem.lineDiscount[entry.position]
            if exact { left = available - taken }
        case .percent(let basisPoints):
            gained = problem.percentOf(available * price, basisPoints)
            if exact, gained > 0 { left = 0 }
        case .quantity(let minimum, let basisPoints):
            let applies = plan.single[entry.rank] ? available >= minimum : reach[entry.rank] > 0
            gained = applies ? problem.percentOf(available * price, basisPoints) : 0
            if exact, gained > 0 { left = 0 }
        case .buyGet(let buy, let get, let basisPoints):
            if exact {
                let groups = available / (buy + get)
                gained = problem.percentOf(groups * get * price, basisPoints)
                if gained > 0 { left = available - groups * (buy + get) }
            } else {
                gained = problem.percentOf(min(available, reach[entry.rank]) * price, basisPoints)
            }
        case .bundle(let bundlePrice, let items):
            if exact {
                let quantity = problem.bundleItems[items.lowerBound].quantity
                let sets = available / quantity
                gained = max(0, sets * quantity * price - Saturating.multiply(sets, bundlePrice))
                if gained > 0 { left = available - sets * quantity }
            } else {
                let quantity = problem.bundleItems[items].first { $0.lines.contains(entry.position) }?.quantity ?? 1
                gained = min(available, Saturating.multiply(reach[entry.rank], quantity)) * problem.lineBound[entry.position]
            }
        }
        return (left, min(gained, candidate.cap), exact)
    }
}
