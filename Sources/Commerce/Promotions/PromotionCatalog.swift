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
    private let bySKU: [Int64: Range<Int>]
    private let byCategory: [Int64: Range<Int>]
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
        bySKU = flatten(skus)
        byCategory = flatten(categories)
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
        for line in cart.lines {
            if let range = bySKU[line.skuID] { for index in entries[range] { marks[index >> 6] |= 1 << UInt64(index & 63) } }
            if let category = line.categoryID, let range = byCategory[category] {
                for index in entries[range] { marks[index >> 6] |= 1 << UInt64(index & 63) }
            }
        }
        return marks
    }
}
