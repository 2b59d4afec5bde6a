import Commerce

extension PostgresStore {
    /// The advisory lock (per shop) held while a coupon's codes are written: "CPNC" in the high half, the shop in the low.
    static let couponCodesLock: Int64 = 0x4350_4E43 << 32

    public func createCoupon(_ shop: ShopID, _ coupon: NewCoupon, now: Instant) async throws -> CouponRecord {
        try await write { db in
            let mode: CouponCodeMode = coupon.uniqueCodes.isEmpty ? .shared : .unique
            // A code must not be both a shared code (coupons) and a unique one (coupon_codes); no index spans
            // the two tables, so concurrent creations in one shop take turns, and each check sees the others' codes.
            try await db.run("SELECT pg_advisory_xact_lock(?)", [Self.couponCodesLock | shop])
            // ON CONFLICT instead of catching the violation: a failed statement would abort the transaction.
            guard let inserted = try await db.row(
                """
                INSERT INTO coupons (shop_id, name, terms, starts_at, ends_at, valid_days, total_limit, per_customer_limit, code,
                                     code_mode, created_at)
                VALUES (?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (shop_id, code) DO NOTHING RETURNING id
                """,
                [shop, coupon.terms.name, coupon.startsAt?.millisecondsSinceEpoch, coupon.endsAt?.millisecondsSinceEpoch,
                 coupon.validDays, mode == .unique ? Int64(coupon.uniqueCodes.count) : coupon.totalLimit, coupon.perCustomerLimit,
                 coupon.code, mode.rawValue, now.millisecondsSinceEpoch])
            else { throw StoreError.duplicate(field: "code", value: coupon.code ?? "") }
            let id: Int64 = inserted[0]
            var terms = coupon.terms
            terms.id = id
            try await db.run("UPDATE coupons SET terms = ? WHERE id = ?", [JSONColumn.encode(terms), id])
            try await Self.bumpPricingVersion(db, shop: shop)
            for (index, code) in coupon.uniqueCodes.enumerated() {
                let taken = try await db.row("SELECT 1 FROM coupons WHERE shop_id = ? AND code = ?", [shop, code]) != nil
                guard !taken, try await db.run(
                    "INSERT INTO coupon_codes (shop_id, code, coupon_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [shop, code, id]) == 1
                else { throw StoreError.duplicate(field: "unique_codes[\(index)]", value: code) }
            }
            if let code = coupon.code, try await db.row("SELECT 1 FROM coupon_codes WHERE shop_id = ? AND code = ?", [shop, code]) != nil {
                throw StoreError.duplicate(field: "code", value: code)
            }
            return try await Self.requireCoupon(db, shop: shop, id: id)
        }
    }

    public func coupon(_ shop: ShopID, id: Int64) async throws -> CouponRecord? {
        try await read { db in try await Self.coupon(db, shop: shop, id: id) }
    }

    public func coupons(_ shop: ShopID, page: PageRequest) async throws -> Page<CouponRecord> {
        try await read { db in
            try await db.rows(
                "SELECT \(PromotionRows.couponColumns) FROM coupons WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                [shop, page.startingAfter ?? Int64.max, page.limit + 1]
            ).map(PromotionRows.coupon).page(limit: page.limit)
        }
    }

    public func couponForCode(_ shop: ShopID, code: String) async throws -> CouponRecord? {
        try await read { db in try await Self.couponForCode(db, shop: shop, code: code) }
    }

    static func couponForCode(_ db: PGSession, shop: ShopID, code: String) async throws -> CouponRecord? {
        if let row = try await db.row("SELECT \(PromotionRows.couponColumns) FROM coupons WHERE shop_id = ? AND code = ?", [shop, code]) {
            return try PromotionRows.coupon(row)
        }
        guard let owner = try await db.row("SELECT coupon_id FROM coupon_codes WHERE shop_id = ? AND code = ?", [shop, code]) else { return nil }
        return try await coupon(db, shop: shop, id: owner[0])
    }

    public func claimCoupon(_ shop: ShopID, couponID: Int64, customerID: Int64, code: String?, now: Instant) async throws -> CouponClaim {
        try await write { db in try await Self.claim(db, shop: shop, couponID: couponID, customerID: customerID, code: code, now: now) }
    }

    /// Claims within the limits: validity, the per-customer limit, then the total issue limit (guarded).
    static func claim(_ db: PGSession, shop: ShopID, couponID: Int64, customerID: Int64, code: String?, now: Instant) async throws -> CouponClaim {
        // SQLite's single writer made the per-customer count and the free-code pick below safe; here the
        // coupon row is locked first, so claims of one coupon from any instance take turns and each counts
        // (in a fresh statement snapshot) the claims committed before it.
        guard let locked = try await db.row("SELECT \(PromotionRows.couponColumns) FROM coupons WHERE shop_id = ? AND id = ? FOR UPDATE", [shop, couponID]) else {
            throw StoreError.notFound(entity: "coupon", id: "cpn_\(couponID)")
        }
        let coupon = try PromotionRows.coupon(locked)
        if let endsAt = coupon.endsAt, now >= endsAt {
            throw StoreError.rejected(code: "coupon_expired", field: nil, message: "The coupon's validity has ended.", kind: .invalid)
        }
        let held: Int64 = try await db.row(
            "SELECT COUNT(*) FROM coupon_claims WHERE shop_id = ? AND coupon_id = ? AND customer_id = ?", [shop, couponID, customerID])?[0] ?? 0
        guard held < coupon.perCustomerLimit else {
            throw StoreError.claimLimitReached
        }
        guard try await db.run("UPDATE coupons SET issued = issued + 1 WHERE id = ? AND (total_limit IS NULL OR issued < total_limit)", [couponID]) == 1 else {
            throw StoreError.couponIssuedOut
        }
        let claimCode: String
        switch coupon.codeMode {
        case .shared:
            claimCode = coupon.code ?? "CPN-\(couponID)"
        case .unique:
            let free: PGRow?
            if let code {
                free = try await db.row("SELECT code FROM coupon_codes WHERE shop_id = ? AND code = ? AND coupon_id = ? AND claim_id IS NULL", [shop, code, couponID])
            } else {
                free = try await db.row("SELECT code FROM coupon_codes WHERE coupon_id = ? AND claim_id IS NULL LIMIT 1", [couponID])
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
        let claimID = try await db.insert(
            """
            INSERT INTO coupon_claims (shop_id, coupon_id, customer_id, code, status, valid_from, valid_until, claimed_at)
            VALUES (?, ?, ?, ?, 'claimed', ?, ?, ?)
            """,
            [shop, couponID, customerID, claimCode, validFrom.millisecondsSinceEpoch, validUntil.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
        if coupon.codeMode == .unique {
            try await db.run("UPDATE coupon_codes SET claim_id = ? WHERE shop_id = ? AND code = ?", [claimID, shop, claimCode])
        }
        return CouponClaim(
            id: claimID, couponID: couponID, customerID: customerID, code: claimCode, status: .claimed, validFrom: validFrom,
            validUntil: validUntil, orderID: nil, claimedAt: now)
    }

    public func claims(_ shop: ShopID, customerID: Int64) async throws -> [CouponClaim] {
        try await read { db in
            try await db.rows("SELECT \(PromotionRows.claimColumns) FROM coupon_claims WHERE shop_id = ? AND customer_id = ? ORDER BY id", [shop, customerID]).map(PromotionRows.claim)
        }
    }

    /// The customer's claims for `code`, best first (unredeemed before redeemed, then oldest).
    static func claims(_ db: PGSession, shop: ShopID, customerID: Int64, code: String) async throws -> [CouponClaim] {
        try await db.rows(
            """
            SELECT \(PromotionRows.claimColumns) FROM coupon_claims WHERE shop_id = ? AND customer_id = ? AND code = ?
            ORDER BY status = 'redeemed', id
            """, [shop, customerID, code]
        ).map(PromotionRows.claim)
    }

    static func requireCoupon(_ db: PGSession, shop: ShopID, id: Int64) async throws -> CouponRecord {
        guard let coupon = try await coupon(db, shop: shop, id: id) else { throw StoreError.notFound(entity: "coupon", id: "cpn_\(id)") }
        return coupon
    }

    static func coupon(_ db: PGSession, shop: ShopID, id: Int64) async throws -> CouponRecord? {
        try await db.row("SELECT \(PromotionRows.couponColumns) FROM coupons WHERE shop_id = ? AND id = ?", [shop, id]).map(PromotionRows.coupon)
    }

}
