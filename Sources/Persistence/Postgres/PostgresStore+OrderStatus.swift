import Commerce

extension PostgresStore {
    public func order(_ shop: ShopID, id: Int64) async throws -> Order? {
        try await snapshot { db in try await Self.order(db, shop: shop, id: id) }
    }

    public func orders(_ shop: ShopID, filter: OrderFilter, page: PageRequest) async throws -> Page<Order> {
        try await snapshot { db in
            let (conditions, values) = filter.conditions
            let arguments: [(any PGBindable)?] = [shop] + values.map { value -> any PGBindable in
                switch value {
                case .text(let text): text
                case .integer(let number): number
                }
            } + [page.startingAfter ?? Int64.max, page.limit + 1]
            let ids = try await db.rows(
                "SELECT id FROM orders WHERE shop_id = ?\(conditions) AND id < ? ORDER BY id DESC LIMIT ?", arguments
            ).map { $0["id"] as Int64 }
            var orders: [Order] = []
            for id in ids {
                if let order = try await Self.order(db, shop: shop, id: id) { orders.append(order) }
            }
            return orders.page(limit: page.limit)
        }
    }

    public func cancelOrder(_ shop: ShopID, id: Int64, expected: OrderStatus, reason: CancelReason, now: Instant) async throws -> Order {
        try await write { db in
            try await Self.transition(db, shop: shop, id: id, from: expected, to: .cancelled, now: now, extra: ", cancel_reason = ?", [reason.rawValue])
            let customerID: Int64? = try await db.row("SELECT customer_id FROM orders WHERE id = ?", [id]).flatMap { $0["customer_id"] }
            // Promotions, then points, then stock, the order in which `createOrder` locks those rows,
            // so a cancel and an order on the same flash sale cannot deadlock.
            switch expected {
            case .pendingPayment:
                try await Self.releasePromotions(db, shop: shop, orderID: id, customerID: customerID)
                try await Self.returnSpentPoints(db, shop: shop, orderID: id, customerID: customerID, now: now)
                try await Self.moveOrderStock(db, shop: shop, orderID: id, held: -1, reason: .release, now: now)
            case .paid:
                try await Self.releasePromotions(db, shop: shop, orderID: id, customerID: customerID)
                try await Self.refundPayments(db, shop: shop, orderID: id, reason: "order_cancelled", now: now)
                try await Self.moveOrderStock(db, shop: shop, orderID: id, allocated: -1, reason: .release, now: now)
            default:
                try await Self.releasePromotions(db, shop: shop, orderID: id, customerID: customerID)
            }
            return try await Self.requireOrder(db, shop: shop, id: id)
        }
    }

    public func shipOrder(_ shop: ShopID, id: Int64, shipment: Shipment, now: Instant) async throws -> Order {
        try await write { db in
            try await Self.transition(
                db, shop: shop, id: id, from: .paid, to: .shipped, now: now, extra: ", carrier = ?, tracking_number = ?",
                [shipment.carrier, shipment.trackingNumber])
            try await Self.moveOrderStock(db, shop: shop, orderID: id, onHand: -1, allocated: -1, reason: .sale, now: now)
            return try await Self.requireOrder(db, shop: shop, id: id)
        }
    }

    public func setOrderStatus(_ shop: ShopID, id: Int64, from: OrderStatus, to: OrderStatus, now: Instant) async throws -> Order {
        try await write { db in
            try await Self.transition(db, shop: shop, id: id, from: from, to: to, now: now)
            return try await Self.requireOrder(db, shop: shop, id: id)
        }
    }

    /// Only a list: every instance's sweeper may read the same orders, and `cancelOrder`'s guarded
    /// status change lets exactly one of them cancel each.
    public func expiredHolds(now: Instant, limit: Int) async throws -> [(shop: ShopID, orderID: Int64)] {
        try await read { db in
            try await db.rows(
                """
                SELECT shop_id, id FROM orders WHERE status = 'pending_payment' AND hold_expires_at <= ?
                ORDER BY hold_expires_at, id LIMIT ?
                """, [now.millisecondsSinceEpoch, limit]
            ).map { ($0["shop_id"], $0["id"]) }
        }
    }

    /// A guarded status change: only from `from`; otherwise reports the current status.
    static func transition(
        _ db: PGSession, shop: ShopID, id: Int64, from: OrderStatus, to: OrderStatus, now: Instant,
        extra: String = "", _ extraArguments: [(any PGBindable)?] = []
    ) async throws {
        let arguments: [(any PGBindable)?] = [to.rawValue, now.millisecondsSinceEpoch] + extraArguments + [shop, id, from.rawValue]
        let changed = try await db.run(
            "UPDATE orders SET status = ?, updated_at = ?, hold_expires_at = NULL\(extra) WHERE shop_id = ? AND id = ? AND status = ?",
            arguments)
        guard changed == 1 else {
            guard let current = try await db.row("SELECT status FROM orders WHERE shop_id = ? AND id = ?", [shop, id]) else {
                throw StoreError.notFound(entity: "order", id: "ord_\(id)")
            }
            throw StoreError.stateChanged(entity: "order", current: current["status"])
        }
    }

    static func requireOrder(_ db: PGSession, shop: ShopID, id: Int64) async throws -> Order {
        guard let order = try await order(db, shop: shop, id: id) else { throw StoreError.notFound(entity: "order", id: "ord_\(id)") }
        return order
    }

    static func order(_ db: PGSession, shop: ShopID, id: Int64) async throws -> Order? {
        guard let row = try await db.row("SELECT * FROM orders WHERE shop_id = ? AND id = ?", [shop, id]) else { return nil }
        let discounts = try await db.rows(
            "SELECT \(OrderRows.discountColumns) FROM order_line_discounts WHERE order_id = ? ORDER BY line_no, position", [id])
        let lines = try await db.rows("SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no", [id])
        return OrderRows.order(row, discounts: discounts, lines: lines)
    }
}
