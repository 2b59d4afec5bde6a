/// The bound used while candidates are being decided: for each line, the most its candidates
/// can take off it, by a small dynamic program over the line's candidates in rank order with
/// the line's untaken units as the state, where every undecided candidate may be taken or
/// skipped on each line on its own (a relaxation: a real combination takes or skips a candidate
/// on all its lines at once). Decided candidates are taken or skipped as decided. Local
/// candidates are modelled exactly, and so is which units a special price or percent takes;
/// otherwise a candidate over several lines is given the most it could take off the line and,
/// where its take depends on the other lines (flash allowance, buy-X-get-Y groups, bundle sets,
/// quantity thresholds), may or may not apply even when taken, leaving every unit it might
/// not use to the candidates after it.
struct LineRelaxation {
    enum Decision {
        case open
        case taken
        case skipped
    }

    /// What one candidate can do on one line, flattened for the hot loop.
    private struct Step {
        enum Kind: UInt8 { case unitPrice, percent, quantity, buyGet, bundle }
        var rank: Int
        var kind: Kind
        var single: Bool
        /// unitPrice: per-unit discount; percent, quantity, buyGet: basis points; bundle: per-unit
        /// bound (over several lines) or bundle price (one line).
        var first: Int64
        /// unitPrice: unit limit; quantity: minimum; buyGet: buy + get; bundle: units per set.
        var second: Int64
        /// buyGet: get.
        var third: Int64
        /// Per candidate over several lines: discounted units at most (buy X get Y), complete
        /// sets (bundle), 1 or 0 whether its threshold is reachable (quantity).
        var reach: Int64
        var cap: Int64
    }

    private var unitPrice: [Int64] = []
    private var quantity: [Int64] = []
    private var listAmount: [Int64] = []
    private var stepStart: [Int] = []
    private var steps: [Step] = []
    // The dynamic program's states (units left, value) and the new ones of a step: the first
    // `stateCount` / `newCount` entries count. They are rewritten at every step of every
    // `headroom`, so they live in one block written through plain pointers (an array write
    // would check that its storage is unshared every time). Safe because the block belongs to
    // this relaxation alone (`stateStorage`; it lives in one search, in one call's hands at a
    // time), `push` grows it (copying all four lists and taking the pointers again) before a
    // state would pass `stateCapacity`, and a step adds at most one new state per state.
    private var stateStorage: BoundsStorage?
    private var stateCapacity = 0
    private var units = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var values = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var stateCount = 0
    private var newUnits = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var newValues = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var newCount = 0

    /// An empty relaxation (see `reset`).
    init() {}

    init(problem: PricingProblem, plan: SearchPlan) {
        reset(problem: problem, plan: plan)
    }

    /// Prepares the relaxation of `problem`, reusing the buffers' storage.
    mutating func reset(problem: PricingProblem, plan: SearchPlan) {
        decisions.reset(count: plan.ranked.count, repeating: .open)
        unitPrice = problem.unitPrice
        quantity = problem.quantity
        listAmount = problem.listAmount
        func units(_ lines: Range<Int>) -> Int64 { lines.reduce(0) { $0 + problem.quantity[problem.lineIndex[$1]] } }
        stepStart.reset(count: 1, repeating: 0)
        steps.removeAll(keepingCapacity: true)
        // Only needed when candidates are decided before the groups.
        for line in 0..<(plan.decided.isEmpty ? 0 : problem.lineCount) {
            for entry in plan.entries(line) {
                let candidate = problem.products[plan.ranked[entry.rank]]
                var step = Step(rank: entry.rank, kind: .unitPrice, single: plan.single[entry.rank], first: 0, second: 0, third: 0, reach: 1, cap: candidate.cap)
                switch candidate.kind {
                case .unitPrice:
                    step.first = problem.lineDiscount[entry.position]
                    step.second = candidate.unitLimit
                case .percent(let basisPoints):
                    step.kind = .percent
                    step.first = basisPoints
                case .quantity(let minimum, let basisPoints):
                    step.kind = .quantity
                    step.first = basisPoints
                    step.second = minimum
                    step.reach = units(candidate.lines) >= minimum ? 1 : 0
                case .buyGet(let buy, let get, let basisPoints):
                    step.kind = .buyGet
                    step.first = basisPoints
                    step.second = buy + get
                    step.third = get
                    step.reach = units(candidate.lines) / (buy + get) * get
                case .bundle(let price, let items):
                    step.kind = .bundle
                    let item = problem.bundleItems[items].first { $0.lines.contains(entry.position) }!
                    step.first = step.single ? price : problem.lineBound[entry.position]
                    step.second = item.quantity
                    var sets = Int64.max
                    for item in problem.bundleItems[items] { sets = min(sets, units(item.lines) / item.quantity) }
                    step.reach = sets == Int64.max ? 0 : sets
                }
                steps.append(step)
            }
            stepStart.append(steps.count)
        }
    }

    /// Drops the arrays shared with the last problem.
    mutating func finish() {
        unitPrice = []
        quantity = []
        listAmount = []
    }

    /// The most the candidates can take off `line` (at most its list amount).
    /// Per rank: the search's decision (open for candidates decided within their group).
    var decisions: [Decision] = []

    mutating func headroom(_ line: Int) -> Int64 {
        stateCount = 0
        push(quantity[line], 0)
        let price = unitPrice[line]
        for index in stepStart[line]..<stepStart[line + 1] {
            let step = steps[index]
            let decision = decisions[step.rank]
            guard decision != .skipped else { continue }
            newCount = 0
            for state in 0..<stateCount {
                let (left, gained, certain) = Self.apply(step, price: price, units: units[state])
                guard gained > 0 else { continue }
                if decision == .taken && certain {
                    units[state] = left
                    values[state] += gained
                } else {
                    // newCount ≤ state < stateCount ≤ stateCapacity: within the block.
                    newUnits[newCount] = left
                    newValues[newCount] = values[state] + gained
                    newCount += 1
                }
            }
            for state in 0..<newCount { insert(units: newUnits[state], value: newValues[state]) }
        }
        var most: Int64 = 0
        for state in 0..<stateCount { most = max(most, values[state]) }
        return min(most, listAmount[line])
    }

    private mutating func push(_ count: Int64, _ value: Int64) {
        if stateCount == stateCapacity { grow() }
        units[stateCount] = count
        values[stateCount] = value
        stateCount += 1
    }

    /// Doubles the room for states, keeping the four lists' contents.
    private mutating func grow() {
        let storage = BoundsStorage(capacity: 4 * max(8, 2 * stateCapacity))
        let capacity = storage.capacity / 4
        let block = storage.block
        if stateCapacity > 0 {
            for (offset, list) in [units, values, newUnits, newValues].enumerated() {
                (block + offset * capacity).update(from: list, count: stateCapacity)
            }
        }
        (units, values, newUnits, newValues) = (block, block + capacity, block + 2 * capacity, block + 3 * capacity)
        stateStorage = storage
        stateCapacity = capacity
    }

    /// Adds a state unless one with at least as many units and as much value exists; drops
    /// the states it dominates (more units never allow less).
    private mutating func insert(units count: Int64, value: Int64) {
        for state in 0..<stateCount where units[state] >= count && values[state] >= value { return }
        // Drop the dominated states, keeping the others in order.
        var kept = 0
        for state in 0..<stateCount where !(units[state] <= count && values[state] <= value) {
            units[kept] = units[state]
            values[kept] = values[state]
            kept += 1
        }
        stateCount = kept
        push(count, value)
    }

    /// One candidate taken on one line with `available` untaken units: the units left, the most
    /// it takes off, and whether, when it is taken, it surely takes that off this line.
    private static func apply(_ step: Step, price: Int64, units available: Int64) -> (Int64, Int64, Bool) {
        guard available > 0 else { return (available, 0, true) }
        var left = available
        var gained: Int64 = 0
        var certain = true
        switch step.kind {
        case .unitPrice:
            // Without an allowance it takes the whole line; a flash allowance shared with other
            // lines may leave it fewer units here.
            let taken = min(available, step.second)
            gained = taken * step.first
            if step.single || step.second == Int64.max { left = available - taken } else { certain = false }
        case .percent:
            // A percent takes a whole line it takes anything off, whatever its cap leaves.
            gained = percentOf(available * price, step.first)
            if gained > 0 { left = 0 }
        case .quantity:
            // All or nothing over its lines: whether it applies depends on the other lines.
            let applies = step.single ? available >= step.second : step.reach > 0
            gained = applies ? percentOf(available * price, step.first) : 0
            if gained > 0 { left = 0 }
            certain = step.single
        case .buyGet:
            if step.single {
                let groups = available / step.second
                gained = percentOf(groups * step.third * price, step.first)
                if gained > 0 { left = available - groups * step.second }
            } else {
                gained = percentOf(min(available, step.reach) * price, step.first)
                certain = false
            }
        case .bundle:
            if step.single {
                let sets = available / step.second
                gained = max(0, sets * step.second * price - Saturating.multiply(sets, step.first))
                if gained > 0 { left = available - sets * step.second }
            } else {
                gained = min(available, Saturating.multiply(step.reach, step.second)) * step.first
                certain = false
            }
        }
        return (left, min(gained, step.cap), certain)
    }

    @inline(__always)
    private static func percentOf(_ amount: Int64, _ basisPoints: Int64) -> Int64 {
        Allocation.multiplyDivide(amount, basisPoints, 10_000).0
    }
}
