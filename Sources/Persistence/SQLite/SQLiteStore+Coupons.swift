import Commerce
import GRDB

extension SQLiteStore {

    public func createCoupon(_ shop: ShopID, _ coupon: NewCoupon, now: Instant) async throws -> CouponRecord {
        try await pool.write { db in
            let mode: CouponCodeMode = coupon.uniqueCodes.isEmpty ? .shared : .unique
            do {
                try db.run(
                    """
                    INSERT INTO coupons (shop_id, name, terms, starts_at, ends_at, valid_days, total_limit, per_customer_limit, code,
                                         code_mode, created_at)
                    VALUES (?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [shop, coupon.terms.name, coupon.startsAt?.millisecondsSinceEpoch, coupon.endsAt?.millisecondsSinceEpoch,
                     coupon.validDays, mode == .unique ? Int64(coupon.uniqueCodes.count) : coupon.totalLimit, coupon.perCustomerLimit,
                     coupon.code, mode.rawValue, now.millisecondsSinceEpoch])
            } catch let error as DatabaseError where error.isUniqueViolation {
                throw StoreError.duplicate(field: "code", value: coupon.code ?? "")
            }
            let id = db.lastInsertedRowID
            var terms = coupon.terms
            terms.id = id
            try db.run("UPDATE coupons SET terms = ? WHERE id = ?", [JSONColumn.encode(terms), id])
            try Self.bumpPricingVersion(db, shop: shop)
            for (index, code) in coupon.uniqueCodes.enumerated() {
                let taken = try db.row("SELECT 1 FROM coupons WHERE shop_id = ? AND code = ?", [shop, code]) != nil
                do {
                    guard !taken else { throw StoreError.duplicate(field: "unique_codes[\(index)]", value: code) }
                    try db.run("INSERT INTO coupon_codes (shop_id, code, coupon_id) VALUES (?, ?, ?)", [shop, code, id])
                } catch let error as DatabaseError where error.isUniqueViolation {
                    throw StoreError.duplicate(field: "unique_codes[\(index)]", value: code)
                }
            }
            if let code = coupon.code, try db.row("SELECT 1 FROM coupon_codes WHERE shop_id = ? AND code = ?", [shop, code]) != nil {
                throw StoreError.duplicate(field: "code", value: code)
            }
            return try Self.requireCoupon(db, shop: shop, id: id)
        }
    }

    public func coupon(_ shop: ShopID, id: Int64) async throws -> CouponRecord? {
        try await pool.read { db in try Self.coupon(db, shop: shop, id: id) }
    }

    public func coupons(_ shop: ShopID, page: PageRequest) async throws -> Page<CouponRecord> {
        try await pool.read { db in
            try db.rows(
                "SELECT \(PromotionRows.couponColumns) FROM coupons WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                [shop, page.startingAfter ?? Int64.max, page.limit + 1]
            ).map(PromotionRows.coupon).page(limit: page.limit)
        }
    }

    public func couponForCode(_ shop: ShopID, code: String) async throws -> CouponRecord? {
        try await pool.read { db in try Self.couponForCode(db, shop: shop, code: code) }
    }

    static func couponForCode(_ db: Database, shop: ShopID, code: String) throws -> CouponRecord? {
        if let row = try db.row("SELECT \(PromotionRows.couponColumns) FROM coupons WHERE shop_id = ? AND code = ?", [shop, code]) {
            return try PromotionRows.coupon(row)
        }
        guard let owner = try db.row("SELECT coupon_id FROM coupon_codes WHERE shop_id = ? AND code = ?", [shop, code]) else { return nil }
        return try coupon(db, shop: shop, id: owner[0])
    }

    public func claimCoupon(_ shop: ShopID, couponID: Int64, customerID: Int64, code: String?, now: Instant) async throws -> CouponClaim {
        try await pool.write { db in try Self.claim(db, shop: shop, couponID: couponID, customerID: customerID, code: code, now: now) }
    }

    /// Claims within the limits: validity, the per-customer limit, then the total issue limit (guarded).
    static func claim(_ db: Database, shop: ShopID, couponID: Int64, customerID: Int64, code: String?, now: Instant) throws -> CouponClaim {
        let coupon = try requireCoupon(db, shop: shop, id: couponID)
        if let endsAt = coupon.endsAt, now >= endsAt {
            throw StoreError.rejected(code: "coupon_expired", field: nil, message: "The coupon's validity has ended.", kind: .invalid)
        }
        let held = try db.row("SELECT COUNT(*) FROM coupon_claims WHERE shop_id = ? AND coupon_id = ? AND customer_id = ?", [shop, couponID, customerID])
        guard (held?[0] as Int64? ?? 0) < coupon.perCustomerLimit else {
            throw StoreError.claimLimitReached
        }
        try db.run("UPDATE coupons SET issued = issued + 1 WHERE id = ? AND (total_limit IS NULL OR issued < total_limit)", [couponID])
        guard db.changesCount == 1 else {
            throw StoreError.couponIssuedOut
        }
        let claimCode: String
        switch coupon.codeMode {
        case .shared:
            claimCode = coupon.code ?? "CPN-\(couponID)"
        case .unique:
            let free: Row?
            if let code {
                free = try db.row("SELECT code FROM coupon_codes WHERE shop_id = ? AND code = ? AND coupon_id = ? AND claim_id IS NULL", [shop, code, couponID])
            } else {
                free = try db.row("SELECT code FROM coupon_codes WHERE coupon_id = ? AND claim_id IS NULL LIMIT 1", [couponID])
            }
            guard let free else {
                throw StoreError.rejected(code: "already_used", field: "code", message: "This code has been claimed already.", kind: .conflict)
            }
            claimCode = free[0]
        }
        let validFrom = max(now, coupon.startsAt ?? now)
        // valid_days count from when the claim becomes usable; without an end, the last ISO-8601 instant (9999-12-31T23:59:59.999Z).
        var validUntil = coupon.validDays.map { validFrom.adding(seconds: $0 * 86_400) } ?? coupon.endsAt ?? Instant(millisecondsSinceEpoch: 253_402_300_799_999)
        if let endsAt = coupon.endsAt { validUntil = min(validUntil, endsAt) }
        try db.run(
            """
            INSERT INTO coupon_claims (shop_id, coupon_id, customer_id, code, status, valid_from, valid_until, claimed_at)
            VALUES (?, ?, ?, ?, 'claimed', ?, ?, ?)
            """,
            [shop, couponID, customerID, claimCode, validFrom.millisecondsSinceEpoch, validUntil.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
        let claimID = db.lastInsertedRowID
        if coupon.codeMode == .unique {
            try db.run("UPDATE coupon_codes SET claim_id = ? WHERE shop_id = ? AND code = ?", [claimID, shop, claimCode])
        }
        return CouponClaim(
            id: claimID, couponID: couponID, customerID: customerID, code: claimCode, status: .claimed, validFrom: validFrom,
            validUntil: validUntil, orderID: nil, claimedAt: now)
    }

    public func claims(_ shop: ShopID, customerID: Int64) async throws -> [CouponClaim] {
        try await pool.read { db in
            try db.rows("SELECT \(PromotionRows.claimColumns) FROM coupon_claims WHERE shop_id = ? AND customer_id = ? ORDER BY id", [shop, customerID]).map(PromotionRows.claim)
        }
    }

    /// The customer's claims for `code`, best first (unredeemed before redeemed, then oldest).
    static func claims(_ db: Database, shop: ShopID, customerID: Int64, code: String) throws -> [CouponClaim] {
        try db.rows(
            """
            SELECT \(PromotionRows.claimColumns) FROM coupon_claims WHERE shop_id = ? AND customer_id = ? AND code = ?
            ORDER BY status = 'redeemed', id
            """, [shop, customerID, code]
        ).map(PromotionRows.claim)
    }

    static func requireCoupon(_ db: Database, shop: ShopID, id: Int64) throws -> CouponRecord {
        guard let coupon = try coupon(db, shop: shop, id: id) else { throw StoreError.notFound(entity: "coupon", id: "cpn_\(id)") }
        return coupon
    }

    static func coupon(_ db: Database, shop: ShopID, id: Int64) throws -> CouponRecord? {
        try db.row("SELECT \(PromotionRows.couponColumns) FROM coupons WHERE shop_id = ? AND id = ?", [shop, id]).map(PromotionRows.coupon)
    }

}
