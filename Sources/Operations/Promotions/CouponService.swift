import Commerce
import Foundation
import Persistence

/// Use cases of coupons (优惠券): define, issue codes, claim; redemption happens with the order.
public struct CouponService: Sendable {
    let store: any Store
    let time: any TimeSource

    public init(store: any Store, time: any TimeSource) {
        self.store = store
        self.time = time
    }

    /// Creates a coupon from its wire JSON: terms (`discount`, `threshold`, `scope`, `combines_with`,
    /// `stacks_with_coupons`), validity (`starts_at`, `ends_at`, `valid_days`), limits
    /// (`total_limit`, `per_customer_limit`) and codes (`code` shared, or `unique_codes`: N to generate).
    public func create(_ shop: ShopInfo, json: [UInt8]) async throws -> CouponRecord {
        var object = try PromotionService.object(json)
        guard let name = object["name"] as? String else { throw PromotionHeader.missingOrWrong("name", object, "a string") }
        try CatalogRules.validateTitle(name, field: "name")
        let threshold = try PromotionHeader.money(object, "threshold", currency: shop.currency)
        object["threshold"] = threshold ?? 0
        if let discount = object["discount"] as? [String: Any], discount["amount"] is [String: Any] {
            var flattened = discount
            flattened["amount"] = try PromotionHeader.money(discount, "amount", currency: shop.currency)
            object["discount"] = flattened
        }
        object["id"] = 0
        object["scope"] = object["scope"] ?? ["all": true]
        let stored = try await SKUReferences(store: store, shop: shop).toStorage(object)
        let terms: CouponTerms
        do {
            terms = try JSONDecoder().decode(CouponTerms.self, from: JSONSerialization.data(withJSONObject: stored))
        } catch let error as DecodingError {
            throw PromotionHeader.describe(error)
        }
        do {
            try terms.validate()
        } catch {
            throw CommerceError(code: error.code, field: error.field.map(PromotionHeader.wireField), message: error.message, kind: error.kind)
        }
        let startsAt = try object["starts_at"].map { _ in try PromotionHeader.time(object, "starts_at") }
        let endsAt = try object["ends_at"].map { _ in try PromotionHeader.time(object, "ends_at") }
        if let startsAt, let endsAt, endsAt <= startsAt { throw CommerceError.invalid("ends_at", "ends_at must be after starts_at.", code: "invalid_window") }
        let validDays = try PromotionHeader.integer(object, "valid_days")
        if let validDays, !(1...3650).contains(validDays) { throw CommerceError.invalid("valid_days", "valid_days is 1 to 3650.") }
        let totalLimit = try PromotionHeader.integer(object, "total_limit")
        if let totalLimit, totalLimit <= 0 { throw CommerceError.invalid("total_limit", "total_limit must be positive.") }
        let perCustomer = try PromotionHeader.integer(object, "per_customer_limit") ?? 1
        guard perCustomer > 0 else { throw CommerceError.invalid("per_customer_limit", "per_customer_limit must be positive.") }
        let uniqueCount = try PromotionHeader.integer(object, "unique_codes") ?? 0
        guard (0...100_000).contains(uniqueCount) else { throw CommerceError.invalid("unique_codes", "unique_codes is 0 to 100000.") }
        var code = object["code"] as? String
        if object["code"] != nil, code == nil { throw PromotionHeader.missingOrWrong("code", object, "a string") }
        if let given = code { try CatalogRules.validateCode(given, field: "code") }
        if code == nil && uniqueCount == 0 { code = "C" + AccessService.randomToken(length: 9).uppercased() }
        if code != nil && uniqueCount > 0 { throw CommerceError.invalid("code", "Give either a shared code or unique_codes.") }
        let uniqueCodes = (0..<uniqueCount).map { _ in "U" + AccessService.randomToken(length: 11).uppercased() }
        return try await store.createCoupon(
            shop.id,
            NewCoupon(
                terms: terms, startsAt: startsAt, endsAt: endsAt, validDays: validDays, totalLimit: uniqueCount > 0 ? Int64(uniqueCount) : totalLimit,
                perCustomerLimit: perCustomer, code: code, uniqueCodes: uniqueCodes),
            now: time.now())
    }

    public func coupon(_ shop: ShopInfo, id: String) async throws -> CouponRecord {
        guard let couponID = IDPrefix.coupon.parse(id), let coupon = try await store.coupon(shop.id, id: couponID) else {
            throw OperationsError.notFound(entity: "coupon", id: id)
        }
        return coupon
    }

    public func list(_ shop: ShopInfo, page: PageRequest) async throws -> Page<CouponRecord> {
        try await store.coupons(shop.id, page: page)
    }

    /// Claims a coupon for a customer, by coupon id or by code.
    public func claim(_ shop: ShopInfo, couponID: String?, code: String?, customerID: String) async throws -> CouponClaim {
        guard let customer = IDPrefix.customer.parse(customerID), try await store.customer(shop.id, id: customer) != nil else {
            throw OperationsError.unknownReference(code: "unknown_customer", field: "customer_id", message: "No customer \(customerID).")
        }
        let coupon: CouponRecord
        if let couponID {
            coupon = try await self.coupon(shop, id: couponID)
        } else if let code, let found = try await store.couponForCode(shop.id, code: code) {
            coupon = found
        } else {
            throw OperationsError.unknownReference(code: "coupon_not_found", field: "code", message: "No coupon with this code.")
        }
        return try await store.claimCoupon(shop.id, couponID: coupon.id, customerID: customer, code: coupon.codeMode == .unique ? code : nil, now: time.now())
    }

    public func claims(_ shop: ShopInfo, customerID: String) async throws -> [CouponClaim] {
        guard let customer = IDPrefix.customer.parse(customerID), try await store.customer(shop.id, id: customer) != nil else {
            throw OperationsError.notFound(entity: "customer", id: customerID)
        }
        return try await store.claims(shop.id, customerID: customer)
    }

    /// The wire JSON of a coupon, with SKU codes.
    public func wire(_ shop: ShopInfo, _ coupon: CouponRecord) async throws -> [String: Any] {
        let termsObject = try JSONSerialization.jsonObject(with: JSONEncoder().encode(coupon.terms)) as? [String: Any] ?? [:]
        let ids = SKUReferences.skuIDs(in: termsObject)
        let codes = ids.isEmpty ? [:] : try await store.skuCodes(shop.id, ids: Array(ids))
        var object = SKUReferences(store: store, shop: shop).toWire(termsObject, codes: codes)
        object["id"] = IDPrefix.coupon.format(coupon.id)
        object["starts_at"] = coupon.startsAt?.iso8601 ?? NSNull()
        object["ends_at"] = coupon.endsAt?.iso8601 ?? NSNull()
        object["valid_days"] = coupon.validDays ?? NSNull()
        object["total_limit"] = coupon.totalLimit ?? NSNull()
        object["per_customer_limit"] = coupon.perCustomerLimit
        object["issued"] = coupon.issued
        object["code"] = coupon.code ?? NSNull()
        object["code_mode"] = coupon.codeMode.rawValue
        object["created_at"] = coupon.createdAt.iso8601
        return object
    }
}
