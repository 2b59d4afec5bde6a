/// A set of small indices (the decided candidates that take something off), inline for the
/// first 128 so that copying one allocates nothing.
struct Flags: Equatable, Hashable, Comparable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var more: [UInt64] = []

    init(count: Int) {
        if count > 128 { more = Array(repeating: 0, count: (count - 128 + 63) / 64) }
    }

    mutating func insert(_ index: Int) {
        switch index {
        case ..<64: low |= 1 << UInt64(index)
        case ..<128: high |= 1 << UInt64(index - 64)
        default: more[(index - 128) / 64] |= 1 << UInt64((index - 128) % 64)
        }
    }

    mutating func formUnion(_ other: Flags) {
        low |= other.low
        high |= other.high
        for index in more.indices { more[index] |= other.more[index] }
    }

    func isSuperset(of other: Flags) -> Bool {
        low & other.low == other.low && high & other.high == other.high
            && more.indices.allSatisfy { more[$0] & other.more[$0] == other.more[$0] }
    }

    static func < (lhs: Flags, rhs: Flags) -> Bool {
        if lhs.low != rhs.low { return lhs.low < rhs.low }
        if lhs.high != rhs.high { return lhs.high < rhs.high }
        return lhs.more.lexicographicallyPrecedes(rhs.more)
    }
}

/// One way a group of lines can end up after product discounts once the decided candidates are fixed.
struct GroupOption {
    /// Per line of the group (in the group's order): the amount after product discounts.
    var amounts: [Int64]
    /// Local candidates it takes (ranks, ascending).
    var locals: [Int]
    /// Their promotion ids, ascending (for the tie rule).
    var localIDs: [Int64]
    /// Decided candidates that take something off these lines.
    var applied: Flags
}

/// Lists, for one group of lines, every outcome of taking or skipping its local candidates,
/// applying the decided ones as decided — all in rank order, with `PricingProblem.take`, on
/// the group's own units (a non-separable decided candidate has all its lines in the group;
/// a separable one takes off each line on its own). For each set of amounts and applied
/// decided candidates only the outcome the tie rule prefers is kept (fewer promotions, then
/// smaller ids: with the rest of the cart fixed, that one is preferred for the whole cart).
struct GroupOptionBuilder {
    let problem: PricingProblem
    let plan: SearchPlan
    var decisions: [LineRelaxation.Decision]
    private var probe: [Int64]
    private var amounts: [Int64]
    private var scratch: TakeScratch
    private var results: [GroupOption] = []
    private var locals: [Int] = []
    private var events: [Int] = []
    private var lines: [Int] = []

    init(problem: PricingProblem, plan: SearchPlan) {
        self.problem = problem
        self.plan = plan
        decisions = Array(repeating: .open, count: plan.ranked.count)
        probe = problem.quantity
        amounts = problem.listAmount
        scratch = TakeScratch(capacity: problem.lineCount)
    }

    mutating func options(for group: [Int]) -> [GroupOption] {
        lines = group
        results.removeAll(keepingCapacity: true)
        locals.removeAll(keepingCapacity: true)
        var ranks = Set<Int>()
        for line in group { for entry in plan.lineEntries[line] { ranks.insert(entry.rank) } }
        events = ranks.sorted()
        walk(0, applied: Flags(count: plan.decided.count))
        results.sort { lhs, rhs in
            if lhs.amounts != rhs.amounts { return lhs.amounts.lexicographicallyPrecedes(rhs.amounts) }
            if lhs.applied != rhs.applied { return lhs.applied < rhs.applied }
            if lhs.locals.count != rhs.locals.count { return lhs.locals.count < rhs.locals.count }
            return lhs.localIDs.lexicographicallyPrecedes(rhs.localIDs)
        }
        var kept: [GroupOption] = []
        for option in results where kept.last.map({ $0.amounts != option.amounts || $0.applied != option.applied }) ?? true {
            kept.append(option)
        }
        return kept
    }

    private mutating func walk(_ index: Int, applied: Flags) {
        guard index < events.count else {
            let ids = locals.map { problem.products[plan.ranked[$0]].id }.sorted()
            results.append(GroupOption(amounts: lines.map { amounts[$0] }, locals: locals, localIDs: ids, applied: applied))
            return
        }
        let rank = events[index]
        let candidate = problem.products[plan.ranked[rank]]
        if let decided = plan.decidedIndex[rank] {
            guard decisions[rank] == .taken else {
                walk(index + 1, applied: applied)
                return
            }
            let saved = lines.map { (probe[$0], amounts[$0]) }
            var now = applied
            if plan.separable[rank] {
                // Per-unit and never capped: each line on its own, as `take` does.
                for position in candidate.lines where lines.contains(problem.lineIndex[position]) {
                    let line = problem.lineIndex[position], units = probe[line]
                    guard units > 0 else { continue }
                    let discount: Int64
                    switch candidate.kind {
                    case .percent(let basisPoints): discount = problem.percentOf(units * problem.unitPrice[line], basisPoints)
                    default: discount = units * problem.lineDiscount[position]
                    }
                    guard discount > 0 else { continue }
                    probe[line] = 0
                    amounts[line] -= discount
                    now.insert(decided)
                }
            } else if problem.take(candidate, untaken: probe, into: &scratch) > 0 {
                apply()
                now.insert(decided)
            }
            walk(index + 1, applied: now)
            restore(saved)
            return
        }
        walk(index + 1, applied: applied)
        guard problem.take(candidate, untaken: probe, into: &scratch) > 0 else { return }
        let saved = lines.map { (probe[$0], amounts[$0]) }
        apply()
        locals.append(rank)
        walk(index + 1, applied: applied)
        locals.removeLast()
        restore(saved)
    }

    private mutating func apply() {
        for entry in 0..<scratch.count {
            probe[scratch.lines[entry]] -= scratch.units[entry]
            amounts[scratch.lines[entry]] -= scratch.discounts[entry]
        }
    }

    private mutating func restore(_ saved: [(Int64, Int64)]) {
        for (offset, line) in lines.enumerated() {
            probe[line] = saved[offset].0
            amounts[line] = saved[offset].1
        }
    }
}
