/// A set of promotions and coupons priced together (ids ascending, no duplicates).
public struct PromotionCombination: Sendable, Hashable, Codable, CustomStringConvertible {
    public var promotionIDs: [Int64]
    public var couponIDs: [Int64]

    public init(promotionIDs: [Int64] = [], couponIDs: [Int64] = []) {
        self.promotionIDs = Self.normalized(promotionIDs)
        self.couponIDs = Self.normalized(couponIDs)
    }

    /// Ascending, without repeats.
    private static func normalized(_ ids: [Int64]) -> [Int64] {
        guard ids.count > 1 else { return ids }
        var sorted = ids.sorted()
        var kept = 1
        for index in 1..<sorted.count where sorted[index] != sorted[kept - 1] {
            sorted[kept] = sorted[index]
            kept += 1
        }
        sorted.removeSubrange(kept...)
        return sorted
    }

    public static let none = PromotionCombination()

    public var isEmpty: Bool { promotionIDs.isEmpty && couponIDs.isEmpty }

    /// The documented tie-break between combinations with the same total: fewer coupons,
    /// then fewer promotions, then the lexicographically smaller ascending promotion ids,
    /// then the smaller coupon ids.
    public static func prefers(_ lhs: PromotionCombination, over rhs: PromotionCombination) -> Bool {
        if lhs.couponIDs.count != rhs.couponIDs.count { return lhs.couponIDs.count < rhs.couponIDs.count }
        if lhs.promotionIDs.count != rhs.promotionIDs.count { return lhs.promotionIDs.count < rhs.promotionIDs.count }
        if lhs.promotionIDs != rhs.promotionIDs { return lhs.promotionIDs.lexicographicallyPrecedes(rhs.promotionIDs) }
        return lhs.couponIDs.lexicographicallyPrecedes(rhs.couponIDs)
    }

    enum CodingKeys: String, CodingKey {
        case promotionIDs = "promotion_ids"
        case couponIDs = "coupon_ids"
    }

    public var description: String { "promotions \(promotionIDs) coupons \(couponIDs)" }
}
