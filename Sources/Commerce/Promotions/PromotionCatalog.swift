/// A shop's promotions prepared for pricing: every rule validated once, and an index from SKU
/// and category to the promotions whose rule names them, so that a pricing call only looks at
/// the promotions its cart can touch instead of scanning and validating all of them.
///
/// Build it once per change of the promotion list (a promotion created, edited, started or
/// ended) and pass it with each call: `Pricing.price(cart, context:, catalog:)`. The index
/// depends only on each promotion's `id` and `rule`; everything that changes from order to order
/// (`remaining_budget`, `remaining_uses`) and the live window, priority, exclusivity and name are
/// read from `context.promotions` on every call.
///
/// Contract: the catalog is built from the same promotion list as `context.promotions` — the
/// same ids in the same order with the same rules. Each call checks the ids (cheap; a list that
/// gained, lost or reordered promotions, e.g. one started or ended, is priced by scanning as
/// without a catalog, with the same result); comparing every rule would cost a tenth of the
/// call, so rules are compared only in debug builds. `describes(_:)` is the full check, for a
/// caller deciding whether its cached catalog is still current.
public final class PromotionCatalog: Sendable {
    /// The promotions it was built from (their ids and rules are what the index covers).
    public let promotions: [Promotion]
    /// Per promotion: the error of `rule.validate()`, or nil when the rule is valid.
    let ruleErrors: [CommerceError?]
    /// Two promotions share an id (pricing refuses the list).
    let hasDuplicateIDs: Bool
    /// Bit set (64 promotions a word) of the promotions that touch every cart: scope "all",
    /// free shipping without a scope.
    let everywhere: [UInt64]
    /// SKU or category → a range of `entries` (promotion indices ascending).
    private let bySKU: RangeTable
    private let byCategory: RangeTable
    private let entries: [Int]

    public init(_ promotions: [Promotion]) {
        self.promotions = promotions
        var ruleErrors: [CommerceError?] = []
        ruleErrors.reserveCapacity(promotions.count)
        var everywhere = Array(repeating: UInt64(0), count: (promotions.count + 63) / 64)
        var skus: [Int64: [Int]] = [:], categories: [Int64: [Int]] = [:]
        for (index, promotion) in promotions.enumerated() {
            do {
                try promotion.rule.validate()
                ruleErrors.append(nil)
            } catch {
                ruleErrors.append(error)
            }
            func add(_ scope: PromotionScope) {
                if scope.all {
                    everywhere[index >> 6] |= 1 << UInt64(index & 63)
                    return
                }
                for sku in scope.skuIDs { skus[sku, default: []].append(index) }
                for category in scope.categoryIDs { categories[category, default: []].append(index) }
            }
            switch promotion.rule {
            case .specialPrice(let rule): for entry in rule.prices { skus[entry.skuID, default: []].append(index) }
            case .flashSale(let rule): skus[rule.skuID, default: []].append(index)
            // A bundle touches a cart holding every item: indexed by each, checked per call.
            case .bundle(let rule): for item in rule.items { skus[item.skuID, default: []].append(index) }
            case .percentOff(let rule): add(rule.scope)
            case .thresholdReduction(let rule): add(rule.scope)
            case .quantityDiscount(let rule): add(rule.scope)
            case .buyXGetY(let rule): add(rule.scope)
            case .memberPrice(let rule): add(rule.scope)
            case .freeShipping(let rule): add(rule.scope ?? .all)
            }
        }
        var entries: [Int] = []
        func flatten(_ lists: [Int64: [Int]]) -> [Int64: Range<Int>] {
            var ranges: [Int64: Range<Int>] = [:]
            ranges.reserveCapacity(lists.count)
            for (key, list) in lists {
                let start = entries.count
                entries.append(contentsOf: list)
                ranges[key] = start..<entries.count
            }
            return ranges
        }
        bySKU = RangeTable(flatten(skus))
        byCategory = RangeTable(flatten(categories))
        self.entries = entries
        self.ruleErrors = ruleErrors
        self.everywhere = everywhere
        hasDuplicateIDs = Set(promotions.map(\.id)).count != promotions.count
    }

    /// Whether this catalog indexes `promotions`: the same ids and rules in the same order
    /// (budgets, uses, windows, priorities and names may differ).
    public func describes(_ promotions: [Promotion]) -> Bool {
        hasSameIDs(as: promotions) && promotions.indices.allSatisfy { promotions[$0].rule == self.promotions[$0].rule }
    }

    /// The same ids in the same order (what each pricing call checks; see the contract above).
    public func hasSameIDs(as promotions: [Promotion]) -> Bool {
        guard promotions.count == self.promotions.count else { return false }
        return promotions.indices.allSatisfy { promotions[$0].id == self.promotions[$0].id }
    }

    /// The promotions that may touch `cart` (bit set as `everywhere`): those naming one of its
    /// SKUs or categories, and those touching every cart. Exact but for bundles, which also
    /// need every other item.
    func candidates(for cart: Cart) -> [UInt64] {
        var marks = everywhere
        // By index and field: iterating the lines would copy each (retaining its strings).
        for line in cart.lines.indices {
            if let range = bySKU.lookup(cart.lines[line].skuID) { for index in entries[range] { marks[index >> 6] |= 1 << UInt64(index & 63) } }
            if let category = cart.lines[line].categoryID, let range = byCategory.lookup(category) {
                for index in entries[range] { marks[index >> 6] |= 1 << UInt64(index & 63) }
            }
        }
        return marks
    }
}

/// A read-only table from id to a range, by open addressing with a multiplicative hash: a
/// look-up is a multiply, a shift and a compare or two, where the standard dictionary's seeded
/// hashing costs more than the rest of a catalog look-up (two per cart line and call).
struct RangeTable: Sendable {
    private let keys: [Int64]
    /// Empty where no key is stored (every stored range is non-empty).
    private let ranges: [Range<Int>]
    private let shift: UInt64

    init(_ map: [Int64: Range<Int>]) {
        var size = 8, bits: UInt64 = 3
        while size < 2 * map.count {
            size *= 2
            bits += 1
        }
        shift = 64 - bits
        var keys = Array(repeating: Int64(0), count: size)
        var ranges = Array(repeating: 0..<0, count: size)
        for (key, range) in map where !range.isEmpty {
            var slot = Self.slot(key, shift)
            while !ranges[slot].isEmpty { slot = (slot + 1) & (size - 1) }
            keys[slot] = key
            ranges[slot] = range
        }
        self.keys = keys
        self.ranges = ranges
    }

    @inline(__always)
    private static func slot(_ key: Int64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The range stored for `key`, or nil.
    func lookup(_ key: Int64) -> Range<Int>? {
        let mask = keys.count - 1
        var slot = Self.slot(key, shift)
        while !ranges[slot].isEmpty {
            if keys[slot] == key { return ranges[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
