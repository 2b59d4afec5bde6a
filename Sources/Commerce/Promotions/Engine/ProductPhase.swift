/// The lines, units and discounts one product promotion takes, written in place to avoid
/// allocating on the search's hot path. Holds at most one entry per cart line.
///
/// The three lists live in one block written through plain pointers (an array write would
/// check that its storage is unshared at every entry). Safe because the block belongs to this
/// scratch alone (`storage`; a scratch is a local of one evaluation or a field of one search
/// or option builder, never copied while in use), the pointers are taken again whenever the
/// block is replaced, and `add` checks that an entry stays within the `capacity` lines.
struct TakeScratch {
    private var storage: BoundsStorage?
    /// The cart line of each entry (stored as `Int64`; read it with `line(_:)`).
    private var lineBlock = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private(set) var units = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private(set) var discounts = UnsafeMutablePointer<Int64>(bitPattern: 8)!
    private var capacity = 0
    var count = 0

    init(capacity: Int) {
        reset(capacity: capacity)
    }

    /// Room for `capacity` lines, reusing the storage when it is large enough.
    mutating func reset(capacity: Int) {
        count = 0
        guard storage == nil || self.capacity < capacity else { return }
        let block = BoundsStorage(capacity: 3 * capacity)
        storage = block
        self.capacity = block.capacity / 3
        lineBlock = block.block
        units = lineBlock + self.capacity
        discounts = units + self.capacity
    }

    /// The cart line of entry `entry`.
    @inline(__always)
    func line(_ entry: Int) -> Int { Int(truncatingIfNeeded: lineBlock[entry]) }

    @inline(__always)
    mutating func add(line: Int, units taken: Int64, discount: Int64) {
        precondition(count < capacity, "a take holds at most one entry per line")
        lineBlock[count] = Int64(line)
        units[count] = taken
        discounts[count] = discount
        count += 1
    }

    /// Scales the discounts down to `total` with the largest-remainder method (weights and
    /// caps = the discounts themselves), so the parts still sum exactly.
    mutating func capDiscounts(at total: Int64) {
        let current = Array(UnsafeBufferPointer(start: discounts, count: count))
        let parts = Allocation.largestRemainder(total, weights: current, caps: current)
        for index in 0..<count { discounts[index] = parts[index] }
    }
}

extension PricingProblem {
    /// Step 1 of the evaluation for one product promotion: which of the `untaken` units it
    /// takes and what it takes off each line (rounded down, then capped at min(cap, budget)).
    /// Returns its total discount. A promotion that would take nothing off takes no units (0:
    /// it does not apply), and a per-unit one (special price, flash sale, percent off, member
    /// price) takes no units of a line it would take nothing off.
    ///
    /// `untaken` is any random-access view of units per line (an array, or the option
    /// builder's buffer); the call is specialized for each within the module.
    func take<Units: RandomAccessCollection<Int64>>(
        _ candidate: ProductCandidate, untaken: Units, into scratch: inout TakeScratch
    ) -> Int64 where Units.Index == Int {
        scratch.count = 0
        var total: Int64 = 0
        switch candidate.kind {
        case .unitPrice:
            var left = candidate.unitLimit
            for position in candidate.lines where left > 0 {
                let line = lineIndex[position]
                let taken = min(untaken[line], left)
                guard taken > 0 else { continue }
                left -= taken
                let discount = taken * lineDiscount[position]
                scratch.add(line: line, units: taken, discount: discount)
                total += discount
            }
        case .percent(let basisPoints):
            total = takeAll(candidate.lines, basisPoints: basisPoints, untaken: untaken, into: &scratch, positiveOnly: true)
        case .quantity(let minimum, let basisPoints):
            var units: Int64 = 0
            for position in candidate.lines { units += untaken[lineIndex[position]] }
            guard units >= minimum else { return 0 }
            total = takeAll(candidate.lines, basisPoints: basisPoints, untaken: untaken, into: &scratch, positiveOnly: false)
        case .buyGet(let buy, let get, let basisPoints):
            var units: Int64 = 0
            for position in candidate.lines { units += untaken[lineIndex[position]] }
            let groups = units / (buy + get)
            guard groups > 0 else { return 0 }
            var free = groups * get
            var consumed = groups * (buy + get)
            // Lines are sorted cheapest first: the cheapest units are the discounted ones,
            // the next cheapest are the ones bought; any dearer rest stays untaken.
            for position in candidate.lines where consumed > 0 {
                let line = lineIndex[position]
                let taken = min(untaken[line], consumed)
                guard taken > 0 else { continue }
                let discounted = min(taken, free)
                let discount = discounted > 0 ? percentOf(discounted * unitPrice[line], basisPoints) : 0
                consumed -= taken
                free -= discounted
                scratch.add(line: line, units: taken, discount: discount)
                total += discount
            }
        case .bundle(let price, let items):
            total = takeBundle(price: price, items: items, untaken: untaken, into: &scratch)
        }
        if total == 0 {
            scratch.count = 0
        } else if total > candidate.cap {
            scratch.capDiscounts(at: candidate.cap)
            total = candidate.cap
        }
        return total
    }

    private func takeAll<Units: RandomAccessCollection<Int64>>(
        _ lines: Range<Int>, basisPoints: Int64, untaken: Units, into scratch: inout TakeScratch, positiveOnly: Bool
    ) -> Int64 where Units.Index == Int {
        var total: Int64 = 0
        for position in lines {
            let line = lineIndex[position]
            let taken = untaken[line]
            guard taken > 0 else { continue }
            let discount = percentOf(taken * unitPrice[line], basisPoints)
            if positiveOnly, discount == 0 { continue }
            scratch.add(line: line, units: taken, discount: discount)
            total += discount
        }
        return total
    }

    /// k = the number of complete sets among the untaken units; each item's units are taken
    /// from its lines in line order; the saving k × (set list price) − k × price is spread over
    /// the taken lines in proportion to their list amounts (largest remainder).
    private func takeBundle<Units: RandomAccessCollection<Int64>>(
        price: Int64, items: Range<Int>, untaken: Units, into scratch: inout TakeScratch
    ) -> Int64 where Units.Index == Int {
        var sets = Int64.max
        for item in bundleItems[items] {
            var units: Int64 = 0
            for position in item.lines { units += untaken[lineIndex[position]] }
            sets = min(sets, units / item.quantity)
        }
        guard sets > 0, sets != Int64.max else { return 0 }
        var listValue: Int64 = 0
        for item in bundleItems[items] {
            var need = sets * item.quantity
            for position in item.lines where need > 0 {
                let line = lineIndex[position]
                let taken = min(untaken[line], need)
                guard taken > 0 else { continue }
                need -= taken
                let weight = taken * unitPrice[line]
                scratch.add(line: line, units: taken, discount: weight)
                listValue += weight
            }
        }
        let saving = listValue - Saturating.multiply(sets, price)
        guard saving > 0 else {
            scratch.count = 0
            return 0
        }
        scratch.capDiscounts(at: saving)
        return saving
    }

    /// floor(amount × bp / 10000).
    @inline(__always)
    func percentOf(_ amount: Int64, _ basisPoints: Int64) -> Int64 {
        Allocation.multiplyDivide(amount, basisPoints, 10_000).0
    }
}
