import Commerce
import GRDB

extension SQLiteStore {
    public func receivePayment(
        _ shop: ShopID, _ incoming: IncomingPayment, decide: @escaping @Sendable (Order) -> PaymentDecision
    ) async throws -> PaymentOutcome {
        try await batcher.write { db in
            if let existing = try db.row("SELECT * FROM payments WHERE shop_id = ? AND reference = ?", [shop, incoming.reference]) {
                return .duplicate(OrderRows.payment(existing))
            }
            let order = try Self.requireOrder(db, shop: shop, id: incoming.orderID)
            let decision = decide(order)
            let status: Payment.Status
            let refusal: String?
            switch decision {
            case .apply:
                try Self.transition(
                    db, shop: shop, id: order.id, from: .pendingPayment, to: .paid, now: incoming.receivedAt,
                    extra: ", paid_at = ?", [incoming.receivedAt.millisecondsSinceEpoch])
                let origin = try db.row("SELECT session_id, anonymous_id FROM orders WHERE id = ?", [order.id])
                try self.recordOrderEvent(
                    db, shop: shop, type: "order_paid", orderID: order.id, customerID: order.customerID, total: order.total.amount,
                    at: incoming.receivedAt, sessionID: origin?[0], anonymousID: origin?[1])
                try Self.moveOrderStock(db, shop: shop, orderID: order.id, held: -1, allocated: 1, reason: .allocation, now: incoming.receivedAt)
                try Self.accrueMembership(db, shop: shop, order: order, at: incoming.receivedAt)
                status = .succeeded
                refusal = nil
            case .refuse(let reason):
                guard incoming.captured else { throw StoreError.stateChanged(entity: "order", current: order.status.rawValue) }
                status = .refundPending
                refusal = reason
            }
            try db.run(
                """
                INSERT INTO payments (shop_id, order_id, amount, currency, status, source, reference, refusal_reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [shop, order.id, incoming.amount.amount, incoming.amount.currency.code, status.rawValue, incoming.source,
                 incoming.reference, refusal, incoming.receivedAt.millisecondsSinceEpoch])
            let payment = Payment(
                id: db.lastInsertedRowID, orderID: order.id, amount: incoming.amount, status: status, source: incoming.source,
                reference: incoming.reference, createdAt: incoming.receivedAt)
            if let refusal { return .refused(payment, reason: refusal) }
            return .applied(payment)
        }
    }

    /// Refunds every succeeded payment of a cancelled order in full, taking back what the order
    /// earned of membership and giving back the points it spent.
    static func refundPayments(_ db: Database, shop: ShopID, orderID: Int64, reason: String, now: Instant) throws {
        let refundedBefore: Int64 = try db.row("SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE shop_id = ? AND order_id = ?", [shop, orderID])?[0] ?? 0
        for row in try db.rows("SELECT * FROM payments WHERE shop_id = ? AND order_id = ? AND status = 'succeeded'", [shop, orderID]) {
            let payment = OrderRows.payment(row)
            try db.run(
                "INSERT INTO refunds (shop_id, order_id, amount, currency, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [shop, orderID, payment.amount.amount, payment.amount.currency.code, reason, now.millisecondsSinceEpoch])
            try db.run("UPDATE payments SET status = 'refunded' WHERE id = ?", [payment.id])
        }
        let order = try requireOrder(db, shop: shop, id: orderID)
        try reverseMembership(db, shop: shop, order: order, refundedBefore: refundedBefore, refundedAfter: order.total.amount, now: now)
    }

    public func payments(_ shop: ShopID, orderID: Int64) async throws -> [Payment] {
        try await pool.read { db in
            try db.rows("SELECT * FROM payments WHERE shop_id = ? AND order_id = ? ORDER BY id", [shop, orderID]).map(OrderRows.payment)
        }
    }

    public func refunds(_ shop: ShopID, orderID: Int64) async throws -> [Refund] {
        try await pool.read { db in
            try db.rows("SELECT * FROM refunds WHERE shop_id = ? AND order_id = ? ORDER BY id", [shop, orderID]).map(OrderRows.refund)
        }
    }

}
