/// A set of promotions and coupons priced together (ids ascending, no duplicates).
public struct PromotionCombination: Sendable, Hashable, Codable, CustomStringConvertible {
    public var promotionIDs: [Int64]
    public var couponIDs: [Int64]

    public init(promotionIDs: [Int64] = [], couponIDs: [Int64] = []) {
        self.promotionIDs = Array(Set(promotionIDs)).sorted()
        self.couponIDs = Array(Set(couponIDs)).sorted()
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
