import Commerce

extension PostgresStore {
    /// Unlike SQLite's single writer, PostgreSQL reads the snapshot without locking promotion
    /// counters, so a concurrent order can use up a budget, a use cap, flash stock or a customer's
    /// flash limit between the read and the guarded update. The update then refuses, and the order
    /// is priced again from a fresh snapshot — which no longer offers what ran out — as it would
    /// have been had it come a moment later. Only after several such races is the refusal returned.
    public func createOrder(
        _ shop: ShopID, _ new: OrderRequest, price: @escaping @Sendable (OrderSnapshot) throws -> PricedOrder
    ) async throws -> Order {
        var attempt = 0
        while true {
            do {
                return try await placeOrder(shop, new, price: price)
            } catch let race as PromotionRace {
                attempt += 1
                guard attempt < 5 else { throw race.refusal }
            }
        }
    }

    /// A guarded promotion update found a counter moved since the snapshot was read.
    struct PromotionRace: Error {
        let refusal: StoreError
    }

    private func placeOrder(
        _ shop: ShopID, _ new: OrderRequest, price: @escaping @Sendable (OrderSnapshot) throws -> PricedOrder
    ) async throws -> Order {
        try await write { db in
            let snapshot = try await self.snapshot(db, shop: shop, new, claimIfNeeded: true)
            let pricedOrder = try price(snapshot)
            let priced = pricedOrder.cart
            let created = new.createdAt.millisecondsSinceEpoch
            let orderID = try await db.insert(
                """
                INSERT INTO orders (shop_id, customer_id, status, currency, subtotal, discount, shipping, shipping_discount, total,
                                    shipping_address, hold_expires_at, created_at, updated_at, session_id, anonymous_id)
                VALUES (?, ?, 'pending_payment', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [shop, new.customerID, priced.total.currency.code, priced.subtotal.amount, priced.discount.amount,
                 priced.shipping.amount, priced.shippingDiscount.amount, priced.total.amount, new.shippingAddress.map(JSONColumn.encode),
                 pricedOrder.holdExpiresAt.millisecondsSinceEpoch, created, created, new.sessionID, new.anonymousID])
            var lines: [OrderLine] = []
            for (index, priced) in priced.lines.enumerated() {
                let line = priced.line
                try await db.run(
                    """
                    INSERT INTO order_lines (order_id, line_no, shop_id, sku_id, sku_code, title, quantity, unit_price, discount, total)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [orderID, index, shop, line.skuID, line.skuCode, line.title, line.quantity, line.listPrice.amount,
                     priced.discount.amount, priced.total.amount])
                for (position, applied) in priced.applied.enumerated() where applied.amount.amount > 0 {
                    try await db.run(
                        """
                        INSERT INTO order_line_discounts (order_id, line_no, shop_id, source, source_id, name, amount, position)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, [orderID, index, shop, applied.source.rawValue, applied.promotionID, applied.name, applied.amount.amount, position])
                }
                lines.append(OrderLine(
                    skuID: line.skuID, skuCode: line.skuCode, title: line.title, quantity: line.quantity,
                    unitPrice: line.listPrice, discount: priced.discount, total: priced.total, applied: priced.applied))
            }
            try await Self.takeFromPromotions(db, shop: shop, orderID: orderID, customerID: new.customerID, pricedOrder, snapshot: snapshot)
            if let customerID = new.customerID {
                try await Self.spendPoints(db, shop: shop, customerID: customerID, orderID: orderID, points: priced.pointsRedeemed, now: new.createdAt)
            }
            try await self.recordOrderEvent(
                db, shop: shop, type: "order_placed", orderID: orderID, customerID: new.customerID, total: priced.total.amount,
                at: new.createdAt, sessionID: new.sessionID, anonymousID: new.anonymousID)
            // Stock last: a popular SKU's rows are the hottest locks, held from here to the commit,
            // so every other statement runs before them (promotion rows, also locked, come first).
            try await Self.lockStock(db, shop: shop, skuIDs: priced.lines.map(\.line.skuID))
            for (index, priced) in priced.lines.enumerated() {
                try await Self.hold(db, shop: shop, orderID: orderID, line: priced.line, field: "lines[\(index)].quantity", now: new.createdAt)
            }
            return Order(
                id: orderID, customerID: new.customerID, status: .pendingPayment, lines: lines, subtotal: priced.subtotal,
                discount: priced.discount, shipping: priced.shipping, total: priced.total, shippingAddress: new.shippingAddress,
                shipment: nil, cancelReason: nil, holdExpiresAt: pricedOrder.holdExpiresAt, createdAt: new.createdAt, updatedAt: new.createdAt)
        }
    }

    public func orderSnapshot(_ shop: ShopID, _ request: OrderRequest) async throws -> OrderSnapshot {
        try await snapshot { db in try await self.snapshot(db, shop: shop, request, claimIfNeeded: false) }
    }

    /// Listings, live promotions with counters, the customer's flash purchases and coupon claim.
    /// With `claimIfNeeded`, a shared code the customer has not claimed yet is claimed here.
    func snapshot(_ db: PGSession, shop: ShopID, _ request: OrderRequest, claimIfNeeded: Bool) async throws -> OrderSnapshot {
        // Inside `createOrder` (READ COMMITTED) each statement sees its own snapshot: the version is
        // read first, so whatever is read after it is at least as new as the version says.
        let pricingVersion = try await Self.pricingVersion(db, shop: shop)
        var snapshot = OrderSnapshot(
            listings: try await Self.skuListings(db, shop: shop, codes: request.skuCodes),
            promotions: try await livePromotions(db, shop: shop, at: request.createdAt))
        snapshot.pricingVersion = pricingVersion
        if let customerID = request.customerID {
            let standing = try await Self.memberStanding(db, shop: shop, customerID: customerID, now: request.createdAt)
            snapshot.member = MemberStanding(program: standing.program, tier: standing.tier, points: standing.balance)
        }
        if let customerID = request.customerID, snapshot.promotions.contains(where: { if case .flashSale = $0.rule { true } else { false } }) {
            for row in try await db.rows("SELECT promotion_id, quantity FROM flash_purchases WHERE shop_id = ? AND customer_id = ?", [shop, customerID]) {
                snapshot.flashPurchased[row[0]] = row[1]
            }
        }
        if let code = request.couponCode, let coupon = try await Self.couponForCode(db, shop: shop, code: code) {
            snapshot.coupon = coupon
            if let customerID = request.customerID {
                snapshot.claim = try await Self.claims(db, shop: shop, customerID: customerID, code: code).first
                // Only a shared code is claimed on the way; a unique code is claimed first (as quotes assume).
                if snapshot.claim == nil, claimIfNeeded, coupon.codeMode == .shared {
                    do {
                        snapshot.claim = try await Self.claim(db, shop: shop, couponID: coupon.id, customerID: customerID, code: code, now: request.createdAt)
                    } catch StoreError.rejected(let code, _, let message, _) {
                        // Refused like the quote refuses it: about the order's coupon_code.
                        throw StoreError.rejected(code: code, field: "coupon_code", message: message, kind: .invalid)
                    }
                }
            }
        }
        return snapshot
    }

    /// Counts the order against promotion budgets and uses, flash stock and limits, and redeems
    /// its coupon claim — every step guarded, so no cap is exceeded whatever runs concurrently.
    static func takeFromPromotions(
        _ db: PGSession, shop: ShopID, orderID: Int64, customerID: Int64?, _ order: PricedOrder, snapshot: OrderSnapshot
    ) async throws {
        let cart = order.cart
        // Promotion rows are updated in id order, so orders sharing several promotions cannot deadlock.
        for total in cart.promotions.sorted(by: { $0.promotionID < $1.promotionID }) {
            let units = cart.flashUnits[total.promotionID] ?? 0
            let taken = try await db.run(
                """
                UPDATE promotions SET budget_used = budget_used + ?1, uses_count = uses_count + 1, flash_sold = flash_sold + ?2
                WHERE id = ?3 AND shop_id = ?4 AND (budget_cap IS NULL OR budget_used + ?1 <= budget_cap)
                  AND (uses_cap IS NULL OR uses_count < uses_cap) AND (flash_stock IS NULL OR flash_sold + ?2 <= flash_stock)
                """, [total.amount.amount, units, total.promotionID, shop])
            guard taken == 1 else {
                throw PromotionRace(refusal: .rejected(
                    code: "promotion_exhausted", field: nil, message: "\(total.name) has no budget, uses or stock left.", kind: .conflict))
            }
            if units > 0, let customerID, case .flashSale(let flash)? = snapshot.promotions.first(where: { $0.id == total.promotionID })?.rule {
                let counted = try await db.run(
                    """
                    INSERT INTO flash_purchases (promotion_id, customer_id, shop_id, quantity) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (promotion_id, customer_id) DO UPDATE SET quantity = flash_purchases.quantity + ?4
                    WHERE flash_purchases.quantity + ?4 <= ?5
                    """, [total.promotionID, customerID, shop, units, flash.perCustomerLimit])
                guard counted == 1, units <= flash.perCustomerLimit else {
                    throw PromotionRace(refusal: .rejected(
                        code: "limit_reached", field: "lines", message: "The per-customer limit of \(total.name) is reached.", kind: .conflict))
                }
            }
            try await db.run(
                "INSERT INTO order_discounts (order_id, shop_id, source, source_id, name, amount, units) VALUES (?, ?, 'promotion', ?, ?, ?, ?)",
                [orderID, shop, total.promotionID, total.name, total.amount.amount, units > 0 ? units : total.units])
        }
        for coupon in cart.coupons {
            var claimID: Int64?
            if let claim = snapshot.claim, claim.couponID == coupon.couponID, order.redeemedClaimID == claim.id {
                let redeemed = try await db.run(
                    "UPDATE coupon_claims SET status = 'redeemed', order_id = ? WHERE id = ? AND status = 'claimed'", [orderID, claim.id])
                guard redeemed == 1 else {
                    throw StoreError.rejected(code: "already_used", field: "coupon_code", message: "This coupon has been used.", kind: .invalid)
                }
                claimID = claim.id
            }
            try await db.run(
                "INSERT INTO order_discounts (order_id, shop_id, source, source_id, name, amount, units, claim_id) VALUES (?, ?, 'coupon', ?, ?, ?, 0, ?)",
                [orderID, shop, coupon.couponID, coupon.name, coupon.amount.amount, claimID])
        }
    }

    /// Gives back what a cancelled order took: budget, a use, flash stock and limit, its coupon claim.
    static func releasePromotions(_ db: PGSession, shop: ShopID, orderID: Int64, customerID: Int64?) async throws {
        // Promotions first and by id, then the claim: the order `takeFromPromotions` locks them in.
        let taken = try await db.rows(
            "SELECT source, source_id, amount, units, claim_id FROM order_discounts WHERE order_id = ? ORDER BY source DESC, source_id",
            [orderID])
        for row in taken {
            let source: String = row[0]
            let sourceID: Int64 = row[1]
            let amount: Int64 = row[2]
            if source == "promotion" {
                let isFlash = try await db.row("SELECT flash_stock FROM promotions WHERE id = ?", [sourceID]).map { !$0.isNull(0) } ?? false
                let units: Int64 = isFlash ? row[3] : 0
                try await db.run(
                    """
                    UPDATE promotions SET budget_used = GREATEST(0, budget_used - ?), uses_count = GREATEST(0, uses_count - 1),
                        flash_sold = GREATEST(0, flash_sold - ?) WHERE id = ?
                    """, [amount, units, sourceID])
                if units > 0, let customerID {
                    try await db.run(
                        "UPDATE flash_purchases SET quantity = GREATEST(0, quantity - ?) WHERE promotion_id = ? AND customer_id = ?",
                        [units, sourceID, customerID])
                }
            } else if let claimID: Int64 = row[4] {
                try await db.run("UPDATE coupon_claims SET status = 'claimed', order_id = NULL WHERE id = ? AND order_id = ?", [claimID, orderID])
            }
        }
    }

    /// Locks every stock row of these SKUs in (sku, warehouse) order before any is changed: orders
    /// holding several SKUs cannot deadlock, and the levels read next to plan holds stay current.
    static func lockStock(_ db: PGSession, shop: ShopID, skuIDs: [Int64]) async throws {
        let ids = Set(skuIDs).sorted()
        guard !ids.isEmpty else { return }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        try await db.run(
            "SELECT 1 FROM stock_levels WHERE shop_id = ? AND sku_id IN (\(marks)) ORDER BY sku_id, warehouse_id FOR UPDATE",
            [shop] + ids.map { $0 as (any PGBindable)? })
    }

    /// Holds a line's units across warehouses in priority order, or throws `insufficient_stock`.
    /// The caller has locked the SKU's stock rows (`lockStock`).
    static func hold(_ db: PGSession, shop: ShopID, orderID: Int64, line: CartLine, field: String, now: Instant) async throws {
        let levels = try await levels(db, shop: shop, skuID: line.skuID)
        let plan = try StockRules.planHold(quantity: line.quantity, levels: levels, sku: line.skuCode, field: field)
        for part in plan {
            let change = StockChange(skuID: line.skuID, warehouseID: part.warehouseID, held: part.quantity, reason: .hold, orderID: orderID)
            guard try await applyStock(db, shop: shop, change, now: now) != nil else {
                throw StoreError.insufficientStock(sku: line.skuCode, field: field)
            }
            try await db.run(
                """
                INSERT INTO order_stock (order_id, sku_id, warehouse_id, shop_id, quantity) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (order_id, sku_id, warehouse_id) DO UPDATE SET quantity = order_stock.quantity + excluded.quantity
                """, [orderID, line.skuID, part.warehouseID, shop, part.quantity])
        }
    }

    /// Moves every unit the order has in stock by the given per-unit deltas (e.g. held −1, allocated +1),
    /// row by row in (sku, warehouse) order like `lockStock`.
    static func moveOrderStock(
        _ db: PGSession, shop: ShopID, orderID: Int64, onHand: Int64 = 0, held: Int64 = 0, allocated: Int64 = 0,
        reason: StockReason, now: Instant
    ) async throws {
        let parts = try await db.rows(
            "SELECT sku_id, warehouse_id, quantity FROM order_stock WHERE order_id = ? ORDER BY sku_id, warehouse_id", [orderID])
        for row in parts {
            let quantity: Int64 = row["quantity"]
            let change = StockChange(
                skuID: row["sku_id"], warehouseID: row["warehouse_id"], onHand: onHand * quantity, held: held * quantity,
                allocated: allocated * quantity, reason: reason, orderID: orderID)
            guard try await applyStock(db, shop: shop, change, now: now) != nil else {
                throw StoreError.stateChanged(entity: "stock of order ord_\(orderID)", current: "inconsistent")
            }
        }
    }
}
