/// A set of indices below 128 (the decided candidates that take something off), inline so
/// that copying one is free. `SearchPlan` never decides more than 128 candidates.
struct Flags: Equatable, Comparable {
    static let capacity = 128
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    mutating func insert(_ index: Int) {
        if index < 64 { low |= 1 << UInt64(index) } else { high |= 1 << UInt64(index - 64) }
    }

    mutating func formUnion(_ other: Flags) {
        low |= other.low
        high |= other.high
    }

    func isSuperset(of other: Flags) -> Bool { low & other.low == other.low && high & other.high == other.high }

    static func < (lhs: Flags, rhs: Flags) -> Bool { lhs.low != rhs.low ? lhs.low < rhs.low : lhs.high < rhs.high }
}

/// Storage shared by the options of one search, so that an option is plain data.
struct OptionStore {
    /// Amounts of a group's lines after the first.
    var amounts: [Int64] = []
    /// Ranks of the group's own candidates an option takes, ascending.
    var locals: [Int] = []
    /// Their promotion ids, ascending.
    var ids: [Int64] = []
    /// The options themselves: each listing is a range of it.
    var options: [GroupOption] = []
}

/// One way a group of lines can end up after product discounts once the decided candidates are
/// fixed (its lists live in an `OptionStore`).
struct GroupOption {
    /// The amount after product discounts of the group's first line.
    var first: Int64
    /// The others' amounts, in the group's order.
    var others: Range<Int>
    /// The group's own candidates it takes.
    var locals: Range<Int>
    /// Their promotion ids, ascending (for the tie rule).
    var ids: Range<Int>
    /// Decided candidates that take something off these lines.
    var applied: Flags

    func sameAmounts(as other: GroupOption, in store: OptionStore) -> Bool {
        first == other.first && Self.compare(store.amounts, others, other.others) == 0
    }

    /// Amounts line by line, then applied flags, then fewer candidates, then smaller ids.
    static func precedes(_ lhs: GroupOption, _ rhs: GroupOption, in store: OptionStore) -> Bool {
        if lhs.first != rhs.first { return lhs.first < rhs.first }
        let amounts = compare(store.amounts, lhs.others, rhs.others)
        if amounts != 0 { return amounts < 0 }
        if lhs.applied != rhs.applied { return lhs.applied < rhs.applied }
        if lhs.locals.count != rhs.locals.count { return lhs.locals.count < rhs.locals.count }
        return compare(store.ids, lhs.ids, rhs.ids) < 0
    }

    /// Lexicographic comparison of two ranges of `values` (-1, 0 or 1), with plain index loops:
    /// slices would retain the storage on every comparison of a sort.
    @inline(__always)
    private static func compare(_ values: [Int64], _ lhs: Range<Int>, _ rhs: Range<Int>) -> Int {
        let common = min(lhs.count, rhs.count)
        var offset = 0
        while offset < common {
            let a = values[lhs.lowerBound + offset], b = values[rhs.lowerBound + offset]
            if a != b { return a < b ? -1 : 1 }
            offset += 1
        }
        return lhs.count == rhs.count ? 0 : lhs.count < rhs.count ? -1 : 1
    }
}

/// Lists, for one group of lines, every outcome of taking or skipping its own candidates (local
/// ones and non-separable ones over several of its lines), applying the decided ones as
/// decided — all in rank order, with `PricingProblem.take`, on the group's own units (a
/// separable decided candidate takes off each line on its own). For each set of amounts and applied
/// decided candidates only the outcome the tie rule prefers is kept (fewer promotions, then
/// smaller ids: with the rest of the cart fixed, that one is preferred for the whole cart).
struct GroupOptionBuilder {
    private(set) var problem = PricingProblem.empty
    private(set) var plan = SearchPlan()
    var decisions: [LineRelaxation.Decision] = []
    // Per line, the untaken units (`probe`) and the amount after product discounts
    // (`amounts`) of the outcome being walked, and the stack `save` pushes them on: the walk
    // writes them at every step, so they live in blocks written through plain pointers (an
    // array write would check that its storage is unshared every time). Safe because the
    // blocks belong to this builder alone (`lineStorage`, `stackStorage`; a builder lives in
    // one search, in one call's hands at a time), the pointers are taken again whenever a
    // block is replaced, `probe` and `amounts` are indexed by cart lines (below `lineCount`,
    // the size `reset` gives them) and `options(for:)` makes the stack as deep as the walk can
    // push (one save of the group's lines per event).
    private var lineStorage: BoundsStorage?
    private var probe = UnsafeMutableBufferPointer<Int64>(start: nil, count: 0)
    private var amounts = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var stackStorage: BoundsStorage?
    private var stack = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var stackCount = 0
    private var scratch = TakeScratch(capacity: 0)
    private var results: [GroupOption] = []
    /// The lists of every option listed so far in this search.
    private(set) var store = OptionStore()
    private var locals: [Int] = []
    private var events: [Int] = []
    /// The group being listed: its positions in the plan's group list (`plan.groupLine`).
    private var lines: Range<Int> = 0..<0

    /// An idle builder (see `reset`).
    init() {}

    init(problem: PricingProblem, plan: SearchPlan) {
        reset(problem: problem, plan: plan)
    }

    /// Prepares the builder for `problem`, reusing the buffers' storage.
    mutating func reset(problem: PricingProblem, plan: SearchPlan) {
        self.problem = problem
        self.plan = plan
        decisions.reset(count: plan.ranked.count, repeating: .open)
        let lines = problem.lineCount
        if lineStorage == nil || lineStorage!.capacity < 2 * lines { lineStorage = BoundsStorage(capacity: 2 * lines) }
        let block = lineStorage!.block
        probe = UnsafeMutableBufferPointer(start: block, count: lines)
        amounts = block + lines
        for line in 0..<lines {
            probe[line] = problem.quantity[line]
            amounts[line] = problem.listAmount[line]
        }
        scratch.reset(capacity: problem.lineCount)
        // Room for a typical search up front: growing these one doubling at a time costs an
        // allocation and a copy each.
        store.amounts.removeAll(keepingCapacity: true)
        store.locals.removeAll(keepingCapacity: true)
        store.ids.removeAll(keepingCapacity: true)
        store.options.removeAll(keepingCapacity: true)
        store.amounts.reserveCapacity(8 * lines)
        store.locals.reserveCapacity(4 * lines)
        store.ids.reserveCapacity(4 * lines)
        results.reserveCapacity(16)
        locals.reserveCapacity(16)
        events.reserveCapacity(32)
    }

    /// Drops what it shares with the call (the problem and the plan's buffers).
    mutating func finish() {
        problem = .empty
        plan = SearchPlan()
        lines = 0..<0
    }

    /// Lists the options of group `index` into `store.options`, best first (see the type's comment).
    mutating func options(forGroup index: Int) -> Range<Int> {
        let group = plan.group(index)
        lines = plan.groupRange(index)
        results.clear()
        locals.clear()
        events.clear()
        for line in group { for position in plan.entryRange(line) { events.append(plan.entry(position).rank) } }
        if group.count > 1 {
            events.sort()
            var unique = 0
            for index in events.indices where index == 0 || events[index] != events[index - 1] {
                events[unique] = events[index]
                unique += 1
            }
            events.truncate(to: unique)
        }
        let start = store.options.count
        if group.count == 1 {
            let line = group.first!
            let untouched = GroupOption(first: amounts[line], others: 0..<0, locals: 0..<0, ids: 0..<0, applied: Flags())
            // A line no candidate touches: its list amount.
            if events.isEmpty {
                store.options.append(untouched)
                return start..<store.options.count
            }
            // A line with one candidate of its own: taken (if it takes anything) or not.
            if events.count == 1, plan.decidedIndex[events[0]] == nil {
                let rank = events[0]
                let saving = problem.take(problem.products[plan.ranked[rank]], untaken: probe, into: &scratch)
                if saving > 0 {
                    store.locals.append(rank)
                    store.ids.append(problem.products[plan.ranked[rank]].id)
                    store.options.append(GroupOption(
                        first: amounts[line] - saving, others: 0..<0, locals: (store.locals.count - 1)..<store.locals.count,
                        ids: (store.ids.count - 1)..<store.ids.count, applied: Flags()))
                }
                store.options.append(untouched)
                return start..<store.options.count
            }
        }
        let depth = 2 * group.count * (events.count + 1)
        if stackStorage == nil || stackStorage!.capacity < depth {
            stackStorage = BoundsStorage(capacity: depth)
            stack = stackStorage!.block
        }
        stackCount = 0
        walk(0, applied: Flags())
        // Best first: an insertion sort with plain comparisons (a handful of outcomes, mostly
        // in order already; `precedes` is a total order on them, so any sort agrees).
        for current in results.indices.dropFirst() {
            let option = results[current]
            var position = current
            while position > 0, GroupOption.precedes(option, results[position - 1], in: store) {
                results[position] = results[position - 1]
                position -= 1
            }
            results[position] = option
        }
        for option in results {
            if store.options.count > start, let last = store.options.last, last.sameAmounts(as: option, in: store),
                last.applied == option.applied
            {
                continue
            }
            store.options.append(option)
        }
        return start..<store.options.count
    }

    private mutating func walk(_ index: Int, applied: Flags) {
        guard index < events.count else {
            let othersStart = store.amounts.count
            for position in lines.dropFirst() { store.amounts.append(amounts[plan.groupLine(position)]) }
            let localsStart = store.locals.count
            // Element by element: `append(contentsOf:)` is a generic call, slow for a few.
            for rank in locals { store.locals.append(rank) }
            let idsStart = store.ids.count
            for rank in locals {
                // Insertion sort in place: ids ascending (a handful at most).
                let id = problem.products[plan.ranked[rank]].id
                var position = store.ids.count
                store.ids.append(id)
                while position > idsStart, store.ids[position - 1] > id {
                    store.ids.swapAt(position - 1, position)
                    position -= 1
                }
            }
            results.append(GroupOption(
                first: amounts[plan.groupLine(lines.lowerBound)], others: othersStart..<store.amounts.count, locals: localsStart..<store.locals.count,
                ids: idsStart..<store.ids.count, applied: applied))
            return
        }
        let rank = events[index]
        let candidate = problem.products[plan.ranked[rank]]
        if let decided = plan.decidedIndex[rank] {
            guard decisions[rank] == .taken else {
                walk(index + 1, applied: applied)
                return
            }
            let saved = save()
            var now = applied
            // Separable: per unit and never capped, so each line on its own, as `take` does.
            // Its positions on the group's lines come from the plan's entries (a decided
            // candidate may span the whole cart; the group has a few lines).
            for groupPosition in lines {
                let line = plan.groupLine(groupPosition)
                for slot in plan.entryRange(line) where plan.entry(slot).rank == rank {
                    let entry = plan.entry(slot)
                    let units = probe[line]
                    guard units > 0 else { continue }
                    let discount: Int64
                    switch candidate.kind {
                    case .percent(let basisPoints): discount = problem.percentOf(units * problem.unitPrice[line], basisPoints)
                    default: discount = units * problem.lineDiscount[entry.position]
                    }
                    guard discount > 0 else { continue }
                    probe[line] = 0
                    amounts[line] -= discount
                    now.insert(decided)
                }
            }
            walk(index + 1, applied: now)
            restore(saved)
            return
        }
        // Taken first: outcomes then come out mostly in ascending amounts.
        if problem.take(candidate, untaken: probe, into: &scratch) > 0 {
            let saved = save()
            apply()
            locals.append(rank)
            walk(index + 1, applied: applied)
            locals.removeLast()
            restore(saved)
        }
        walk(index + 1, applied: applied)
    }

    private mutating func apply() {
        for entry in 0..<scratch.count {
            let line = scratch.line(entry)
            probe[line] -= scratch.units[entry]
            amounts[line] -= scratch.discounts[entry]
        }
    }

    /// Saves the group's units and amounts on a stack (popped by `restore`).
    private mutating func save() -> Int {
        let mark = stackCount
        for position in lines {
            let line = plan.groupLine(position)
            stack[stackCount] = probe[line]
            stack[stackCount + 1] = amounts[line]
            stackCount += 2
        }
        return mark
    }

    private mutating func restore(_ mark: Int) {
        var position = mark
        for groupPosition in lines {
            let line = plan.groupLine(groupPosition)
            probe[line] = stack[position]
            amounts[line] = stack[position + 1]
            position += 2
        }
        stackCount = mark
    }
}
