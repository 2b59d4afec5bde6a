/// Which cart lines a promotion or coupon applies to: every line, or lines whose SKU or
/// category is listed. The caller expands category subtrees and maps codes to ids.
///
/// Wire form: `{"all": true}` or `{"sku_ids": [1, 2], "category_ids": [7]}` (ids ascending).
public struct PromotionScope: Sendable, Hashable, Codable {
    public var all: Bool
    public var skuIDs: Set<Int64>
    public var categoryIDs: Set<Int64>

    public init(all: Bool = false, skuIDs: Set<Int64> = [], categoryIDs: Set<Int64> = []) {
        self.all = all
        self.skuIDs = skuIDs
        self.categoryIDs = categoryIDs
    }

    /// Every line.
    public static let all = PromotionScope(all: true)

    public static func skus(_ ids: Set<Int64>) -> PromotionScope { PromotionScope(skuIDs: ids) }

    public static func categories(_ ids: Set<Int64>) -> PromotionScope { PromotionScope(categoryIDs: ids) }

    /// A line is eligible if the scope is `all`, or its SKU or its category is listed.
    public func contains(skuID: Int64, categoryID: Int64?) -> Bool {
        if all || skuIDs.contains(skuID) { return true }
        if let categoryID { return categoryIDs.contains(categoryID) }
        return false
    }

    public func contains(_ line: CartLine) -> Bool { contains(skuID: line.skuID, categoryID: line.categoryID) }

    /// A scope must be `all` or name at least one positive SKU or category id.
    public func validate(field: @autoclosure () -> String) throws(CommerceError) {
        if all { return }
        guard !skuIDs.isEmpty || !categoryIDs.isEmpty else {
            throw .invalid(field(), "A scope is {\"all\": true} or names SKUs or categories.", code: "required")
        }
        guard skuIDs.allSatisfy({ $0 > 0 }) else { throw .invalid("\(field()).sku_ids", "Ids must be positive.") }
        guard categoryIDs.allSatisfy({ $0 > 0 }) else { throw .invalid("\(field()).category_ids", "Ids must be positive.") }
    }

    enum CodingKeys: String, CodingKey {
        case all
        case skuIDs = "sku_ids"
        case categoryIDs = "category_ids"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        all = try container.decodeIfPresent(Bool.self, forKey: .all) ?? false
        skuIDs = Set(try container.decodeIfPresent([Int64].self, forKey: .skuIDs) ?? [])
        categoryIDs = Set(try container.decodeIfPresent([Int64].self, forKey: .categoryIDs) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if all {
            try container.encode(true, forKey: .all)
            return
        }
        if !skuIDs.isEmpty { try container.encode(skuIDs.sorted(), forKey: .skuIDs) }
        if !categoryIDs.isEmpty { try container.encode(categoryIDs.sorted(), forKey: .categoryIDs) }
    }
}
