import Commerce
import GRDB

extension SQLiteStore {
    public func createOrder(
        _ shop: ShopID, _ new: OrderRequest, price: @escaping @Sendable (OrderSnapshot) throws -> PricedCart
    ) async throws -> Order {
        try await batcher.write { db in
            let priced = try price(OrderSnapshot(listings: Self.skuListings(db, shop: shop, codes: new.skuCodes)))
            let created = new.createdAt.millisecondsSinceEpoch
            try db.run(
                """
                INSERT INTO orders (shop_id, customer_id, status, currency, subtotal, discount, shipping, total,
                                    shipping_address, hold_expires_at, created_at, updated_at)
                VALUES (?, ?, 'pending_payment', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [shop, new.customerID, priced.total.currency.code, priced.subtotal.amount, priced.discount.amount,
                 priced.shipping.amount, priced.total.amount, new.shippingAddress.map(JSONColumn.encode),
                 new.holdExpiresAt.millisecondsSinceEpoch, created, created])
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
                lines.append(OrderLine(
                    skuID: line.skuID, skuCode: line.skuCode, title: line.title, quantity: line.quantity,
                    unitPrice: line.listPrice, discount: priced.discount, total: priced.total))
            }
            return Order(
                id: orderID, customerID: new.customerID, status: .pendingPayment, lines: lines, subtotal: priced.subtotal,
                discount: priced.discount, shipping: priced.shipping, total: priced.total, shippingAddress: new.shippingAddress,
                shipment: nil, cancelReason: nil, holdExpiresAt: new.holdExpiresAt, createdAt: new.createdAt, updatedAt: new.createdAt)
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

    public func orders(_ shop: ShopID, status: OrderStatus?, page: PageRequest) async throws -> Page<Order> {
        try await pool.read { db in
            let ids = try db.rows(
                "SELECT id FROM orders WHERE shop_id = ? AND (? IS NULL OR status = ?) AND id < ? ORDER BY id DESC LIMIT ?",
                [shop, status?.rawValue, status?.rawValue, page.startingAfter ?? Int64.max, page.limit + 1]
            ).map { $0["id"] as Int64 }
            return try ids.compactMap { try Self.order(db, shop: shop, id: $0) }.page(limit: page.limit)
        }
    }

    public func cancelOrder(_ shop: ShopID, id: Int64, expected: OrderStatus, reason: CancelReason, now: Instant) async throws -> Order {
        try await pool.write { db in
            try Self.transition(db, shop: shop, id: id, from: expected, to: .cancelled, now: now, extra: ", cancel_reason = ?", [reason.rawValue])
            switch expected {
            case .pendingPayment:
                try Self.moveOrderStock(db, shop: shop, orderID: id, held: -1, reason: .release, now: now)
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
        try await pool.write { db in
            try Self.transition(
                db, shop: shop, id: id, from: .paid, to: .shipped, now: now, extra: ", carrier = ?, tracking_number = ?",
                [shipment.carrier, shipment.trackingNumber])
            try Self.moveOrderStock(db, shop: shop, orderID: id, onHand: -1, allocated: -1, reason: .sale, now: now)
            return try Self.requireOrder(db, shop: shop, id: id)
        }
    }

    public func setOrderStatus(_ shop: ShopID, id: Int64, from: OrderStatus, to: OrderStatus, now: Instant) async throws -> Order {
        try await pool.write { db in
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
        let currency = Currency(row["currency"]) ?? .cny
        let lines = try db.rows("SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no", [id]).map { line in
            OrderLine(
                skuID: line["sku_id"], skuCode: line["sku_code"], title: line["title"], quantity: line["quantity"],
                unitPrice: Money(line["unit_price"], currency), discount: Money(line["discount"], currency),
                total: Money(line["total"], currency))
        }
        let carrier: String? = row["carrier"]
        let tracking: String? = row["tracking_number"]
        return Order(
            id: id, customerID: row["customer_id"], status: OrderStatus(rawValue: row["status"]) ?? .cancelled, lines: lines,
            subtotal: Money(row["subtotal"], currency), discount: Money(row["discount"], currency),
            shipping: Money(row["shipping"], currency), total: Money(row["total"], currency),
            shippingAddress: JSONColumn.decode(Address.self, row["shipping_address"]),
            shipment: carrier.map { Shipment(carrier: $0, trackingNumber: tracking ?? "") },
            cancelReason: (row["cancel_reason"] as String?).flatMap(CancelReason.init(rawValue:)),
            holdExpiresAt: (row["hold_expires_at"] as Int64?).map(Instant.init(millisecondsSinceEpoch:)),
            createdAt: Instant(row, "created_at"), updatedAt: Instant(row, "updated_at"))
    }
}
