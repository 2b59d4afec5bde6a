import Commerce

/// Promotions, coupons and their claims.
public protocol PromotionStore: Sendable {
    /// Stores a new promotion. A flash sale may not overlap another flash sale of its SKU.
    func createPromotion(_ shop: ShopID, _ definition: PromotionDefinition, now: Instant) async throws -> PromotionRecord
    /// Replaces a promotion's definition, keeping what has been used of it.
    func updatePromotion(_ shop: ShopID, id: Int64, _ definition: PromotionDefinition, now: Instant) async throws -> PromotionRecord
    func promotion(_ shop: ShopID, id: Int64) async throws -> PromotionRecord?
    /// Promotions whose window overlaps [from, to), newest first; all when no window.
    func promotions(_ shop: ShopID, overlapping window: (from: Instant, to: Instant)?, type: PromotionType?, page: PageRequest) async throws -> Page<PromotionRecord>
    /// The figures of paid-or-later orders in [from, to): those using `promotionID`, or, when nil,
    /// those containing any of `skuIDs` (all orders when `skuIDs` is nil).
    func promotionFigures(_ shop: ShopID, promotionID: Int64?, skuIDs: Set<Int64>?, from: Instant, to: Instant) async throws -> PromotionFigures

    func createCoupon(_ shop: ShopID, _ coupon: NewCoupon, now: Instant) async throws -> CouponRecord
    func coupon(_ shop: ShopID, id: Int64) async throws -> CouponRecord?
    func coupons(_ shop: ShopID, page: PageRequest) async throws -> Page<CouponRecord>
    /// Claims a coupon for a customer, within its total and per-customer limits (atomic).
    /// `code` picks a unique code to claim; otherwise the shared code or the next free unique code.
    func claimCoupon(_ shop: ShopID, couponID: Int64, customerID: Int64, code: String?, now: Instant) async throws -> CouponClaim
    func claims(_ shop: ShopID, customerID: Int64) async throws -> [CouponClaim]
    /// The coupon a code belongs to (shared or unique), if any.
    func couponForCode(_ shop: ShopID, code: String) async throws -> CouponRecord?
}
