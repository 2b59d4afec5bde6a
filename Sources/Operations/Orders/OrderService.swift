import Commerce
import Persistence

/// Use cases of orders: place (price and hold), pay, ship, deliver, complete, cancel, expire.
public struct OrderService: Sendable {
    let store: any Store
    let time: any TimeSource
    /// How long an unpaid order holds its stock.
    public let holdDuration: Int64
    let flashGate = FlashGate()
    /// Per shop, the promotion catalog every pricing call of this service uses.
    let catalogs = PromotionCatalogCache()

    public init(store: any Store, time: any TimeSource, holdSeconds: Int64 = 30 * 60) {
        self.store = store
        self.time = time
        self.holdDuration = holdSeconds
    }

    /// Prices the lines (promotions, coupon) and stores the order with its stock held, or throws (nothing written).
    public func place(_ shop: ShopInfo, _ input: CreateOrder) async throws -> Order {
        try Self.validate(lines: input.lines)
        for (field, value) in [("session_id", input.sessionID), ("anonymous_id", input.anonymousID)] where (value?.utf8.count ?? 0) > 200 {
            throw CommerceError.invalid(field, "\(field) is longer than 200 bytes.", code: "too_long")
        }
        let customerID = try await resolveCustomer(shop, input.customerId)
        let now = time.now()
        var request = OrderRequest(
            customerID: customerID, skuCodes: input.lines.map(\.sku), couponCode: input.couponCode,
            shippingAddress: input.shippingAddress, createdAt: now)
        request.sessionID = input.sessionID
        request.anonymousID = input.anonymousID
        var pricing = OrderPricing(
            lines: input.lines, customerID: customerID, couponCode: input.couponCode, shop: shop, now: now,
            holdSeconds: holdDuration, isQuote: false, catalogs: catalogs)
        pricing.points = input.points ?? 0
        do {
            let order = try await store.createOrder(shop.id, request, price: pricing.price)
            OperationsMetrics.ordersCreated.increment()
            return order
        } catch let error as CodedError where error.code == "insufficient_stock" {
            OperationsMetrics.stockRejections.increment()
            throw error
        }
    }

    /// Orders `quantity` units of a flash sale's SKU at the flash price for a customer, or refuses
    /// (`sold_out`, `limit_reached`, `not_live`) writing nothing. A sold-out sale is refused from
    /// memory for a second, without touching the database.
    /// The input is read only after the sold-out check, so the crowd is refused before its body is decoded.
    public func placeFlash(_ shop: ShopInfo, promotionID id: String, _ readInput: () throws -> FlashOrder) async throws -> Order {
        guard let promotionID = IDPrefix.promotion.parse(id) else {
            _ = try readInput()  // a malformed body is reported before the unknown sale
            throw OperationsError.notFound(entity: "flash sale", id: id)
        }
        let sale = FlashGate.Sale(shop: shop.id, promotion: promotionID)
        if flashGate.isSoldOut(sale, at: time.now()) { throw Self.flashSoldOut }
        let input = try readInput()
        let now = time.now()
        guard input.quantity > 0, input.quantity <= StockRules.maxUnits else {
            throw CommerceError.invalid("quantity", "Quantity must be between 1 and \(StockRules.maxUnits).", code: "invalid_quantity")
        }
        guard let record = try await store.promotion(shop.id, id: promotionID), case .flashSale(let flash) = record.rule else {
            throw OperationsError.notFound(entity: "flash sale", id: id)
        }
        guard record.status == .active, record.startsAt <= now, now < record.endsAt else {
            throw OperationsError.conflict(code: "not_live", message: "This flash sale is not running now.")
        }
        guard let code = try await store.skuCodes(shop.id, ids: [flash.skuID])[flash.skuID] else {
            throw OperationsError.notFound(entity: "flash sale", id: id)
        }
        let customerID = try await resolveCustomer(shop, input.customerId)
        let line = CreateOrder.Line(sku: code, quantity: input.quantity)
        var pricing = OrderPricing(
            lines: [line], customerID: customerID, couponCode: nil, shop: shop, now: now, holdSeconds: holdDuration, isQuote: false, catalogs: catalogs)
        pricing.requiredFlash = (promotionID, input.quantity)
        var request = OrderRequest(customerID: customerID, skuCodes: [code], shippingAddress: input.shippingAddress, createdAt: now)
        request.sessionID = input.sessionID
        request.anonymousID = input.anonymousID
        do {
            let order = try await store.createOrder(shop.id, request, price: pricing.price)
            flashGate.reopen(sale)
            OperationsMetrics.ordersCreated.increment()
            return order
        } catch let error as CodedError where error.code == "sold_out" || error.code == "insufficient_stock" {
            // Short of one unit means none is left; short of several may leave some for smaller orders.
            if input.quantity == 1 { flashGate.markSoldOut(sale, at: now) }
            throw OperationsError.conflict(code: "sold_out", message: error.message)
        }
    }

    /// The refusal of an order for a flash sale that sold out a moment ago, answered from memory.
    public static let flashSoldOut = OperationsError.conflict(code: "sold_out", message: "This flash sale is sold out.")

    /// True while the shop's flash sale `id` is known to have sold out a moment ago: an order for
    /// it would be refused with `flashSoldOut` without reading anything. It never sends the caller
    /// to re-check the database, so the server may answer such orders before routing them.
    public func flashSaleRefusesFromMemory(_ shop: ShopID, promotionID id: String) -> Bool {
        guard let promotionID = IDPrefix.promotion.parse(id) else { return false }
        return flashGate.isMarkedSoldOut(FlashGate.Sale(shop: shop, promotion: promotionID), at: time.now())
    }

    /// Prices a cart exactly as `place` would, without writing anything.
    public func quote(_ shop: ShopInfo, _ input: CreateOrder) async throws -> PricedCart {
        try Self.validate(lines: input.lines)
        let customerID = try await resolveCustomer(shop, input.customerId)
        let now = time.now()
        let request = OrderRequest(
            customerID: customerID, skuCodes: input.lines.map(\.sku), couponCode: input.couponCode, shippingAddress: nil, createdAt: now)
        var pricing = OrderPricing(
            lines: input.lines, customerID: customerID, couponCode: input.couponCode, shop: shop, now: now,
            holdSeconds: holdDuration, isQuote: true, catalogs: catalogs)
        pricing.points = input.points ?? 0
        return try pricing.price(try await store.orderSnapshot(shop.id, request)).cart
    }

    /// Line count and quantities, checked before anything is read.
    static func validate(lines: [CreateOrder.Line]) throws(CommerceError) {
        guard !lines.isEmpty else { throw .invalid("lines", "An order needs at least one line.", code: "required") }
        guard lines.count <= Pricing.maxLines else { throw .invalid("lines", "At most \(Pricing.maxLines) lines.") }
        for (index, line) in lines.enumerated() where line.quantity <= 0 || line.quantity > StockRules.maxUnits {
            throw .invalid("lines[\(index)].quantity", "Quantity must be between 1 and \(StockRules.maxUnits).", code: "invalid_quantity")
        }
    }

    /// A cart at list prices from SKU listings; unknown or unlisted SKUs are refused by field.
    static func cart(lines: [CreateOrder.Line], listings: [String: SKUListing], currency: Currency) throws -> Cart {
        var cartLines: [CartLine] = []
        for (index, line) in lines.enumerated() {
            guard let listing = listings[line.sku] else {
                throw OperationsError.unknownReference(code: "unknown_sku", field: "lines[\(index)].sku", message: "No SKU with code \(line.sku).")
            }
            guard listing.productStatus == .listed else {
                throw OperationsError.invalid(code: "not_for_sale", field: "lines[\(index)].sku", message: "SKU \(line.sku) is not listed for sale.")
            }
            cartLines.append(CartLine(
                skuID: listing.sku.id, skuCode: listing.sku.code, title: listing.productTitle, quantity: line.quantity,
                listPrice: listing.sku.price, categoryID: listing.categoryID))
        }
        return Cart(lines: cartLines, currency: currency)
    }

    public func order(_ shop: ShopInfo, id: String) async throws -> Order {
        guard let orderID = IDPrefix.order.parse(id), let order = try await store.order(shop.id, id: orderID) else {
            throw OperationsError.notFound(entity: "order", id: id)
        }
        return order
    }

    public func orders(_ shop: ShopInfo, filter: OrderFilter, page: PageRequest) async throws -> Page<Order> {
        try await store.orders(shop.id, filter: filter, page: page)
    }

    /// Cancels an unpaid order (releasing its hold) or a paid one (releasing its allocation and refunding).
    public func cancel(_ shop: ShopInfo, id: String) async throws -> Order {
        let order = try await order(shop, id: id)
        _ = try OrderStateMachine.next(from: order.status, on: .cancel)
        let cancelled = try await guarded { try await store.cancelOrder(shop.id, id: order.id, expected: order.status, reason: .requested, now: time.now()) }
        OperationsMetrics.ordersCancelled.increment()
        return cancelled
    }

    public func ship(_ shop: ShopInfo, id: String, _ input: ShipOrder) async throws -> Order {
        try CatalogRules.validateTitle(input.carrier, field: "carrier")
        try CatalogRules.validateTitle(input.trackingNumber, field: "tracking_number")
        let order = try await order(shop, id: id)
        _ = try OrderStateMachine.next(from: order.status, on: .ship)
        let shipment = Shipment(carrier: input.carrier.trimmingWhitespace, trackingNumber: input.trackingNumber.trimmingWhitespace)
        return try await guarded { try await store.shipOrder(shop.id, id: order.id, shipment: shipment, now: time.now()) }
    }

    public func deliver(_ shop: ShopInfo, id: String) async throws -> Order {
        try await advance(shop, id: id, on: .deliver)
    }

    public func complete(_ shop: ShopInfo, id: String) async throws -> Order {
        try await advance(shop, id: id, on: .complete)
    }

    /// Cancels every unpaid order whose hold has expired; returns how many it cancelled. With
    /// several instances on one store, one sweeps at a time and the others skip their turn.
    public func expireHolds(batch: Int = 500) async throws -> Int {
        try await store.exclusively("expire-holds") { try await sweepExpiredHolds(batch: batch) } ?? 0
    }

    private func sweepExpiredHolds(batch: Int) async throws -> Int {
        var cancelled = 0
        while true {
            let now = time.now()
            let expired = try await store.expiredHolds(now: now, limit: batch)
            for entry in expired {
                do {
                    _ = try await store.cancelOrder(entry.shop, id: entry.orderID, expected: .pendingPayment, reason: .paymentTimeout, now: now)
                    cancelled += 1
                    OperationsMetrics.holdsExpired.increment()
                } catch StoreError.stateChanged {
                    continue  // paid or cancelled meanwhile: nothing to release
                }
            }
            if expired.count < batch { return cancelled }
        }
    }

    func advance(_ shop: ShopInfo, id: String, on action: OrderAction) async throws -> Order {
        let order = try await order(shop, id: id)
        let next = try OrderStateMachine.next(from: order.status, on: action)
        return try await guarded { try await store.setOrderStatus(shop.id, id: order.id, from: order.status, to: next, now: time.now()) }
    }

    func resolveCustomer(_ shop: ShopInfo, _ reference: String?) async throws -> Int64? {
        guard let reference else { return nil }
        guard let id = IDPrefix.customer.parse(reference), try await store.customer(shop.id, id: id) != nil else {
            throw OperationsError.unknownReference(code: "unknown_customer", field: "customer_id", message: "No customer \(reference).")
        }
        return id
    }

    /// Reports a lost race on a guarded state change as `invalid_transition`.
    func guarded(_ body: () async throws -> Order) async throws -> Order {
        do {
            return try await body()
        } catch StoreError.stateChanged(_, let current) {
            throw CommerceError(code: "invalid_transition", message: "The order changed concurrently; it is now \(current).", kind: .conflict)
        }
    }
}
