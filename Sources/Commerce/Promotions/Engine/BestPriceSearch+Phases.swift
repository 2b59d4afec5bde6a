extension BestPriceSearch {
    // MARK: Phase one: the candidates over several lines

    /// Takes or skips `plan.decided[next]`, the child with the lower bound first, then goes on
    /// to phase two once all are decided.
    mutating func decide(_ next: Int, parent: Range<Int>) {
        nodes += 1
        let start = active.count
        defer { active.truncate(to: start) }
        bounds.prepare()
        filter(parent, promotions: taken.count)
        guard active.count > start else { return }
        let mine = start..<active.count
        guard next < plan.decided.count else {
            chooseGroups(parent: mine)
            bounds.reset(high: problem.listAmount, room: relaxedRoom)
            return
        }
        // The child with the lower bound first: a good best early prunes the rest. The
        // candidate's lines are relaxed once per choice (the other decisions are fixed here).
        let rank = plan.decided[next]
        let opened = pushRooms(of: next)
        setDecision(next, .skipped)
        let skipped = pushRooms(of: next)
        let skipBound = leastBound(mine)
        setDecision(next, .taken)
        let takenRooms = pushRooms(of: next)
        let takeBound = leastBound(mine)
        let takeFirst = takeBound <= skipBound
        for round in 0..<2 {
            let choice: LineRelaxation.Decision = (round == 0) == takeFirst ? .taken : .skipped
            setDecision(next, choice, rooms: choice == .taken ? takenRooms : skipped)
            if choice == .taken { taken.append(rank) }
            decide(next + 1, parent: mine)
            if choice == .taken { taken.removeLast() }
        }
        setDecision(next, .open, rooms: opened)
        roomStack.truncate(to: opened.lowerBound)
    }

    /// Pushes the relaxation's headroom on the lines of `plan.decided[index]` on `roomStack`.
    private mutating func pushRooms(of index: Int) -> Range<Int> {
        // A plain loop: a closure here would capture (copy) the whole search.
        let lines = problem.products[plan.ranked[plan.decided[index]]].lines
        let lineIndex = problem.lineIndex
        let start = roomStack.count
        for position in lines { roomStack.append(relaxedRoom[lineIndex[position]]) }
        return start..<roomStack.count
    }

    /// Records a decision and updates the relaxation on the candidate's lines (from `rooms`,
    /// a range of `roomStack`, when already known).
    private mutating func setDecision(_ index: Int, _ decision: LineRelaxation.Decision, rooms known: Range<Int>? = nil) {
        builder.decisions[plan.decided[index]] = decision
        relaxation.decisions[plan.decided[index]] = decision
        for (offset, position) in problem.products[plan.ranked[plan.decided[index]]].lines.enumerated() {
            let line = problem.lineIndex[position]
            relaxedRoom[line] = known.map { roomStack[$0.lowerBound + offset] } ?? relaxation.headroom(line)
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

    /// Lists each group's options under the decisions and chooses one per group.
    mutating func chooseGroups(parent: Range<Int>) {
        required = Flags()
        for rank in taken { required.insert(plan.decidedIndex[rank]!) }
        // The search's own buffers, taken out while the loop below calls mutating methods and
        // put back before the choices (`choose` reads them to restore a group's lines).
        var high = lineHigh, room = lineRoom
        (lineHigh, lineRoom) = ([], [])
        high.assign(problem.listAmount)
        room.assign(problem.listAmount)
        choiceGroups.removeAll(keepingCapacity: true)
        groupRoom.reset(count: plan.groupCount, repeating: 0)
        var fixedApplied = Flags()
        chosenLocals = 0
        for index in 0..<plan.groupCount {
            if options[index].isEmpty || !plan.groupDecided(index).isEmpty { options[index] = groupOptions(index) }
            let listed = options[index], first = builder.store.options[listed.lowerBound]
            // By position and index (no slices, no copy of the store: each retains).
            let lines = plan.groupRange(index)
            for position in lines {
                let offset = position - lines.lowerBound, line = plan.groupLine(position)
                var most = Int64.min, least = Int64.max
                for slot in listed {
                    let option = builder.store.options[slot]
                    let amount = offset == 0 ? option.first : builder.store.amounts[option.others.lowerBound + offset - 1]
                    most = max(most, amount)
                    least = min(least, amount)
                }
                high[line] = most
                room[line] = most - least
                groupRoom[index] += most - least
                finalAmounts[line] = offset == 0 ? first.first : builder.store.amounts[first.others.lowerBound + offset - 1]
            }
            chosen[index] = 0
            if listed.count > 1 {
                choiceGroups.append(index)
            } else {
                fixedApplied.formUnion(first.applied)
                chosenLocals += first.locals.count
            }
        }
        let groupRoom = self.groupRoom
        choiceGroups.sort { groupRoom[$0] != groupRoom[$1] ? groupRoom[$0] > groupRoom[$1] : $0 < $1 }
        reachable.reset(count: choiceGroups.count + 1, repeating: fixedApplied)
        for position in stride(from: choiceGroups.count - 1, through: 0, by: -1) {
            var flags = reachable[position + 1]
            for slot in options[choiceGroups[position]] { flags.formUnion(builder.store.options[slot].applied) }
            reachable[position] = flags
        }
        bounds.reset(high: high, room: room)
        (lineHigh, lineRoom) = (high, room)
        // The most-discount leaf first: a best to prune the search below with.
        var greedy = fixedApplied
        for index in choiceGroups { greedy.formUnion(builder.store.options[options[index].lowerBound].applied) }
        if greedy.isSuperset(of: required) { groupLeaf(parent) }
        choose(0, parent: parent, applied: fixedApplied)
    }

    /// A group's options, cached by the decisions on its decided candidates.
    private mutating func groupOptions(_ group: Int) -> Range<Int> {
        var signature: UInt64 = 0, bit: UInt64 = 1, cacheable = true
        for rank in plan.groupDecided(group) {
            guard bit != 0 else {
                cacheable = false
                break
            }
            if builder.decisions[rank] == .taken { signature |= bit }
            bit <<= 1
        }
        if cacheable, let cached = optionCache.first(where: { $0.group == group && $0.signature == signature }) { return cached.options }
        let listed = builder.options(forGroup: group)
        if cacheable { optionCache.append(CachedOptions(group: group, signature: signature, options: listed)) }
        return listed
    }

    private mutating func choose(_ position: Int, parent: Range<Int>, applied: Flags) {
        nodes += 1
        var possible = applied
        possible.formUnion(reachable[position])
        guard possible.isSuperset(of: required) else { return }
        let start = active.count
        defer { active.truncate(to: start) }
        bounds.prepare()
        filter(parent, promotions: taken.count + chosenLocals)
        guard active.count > start else { return }
        let mine = start..<active.count
        guard position < choiceGroups.count else {
            groupLeaf(mine)
            return
        }
        let index = choiceGroups[position]
        // Positions and indices rather than slices and local copies of the lists: each of
        // those retains its storage at every node.
        let lines = plan.groupRange(index)
        let listed = options[index]
        for choice in 0..<listed.count {
            let option = builder.store.options[listed.lowerBound + choice]
            chosen[index] = choice
            for position in lines {
                let offset = position - lines.lowerBound, line = plan.groupLine(position)
                let amount = offset == 0 ? option.first : builder.store.amounts[option.others.lowerBound + offset - 1]
                finalAmounts[line] = amount
                bounds.set(line, high: amount, room: 0)
            }
            chosenLocals += option.locals.count
            var next = applied
            next.formUnion(option.applied)
            choose(position + 1, parent: mine, applied: next)
            chosenLocals -= option.locals.count
        }
        // Back to this node's lines: highest and lowest over the options, as `chooseGroups`
        // worked them out for this listing.
        for position in lines {
            let line = plan.groupLine(position)
            bounds.set(line, high: lineHigh[line], room: lineRoom[line])
        }
    }

    /// Prices the current phase-two leaf under the configurations of `slots` and offers the
    /// best of them (by total, then coupons, then promotions; exact ties all) to `consider`,
    /// listing the leaf's product candidates once.
    private mutating func groupLeaf(_ slots: Range<Int>) {
        var least = Int64.max, fewestCoupons = Int.max, fewestOthers = Int.max
        var chosenSlots = leafSlots
        leafSlots = []
        chosenSlots.removeAll(keepingCapacity: true)
        defer { leafSlots = chosenSlots }
        // Local references: reading `self.configurations[index]` here would copy the
        // configuration (retaining its coupon list) for every slot.
        let configurations = self.configurations, amounts = finalAmounts
        let goods = amounts.reduce(0, +)
        for slot in slots {
            let index = active[slot]
            guard let total = leafTotal(amounts, goods: goods, configurations[index]) else { continue }
            let coupons = configurations[index].coupons.count
            let others = (configurations[index].order == nil ? 0 : 1) + (configurations[index].shipping == nil ? 0 : 1)
            if (total, coupons, others) < (least, fewestCoupons, fewestOthers) {
                (least, fewestCoupons, fewestOthers) = (total, coupons, others)
                chosenSlots.removeAll(keepingCapacity: true)
                chosenSlots.append(slot)
            } else if (total, coupons, others) == (least, fewestCoupons, fewestOthers) {
                chosenSlots.append(slot)
            }
        }
        guard let first = chosenSlots.first else { return }
        configuration = configurations[active[first]]
        guard least < best.total || promising(least, configuration, products: taken.count + chosenLocals) else { return }
        let products = leafProducts()
        for slot in chosenSlots {
            configuration = configurations[active[slot]]
            consider(least, products: products)
        }
    }

    /// The product candidates of the current phase-two leaf, in rank order.
    mutating func leafProducts() -> [Int] {
        var ranks: [Int] = []
        ranks.reserveCapacity(plan.ranked.count)
        ranks.append(contentsOf: taken)
        let locals = builder.store.locals
        for index in 0..<plan.groupCount {
            for position in builder.store.options[options[index].lowerBound + chosen[index]].locals { ranks.append(locals[position]) }
        }
        ranks.sort()
        for position in ranks.indices { ranks[position] = plan.ranked[ranks[position]] }
        return ranks
    }
}

