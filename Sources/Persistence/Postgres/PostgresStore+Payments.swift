import Commerce

extension PostgresStore {
    public func receivePayment(
        _ shop: ShopID, _ incoming: IncomingPayment, decide: @escaping @Sendable (Order) -> PaymentDecision
    ) async throws -> PaymentOutcome {
        do {
            return try await write { db in
                // The order's row is locked first, so a notification delivered twice at once waits here
                // and then finds the first delivery's payment instead of failing the status guard.
                try await db.run("SELECT 1 FROM orders WHERE shop_id = ? AND id = ? FOR UPDATE", [shop, incoming.orderID])
                if let existing = try await db.row("SELECT * FROM payments WHERE shop_id = ? AND reference = ?", [shop, incoming.reference]) {
                    return .duplicate(OrderRows.payment(existing))
                }
                let order = try await Self.requireOrder(db, shop: shop, id: incoming.orderID)
                let decision = decide(order)
                let status: Payment.Status
                let refusal: String?
                switch decision {
                case .apply:
                    try await Self.transition(
                        db, shop: shop, id: order.id, from: .pendingPayment, to: .paid, now: incoming.receivedAt,
                        extra: ", paid_at = ?", [incoming.receivedAt.millisecondsSinceEpoch])
                    let origin = try await db.row("SELECT session_id, anonymous_id FROM orders WHERE id = ?", [order.id])
                    try await self.recordOrderEvent(
                        db, shop: shop, type: "order_paid", orderID: order.id, customerID: order.customerID, total: order.total.amount,
                        at: incoming.receivedAt, sessionID: origin.flatMap { $0["session_id"] as String? },
                        anonymousID: origin.flatMap { $0["anonymous_id"] as String? })
                    try await Self.moveOrderStock(
                        db, shop: shop, orderID: order.id, held: -1, allocated: 1, reason: .allocation, now: incoming.receivedAt)
                    try await Self.accrueMembership(db, shop: shop, order: order, at: incoming.receivedAt)
                    status = .succeeded
                    refusal = nil
                case .refuse(let reason):
                    guard incoming.captured else { throw StoreError.stateChanged(entity: "order", current: order.status.rawValue) }
                    status = .refundPending
                    refusal = reason
                }
                let id = try await db.insert(
                    """
                    INSERT INTO payments (shop_id, order_id, amount, currency, status, source, reference, refusal_reason, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [shop, order.id, incoming.amount.amount, incoming.amount.currency.code, status.rawValue, incoming.source,
                     incoming.reference, refusal, incoming.receivedAt.millisecondsSinceEpoch])
                let payment = Payment(
                    id: id, orderID: order.id, amount: incoming.amount, status: status, source: incoming.source,
                    reference: incoming.reference, createdAt: incoming.receivedAt)
                if let refusal { return .refused(payment, reason: refusal) }
                return .applied(payment)
            }
        } catch let failure as PostgresFailure where failure.state == "23505" {
            // The same reference stored at the same time for another order: a duplicate, as SQLite
            // (one writer) would have found it before inserting.
            let existing = try await read { db in
                try await db.row("SELECT * FROM payments WHERE shop_id = ? AND reference = ?", [shop, incoming.reference]).map(OrderRows.payment)
            }
            guard let existing else { throw failure }
            return .duplicate(existing)
        }
    }

    /// Refunds every succeeded payment of a cancelled order in full, taking back what the order
    /// earned of membership and giving back the points it spent.
    static func refundPayments(_ db: PGSession, shop: ShopID, orderID: Int64, reason: String, now: Instant) async throws {
        let refundedBefore: Int64 = try await db.row(
            "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE shop_id = ? AND order_id = ?", [shop, orderID]
        ).map { $0[0] } ?? 0
        for row in try await db.rows("SELECT * FROM payments WHERE shop_id = ? AND order_id = ? AND status = 'succeeded' ORDER BY id", [shop, orderID]) {
            let payment = OrderRows.payment(row)
            try await db.run(
                "INSERT INTO refunds (shop_id, order_id, amount, currency, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [shop, orderID, payment.amount.amount, payment.amount.currency.code, reason, now.millisecondsSinceEpoch])
            try await db.run("UPDATE payments SET status = 'refunded' WHERE id = ?", [payment.id])
        }
        let order = try await requireOrder(db, shop: shop, id: orderID)
        try await reverseMembership(db, shop: shop, order: order, refundedBefore: refundedBefore, refundedAfter: order.total.amount, now: now)
    }

    public func payments(_ shop: ShopID, orderID: Int64) async throws -> [Payment] {
        try await read { db in
            try await db.rows("SELECT * FROM payments WHERE shop_id = ? AND order_id = ? ORDER BY id", [shop, orderID]).map(OrderRows.payment)
        }
    }

    public func refunds(_ shop: ShopID, orderID: Int64) async throws -> [Refund] {
        try await read { db in
            try await db.rows("SELECT * FROM refunds WHERE shop_id = ? AND order_id = ? ORDER BY id", [shop, orderID]).map(OrderRows.refund)
        }
    }

}
