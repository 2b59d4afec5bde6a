extension BestPriceSearch {
    // MARK: Phase one: the candidates over several lines

    /// Takes or skips `plan.decided[next]`, the child with the lower bound first (a good best
    /// early prunes the rest), then goes on to phase two once all are decided.
    mutating func decide(_ next: Int, parent: Range<Int>) {
        nodes += 1
        let start = active.count
        defer { active.removeSubrange(start...) }
        bounds.prepare()
        filter(parent, promotions: taken.count)
        guard active.count > start else { return }
        let mine = start..<active.count
        guard next < plan.decided.count else {
            chooseGroups(parent: mine)
            bounds.reset(high: problem.listAmount, room: relaxedRoom)
            return
        }
        let rank = plan.decided[next]
        setDecision(next, .skipped)
        let skipBound = leastBound(mine)
        setDecision(next, .taken)
        let takeBound = leastBound(mine)
        for choice in takeBound <= skipBound ? [LineRelaxation.Decision.taken, .skipped] : [.skipped, .taken] {
            setDecision(next, choice)
            if choice == .taken { taken.append(rank) }
            decide(next + 1, parent: mine)
            if choice == .taken { taken.removeLast() }
        }
        setDecision(next, .open)
    }

    /// Records a decision and updates the relaxation on the candidate's lines.
    private mutating func setDecision(_ index: Int, _ decision: LineRelaxation.Decision) {
        builder.decisions[plan.decided[index]] = decision
        for line in decidedLines[index] {
            relaxedRoom[line] = relaxation.headroom(line, decisions: builder.decisions)
            bounds.set(line, high: problem.listAmount[line], room: relaxedRoom[line])
        }
    }

    /// The least lower bound over the configurations of `slots` under the current decisions.
    private mutating func leastBound(_ slots: Range<Int>) -> Int64 {
        bounds.prepare()
        var least = Int64.max
        for slot in slots { if let lower = bounds.lowerBound(configurations[active[slot]]) { least = min(least, lower) } }
        return least
    }

    // MARK: Phase two: one outcome per group of lines

    /// Groups the lines joined by taken non-separable candidates, lists each group's options
    /// and chooses one per group.
    private mutating func chooseGroups(parent: Range<Int>) {
        for line in 0..<problem.lineCount { root[line] = line }
        required = Flags(count: plan.decided.count)
        for rank in taken {
            required.insert(plan.decidedIndex[rank]!)
            guard !plan.separable[rank] else { continue }
            let lines = decidedLines[plan.decidedIndex[rank]!]
            let first = find(lines[0])
            for line in lines { root[find(line)] = first }
        }
        groups.removeAll(keepingCapacity: true)
        var groupOf = Array(repeating: -1, count: problem.lineCount)
        for line in 0..<problem.lineCount {
            let top = find(line)
            if groupOf[top] < 0 {
                groupOf[top] = groups.count
                groups.append([line])
            } else {
                groups[groupOf[top]].append(line)
            }
        }
        options = groups.map { group in group.count == 1 ? lineOptions(group[0]) : builder.options(for: group) }
        var high = problem.listAmount, room = problem.listAmount
        choiceGroups.removeAll(keepingCapacity: true)
        var groupRoom = Array(repeating: Int64(0), count: groups.count)
        var fixedApplied = Flags(count: plan.decided.count)
        chosenLocals = 0
        for (index, group) in groups.enumerated() {
            for (offset, line) in group.enumerated() {
                var most = Int64.min, least = Int64.max
                for option in options[index] {
                    most = max(most, option.amounts[offset])
                    least = min(least, option.amounts[offset])
                }
                high[line] = most
                room[line] = most - least
                groupRoom[index] += most - least
                finalAmounts[line] = options[index][0].amounts[offset]
            }
            chosen[index] = 0
            if options[index].count > 1 {
                choiceGroups.append(index)
            } else {
                fixedApplied.formUnion(options[index][0].applied)
                chosenLocals += options[index][0].locals.count
            }
        }
        choiceGroups.sort { groupRoom[$0] != groupRoom[$1] ? groupRoom[$0] > groupRoom[$1] : $0 < $1 }
        reachable = Array(repeating: fixedApplied, count: choiceGroups.count + 1)
        for position in stride(from: choiceGroups.count - 1, through: 0, by: -1) {
            var flags = reachable[position + 1]
            for option in options[choiceGroups[position]] { flags.formUnion(option.applied) }
            reachable[position] = flags
        }
        bounds.reset(high: high, room: room)
        choose(0, parent: parent, applied: fixedApplied)
    }

    private mutating func find(_ line: Int) -> Int {
        var line = line
        while root[line] != line {
            root[line] = root[root[line]]
            line = root[line]
        }
        return line
    }

    /// The options of a line on its own, cached by the decisions on its decided candidates.
    private mutating func lineOptions(_ line: Int) -> [GroupOption] {
        var signature: UInt64 = 0, bit: UInt64 = 1, cacheable = true
        for entry in plan.lineEntries[line] where plan.decidedIndex[entry.rank] != nil {
            guard bit != 0 else {
                cacheable = false
                break
            }
            if builder.decisions[entry.rank] == .taken { signature |= bit }
            bit <<= 1
        }
        if cacheable, let cached = lineCache[line][signature] { return cached }
        let listed = builder.options(for: [line])
        if cacheable { lineCache[line][signature] = listed }
        return listed
    }

    private mutating func choose(_ position: Int, parent: Range<Int>, applied: Flags) {
        nodes += 1
        var possible = applied
        possible.formUnion(reachable[position])
        guard possible.isSuperset(of: required) else { return }
        let start = active.count
        defer { active.removeSubrange(start...) }
        bounds.prepare()
        filter(parent, promotions: taken.count + chosenLocals)
        guard active.count > start else { return }
        let mine = start..<active.count
        guard position < choiceGroups.count else {
            for slot in mine {
                configuration = configurations[active[slot]]
                leaf(amounts: finalAmounts, products: [])
            }
            return
        }
        let index = choiceGroups[position]
        let lines = groups[index]
        for (choice, option) in options[index].enumerated() {
            chosen[index] = choice
            for (offset, line) in lines.enumerated() {
                finalAmounts[line] = option.amounts[offset]
                bounds.set(line, high: option.amounts[offset], room: 0)
            }
            chosenLocals += option.locals.count
            var next = applied
            next.formUnion(option.applied)
            choose(position + 1, parent: mine, applied: next)
            chosenLocals -= option.locals.count
        }
        // Back to this node's lines: highest and lowest over the options.
        for (offset, line) in lines.enumerated() {
            var most = Int64.min, least = Int64.max
            for option in options[index] {
                most = max(most, option.amounts[offset])
                least = min(least, option.amounts[offset])
            }
            bounds.set(line, high: most, room: most - least)
        }
    }

    /// The product candidates of the current phase-two leaf, in rank order.
    func leafProducts() -> [Int] {
        var ranks = taken
        for index in groups.indices { ranks += options[index][chosen[index]].locals }
        return ranks.sorted().map { plan.ranked[$0] }
    }
}
