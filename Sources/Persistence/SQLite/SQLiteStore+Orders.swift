import Commerce
import GRDB

extension SQLiteStore {
    public func createOrder(
        _ shop: ShopID, _ new: OrderRequest, price: @escaping @Sendable (OrderSnapshot) throws -> PricedOrder
    ) async throws -> Order {
        try await batcher.write { db in
            let snapshot = try self.snapshot(db, shop: shop, new, claimIfNeeded: true)
            let pricedOrder = try price(snapshot)
            let priced = pricedOrder.cart
            let created = new.createdAt.millisecondsSinceEpoch
            try db.run(
                """
                INSERT INTO orders (shop_id, customer_id, status, currency, subtotal, discount, shipping, shipping_discount, total,
                                    shipping_address, hold_expires_at, created_at, updated_at, session_id, anonymous_id)
                VALUES (?, ?, 'pending_payment', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [shop, new.customerID, priced.total.currency.code, priced.subtotal.amount, priced.discount.amount,
                 priced.shipping.amount, priced.shippingDiscount.amount, priced.total.amount, new.shippingAddress.map(JSONColumn.encode),
                 pricedOrder.holdExpiresAt.millisecondsSinceEpoch, created, created, new.sessionID, new.anonymousID])
            let orderID = db.lastInsertedRowID
            var lines: [OrderLine] = []
            for (index, priced) in priced.lines.enumerated() {
                let line = priced.line
                try Self.hold(db, shop: shop, orderID: orderID, line: line, field: "lines[\(index)].quantity", now: new.createdAt)
                try db.run(
                    """
                    INSERT INTO order_lines (order_id, line_no, shop_id, sku_id, sku_code, title, quantity, unit_price, discount, total)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [orderID, index, shop, line.skuID, line.skuCode, line.title, line.quantity, line.listPrice.amount,
                     priced.discount.amount, priced.total.amount])
                for (position, applied) in priced.applied.enumerated() where applied.amount.amount > 0 {
                    try db.run(
                        """
                        INSERT INTO order_line_discounts (order_id, line_no, shop_id, source, source_id, name, amount, position)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, [orderID, index, shop, applied.source.rawValue, applied.promotionID, applied.name, applied.amount.amount, position])
                }
                lines.append(OrderLine(
                    skuID: line.skuID, skuCode: line.skuCode, title: line.title, quantity: line.quantity,
                    unitPrice: line.listPrice, discount: priced.discount, total: priced.total, applied: priced.applied))
            }
            try Self.takeFromPromotions(db, shop: shop, orderID: orderID, customerID: new.customerID, pricedOrder, snapshot: snapshot)
            if let customerID = new.customerID {
                try Self.spendPoints(db, shop: shop, customerID: customerID, orderID: orderID, points: priced.pointsRedeemed, now: new.createdAt)
            }
            try self.recordOrderEvent(
                db, shop: shop, type: "order_placed", orderID: orderID, customerID: new.customerID, total: priced.total.amount,
                at: new.createdAt, sessionID: new.sessionID, anonymousID: new.anonymousID)
            return Order(
                id: orderID, customerID: new.customerID, status: .pendingPayment, lines: lines, subtotal: priced.subtotal,
                discount: priced.discount, shipping: priced.shipping, total: priced.total, shippingAddress: new.shippingAddress,
                shipment: nil, cancelReason: nil, holdExpiresAt: pricedOrder.holdExpiresAt, createdAt: new.createdAt, updatedAt: new.createdAt)
        }
    }

    public func orderSnapshot(_ shop: ShopID, _ request: OrderRequest) async throws -> OrderSnapshot {
        try await pool.read { db in try self.snapshot(db, shop: shop, request, claimIfNeeded: false) }
    }

    /// Listings, live promotions with counters, the customer's flash purchases and coupon claim.
    /// With `claimIfNeeded`, a shared code the customer has not claimed yet is claimed here.
    func snapshot(_ db: Database, shop: ShopID, _ request: OrderRequest, claimIfNeeded: Bool) throws -> OrderSnapshot {
        var snapshot = OrderSnapshot(
            listings: try Self.skuListings(db, shop: shop, codes: request.skuCodes),
            promotions: try livePromotions(db, shop: shop, at: request.createdAt))
        snapshot.pricingVersion = try Self.pricingVersion(db, shop: shop)
        if let customerID = request.customerID {
            let standing = try Self.memberStanding(db, shop: shop, customerID: customerID, now: request.createdAt)
            snapshot.member = MemberStanding(program: standing.program, tier: standing.tier, points: standing.balance)
        }
        if let customerID = request.customerID, snapshot.promotions.contains(where: { $0.rule.flashSale != nil }) {
            for row in try db.rows("SELECT promotion_id, quantity FROM flash_purchases WHERE shop_id = ? AND customer_id = ?", [shop, customerID]) {
                snapshot.flashPurchased[row[0]] = row[1]
            }
        }
        if let code = request.couponCode, let coupon = try Self.couponForCode(db, shop: shop, code: code) {
            snapshot.coupon = coupon
            if let customerID = request.customerID {
                snapshot.claim = try Self.claims(db, shop: shop, customerID: customerID, code: code).first
                // Only a shared code is claimed on the way; a unique code is claimed first (as quotes assume).
                if snapshot.claim == nil, claimIfNeeded, coupon.codeMode == .shared {
                    do {
                        snapshot.claim = try Self.claim(db, shop: shop, couponID: coupon.id, customerID: customerID, code: code, now: request.createdAt)
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
    static func takeFromPromotions(_ db: Database, shop: ShopID, orderID: Int64, customerID: Int64?, _ order: PricedOrder, snapshot: OrderSnapshot) throws {
        let cart = order.cart
        for total in cart.promotions {
            let units = cart.flashUnits[total.promotionID] ?? 0
            try db.run(
                """
                UPDATE promotions SET budget_used = budget_used + ?1, uses_count = uses_count + 1, flash_sold = flash_sold + ?2
                WHERE id = ?3 AND shop_id = ?4 AND (budget_cap IS NULL OR budget_used + ?1 <= budget_cap)
                  AND (uses_cap IS NULL OR uses_count < uses_cap) AND (flash_stock IS NULL OR flash_sold + ?2 <= flash_stock)
                """, [total.amount.amount, units, total.promotionID, shop])
            guard db.changesCount == 1 else {
                throw StoreError.rejected(code: "promotion_exhausted", field: nil, message: "\(total.name) has no budget, uses or stock left.", kind: .conflict)
            }
            if units > 0, let customerID, case .flashSale(let flash)? = snapshot.promotions.first(where: { $0.id == total.promotionID })?.rule {
                try db.run(
                    """
                    INSERT INTO flash_purchases (promotion_id, customer_id, shop_id, quantity) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (promotion_id, customer_id) DO UPDATE SET quantity = quantity + ?4 WHERE quantity + ?4 <= ?5
                    """, [total.promotionID, customerID, shop, units, flash.perCustomerLimit])
                guard db.changesCount == 1, units <= flash.perCustomerLimit else {
                    throw StoreError.rejected(code: "limit_reached", field: "lines", message: "The per-customer limit of \(total.name) is reached.", kind: .conflict)
                }
            }
            try db.run(
                "INSERT INTO order_discounts (order_id, shop_id, source, source_id, name, amount, units) VALUES (?, ?, 'promotion', ?, ?, ?, ?)",
                [orderID, shop, total.promotionID, total.name, total.amount.amount, units > 0 ? units : total.units])
        }
        for coupon in cart.coupons {
            var claimID: Int64?
            if let claim = snapshot.claim, claim.couponID == coupon.couponID, order.redeemedClaimID == claim.id {
                try db.run("UPDATE coupon_claims SET status = 'redeemed', order_id = ? WHERE id = ? AND status = 'claimed'", [orderID, claim.id])
                guard db.changesCount == 1 else {
                    throw StoreError.rejected(code: "already_used", field: "coupon_code", message: "This coupon has been used.", kind: .invalid)
                }
                claimID = claim.id
            }
            try db.run(
                "INSERT INTO order_discounts (order_id, shop_id, source, source_id, name, amount, units, claim_id) VALUES (?, ?, 'coupon', ?, ?, ?, 0, ?)",
                [orderID, shop, coupon.couponID, coupon.name, coupon.amount.amount, claimID])
        }
    }

    /// Gives back what a cancelled order took: budget, a use, flash stock and limit, its coupon claim.
    static func releasePromotions(_ db: Database, shop: ShopID, orderID: Int64, customerID: Int64?) throws {
        for row in try db.rows("SELECT source, source_id, amount, units, claim_id FROM order_discounts WHERE order_id = ?", [orderID]) {
            let source: String = row[0]
            let sourceID: Int64 = row[1]
            let amount: Int64 = row[2]
            if source == "promotion" {
                let isFlash = try db.row("SELECT flash_stock FROM promotions WHERE id = ?", [sourceID])?[0] as Int64? != nil
                let units: Int64 = isFlash ? row[3] : 0
                try db.run(
                    """
                    UPDATE promotions SET budget_used = MAX(0, budget_used - ?), uses_count = MAX(0, uses_count - 1),
                        flash_sold = MAX(0, flash_sold - ?) WHERE id = ?
                    """, [amount, units, sourceID])
                if units > 0, let customerID {
                    try db.run("UPDATE flash_purchases SET quantity = MAX(0, quantity - ?) WHERE promotion_id = ? AND customer_id = ?", [units, sourceID, customerID])
                }
            } else if let claimID: Int64 = row[4] {
                try db.run("UPDATE coupon_claims SET status = 'claimed', order_id = NULL WHERE id = ? AND order_id = ?", [claimID, orderID])
            }
        }
    }

    /// Holds a line's units across warehouses in priority order, or throws `insufficient_stock`.
    static func hold(_ db: Database, shop: ShopID, orderID: Int64, line: CartLine, field: String, now: Instant) throws {
        let plan = try StockRules.planHold(quantity: line.quantity, levels: levels(db, shop: shop, skuID: line.skuID), sku: line.skuCode, field: field)
        for part in plan {
            let change = StockChange(skuID: line.skuID, warehouseID: part.warehouseID, held: part.quantity, reason: .hold, orderID: orderID)
            guard try applyStock(db, shop: shop, change, now: now) != nil else {
                throw StoreError.insufficientStock(sku: line.skuCode, field: field)
            }
            try db.run(
                """
                INSERT INTO order_stock (order_id, sku_id, warehouse_id, shop_id, quantity) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (order_id, sku_id, warehouse_id) DO UPDATE SET quantity = quantity + excluded.quantity
                """, [orderID, line.skuID, part.warehouseID, shop, part.quantity])
        }
    }

    /// Moves every unit the order has in stock by the given per-unit deltas (e.g. held −1, allocated +1).
    static func moveOrderStock(
        _ db: Database, shop: ShopID, orderID: Int64, onHand: Int64 = 0, held: Int64 = 0, allocated: Int64 = 0,
        reason: StockReason, now: Instant
    ) throws {
        for row in try db.rows("SELECT sku_id, warehouse_id, quantity FROM order_stock WHERE order_id = ?", [orderID]) {
            let quantity: Int64 = row["quantity"]
            let change = StockChange(
                skuID: row["sku_id"], warehouseID: row["warehouse_id"], onHand: onHand * quantity, held: held * quantity,
                allocated: allocated * quantity, reason: reason, orderID: orderID)
            guard try applyStock(db, shop: shop, change, now: now) != nil else {
                throw StoreError.stateChanged(entity: "stock of order ord_\(orderID)", current: "inconsistent")
            }
        }
    }

    public func order(_ shop: ShopID, id: Int64) async throws -> Order? {
        try await pool.read { db in try Self.order(db, shop: shop, id: id) }
    }

    public func orders(_ shop: ShopID, filter: OrderFilter, page: PageRequest) async throws -> Page<Order> {
        try await pool.read { db in
            let (conditions, values) = filter.conditions
            var arguments: StatementArguments = [shop]
            for value in values {
                switch value {
                case .text(let text): arguments += [text]
                case .integer(let number): arguments += [number]
                }
            }
            arguments += [page.startingAfter ?? Int64.max, page.limit + 1]
            let ids = try db.rows(
                "SELECT id FROM orders WHERE shop_id = ?\(conditions) AND id < ? ORDER BY id DESC LIMIT ?", arguments
            ).map { $0["id"] as Int64 }
            return try ids.compactMap { try Self.order(db, shop: shop, id: $0) }.page(limit: page.limit)
        }
    }

    public func cancelOrder(_ shop: ShopID, id: Int64, expected: OrderStatus, reason: CancelReason, now: Instant) async throws -> Order {
        try await batcher.write { db in
            try Self.transition(db, shop: shop, id: id, from: expected, to: .cancelled, now: now, extra: ", cancel_reason = ?", [reason.rawValue])
            let customerID = try db.row("SELECT customer_id FROM orders WHERE id = ?", [id])?[0] as Int64?
            try Self.releasePromotions(db, shop: shop, orderID: id, customerID: customerID)
            switch expected {
            case .pendingPayment:
                try Self.moveOrderStock(db, shop: shop, orderID: id, held: -1, reason: .release, now: now)
                try Self.returnSpentPoints(db, shop: shop, orderID: id, customerID: customerID, now: now)
            case .paid:
                try Self.moveOrderStock(db, shop: shop, orderID: id, allocated: -1, reason: .release, now: now)
                try Self.refundPayments(db, shop: shop, orderID: id, reason: "order_cancelled", now: now)
            default:
                break
            }
            return try Self.requireOrder(db, shop: shop, id: id)
        }
    }

    public func shipOrder(_ shop: ShopID, id: Int64, shipment: Shipment, now: Instant) async throws -> Order {
        try await batcher.write { db in
            try Self.transition(
                db, shop: shop, id: id, from: .paid, to: .shipped, now: now, extra: ", carrier = ?, tracking_number = ?",
                [shipment.carrier, shipment.trackingNumber])
            try Self.moveOrderStock(db, shop: shop, orderID: id, onHand: -1, allocated: -1, reason: .sale, now: now)
            return try Self.requireOrder(db, shop: shop, id: id)
        }
    }

    public func setOrderStatus(_ shop: ShopID, id: Int64, from: OrderStatus, to: OrderStatus, now: Instant) async throws -> Order {
        try await batcher.write { db in
            try Self.transition(db, shop: shop, id: id, from: from, to: to, now: now)
            return try Self.requireOrder(db, shop: shop, id: id)
        }
    }

    public func expiredHolds(now: Instant, limit: Int) async throws -> [(shop: ShopID, orderID: Int64)] {
        try await pool.read { db in
            try db.rows(
                """
                SELECT shop_id, id FROM orders WHERE status = 'pending_payment' AND hold_expires_at <= ?
                ORDER BY hold_expires_at, id LIMIT ?
                """, [now.millisecondsSinceEpoch, limit]
            ).map { ($0["shop_id"], $0["id"]) }
        }
    }

    /// A guarded status change: only from `from`; otherwise reports the current status.
    static func transition(
        _ db: Database, shop: ShopID, id: Int64, from: OrderStatus, to: OrderStatus, now: Instant,
        extra: String = "", _ extraArguments: StatementArguments = []
    ) throws {
        var arguments: StatementArguments = [to.rawValue, now.millisecondsSinceEpoch]
        arguments += extraArguments
        arguments += [shop, id, from.rawValue]
        try db.run(
            "UPDATE orders SET status = ?, updated_at = ?, hold_expires_at = NULL\(extra) WHERE shop_id = ? AND id = ? AND status = ?",
            arguments)
        guard db.changesCount == 1 else {
            guard let current = try db.row("SELECT status FROM orders WHERE shop_id = ? AND id = ?", [shop, id]) else {
                throw StoreError.notFound(entity: "order", id: "ord_\(id)")
            }
            throw StoreError.stateChanged(entity: "order", current: current["status"])
        }
    }

    static func requireOrder(_ db: Database, shop: ShopID, id: Int64) throws -> Order {
        guard let order = try order(db, shop: shop, id: id) else { throw StoreError.notFound(entity: "order", id: "ord_\(id)") }
        return order
    }

    static func order(_ db: Database, shop: ShopID, id: Int64) throws -> Order? {
        guard let row = try db.row("SELECT * FROM orders WHERE shop_id = ? AND id = ?", [shop, id]) else { return nil }
        let discounts = try db.rows(
            "SELECT \(OrderRows.discountColumns) FROM order_line_discounts WHERE order_id = ? ORDER BY line_no, position", [id])
        let lines = try db.rows("SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no", [id])
        return OrderRows.order(row, discounts: discounts, lines: lines)
    }
}
