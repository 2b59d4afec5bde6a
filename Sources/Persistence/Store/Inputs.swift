import Commerce

/// A product to create, with its SKUs.
public struct NewProduct: Sendable {
    public var title: String
    public var description: String
    public var categoryID: Int64?
    public var attributes: [String: String]
    public var status: ProductStatus
    public var lifecycleStage: LifecycleStage
    public var skus: [NewSKU]

    public init(
        title: String, description: String, categoryID: Int64?, attributes: [String: String],
        status: ProductStatus, lifecycleStage: LifecycleStage, skus: [NewSKU]
    ) {
        self.title = title
        self.description = description
        self.categoryID = categoryID
        self.attributes = attributes
        self.status = status
        self.lifecycleStage = lifecycleStage
        self.skus = skus
    }
}

/// A SKU to create.
public struct NewSKU: Sendable {
    public var code: String
    public var specs: [String: String]
    public var price: Money
    public var cost: Money?
    public var weightGrams: Int64?
    public var barcode: String?
    public var lowStockThreshold: Int64

    public init(code: String, specs: [String: String], price: Money, cost: Money?, weightGrams: Int64?, barcode: String?, lowStockThreshold: Int64) {
        self.code = code
        self.specs = specs
        self.price = price
        self.cost = cost
        self.weightGrams = weightGrams
        self.barcode = barcode
        self.lowStockThreshold = lowStockThreshold
    }
}

/// Filters for listing orders.
public struct OrderFilter: Sendable, Equatable {
    public var status: OrderStatus?
    public var customerID: Int64?

    public init(status: OrderStatus? = nil, customerID: Int64? = nil) {
        self.status = status
        self.customerID = customerID
    }

    /// A value bound to one of `conditions`' placeholders.
    enum Argument {
        case text(String)
        case integer(Int64)
    }

    /// The `WHERE` conditions that follow `shop_id = ?`, with `?` placeholders (both stores take
    /// them), and their values: only the filters that are set, so each can use its index.
    var conditions: (sql: String, arguments: [Argument]) {
        var sql = "", arguments: [Argument] = []
        if let status {
            sql += " AND status = ?"
            arguments.append(.text(status.rawValue))
        }
        if let customerID {
            sql += " AND customer_id = ?"
            arguments.append(.integer(customerID))
        }
        return (sql, arguments)
    }
}

/// Filters for listing products.
public struct ProductFilter: Sendable, Equatable {
    public var categoryID: Int64?
    public var status: ProductStatus?
    /// Case-insensitive text found in the title, description or a SKU code.
    public var text: String?

    public init(categoryID: Int64? = nil, status: ProductStatus? = nil, text: String? = nil) {
        self.categoryID = categoryID
        self.status = status
        self.text = text
    }
}

/// An order to place. It is priced inside the store's transaction, from a snapshot read there,
/// so the prices charged, the promotion budgets and the stock held come from one consistent state.
public struct OrderRequest: Sendable {
    public var customerID: Int64?
    /// The SKU codes the lines ask for; the snapshot carries their listings.
    public var skuCodes: [String]
    /// A coupon code the customer wants to use; a shared code not yet claimed is claimed here.
    public var couponCode: String?
    public var shippingAddress: Address?
    public var createdAt: Instant
    /// The storefront session and visitor the order came from (for its events).
    public var sessionID: String?
    public var anonymousID: String?

    public init(customerID: Int64?, skuCodes: [String], couponCode: String? = nil, shippingAddress: Address?, createdAt: Instant) {
        self.customerID = customerID
        self.skuCodes = skuCodes
        self.couponCode = couponCode
        self.shippingAddress = shippingAddress
        self.createdAt = createdAt
    }
}

/// What pricing sees inside the order's transaction.
public struct OrderSnapshot: Sendable {
    /// Listings of the requested codes; unknown codes are absent.
    public var listings: [String: SKUListing]
    /// Active promotions live at the order's time, with their counters.
    public var promotions: [PromotionRecord]
    /// Flash units this customer already holds or bought, per flash promotion.
    public var flashPurchased: [Int64: Int64]
    /// The coupon the requested code belongs to, and the customer's claim of it (if any).
    public var coupon: CouponRecord?
    public var claim: CouponClaim?
    /// The shop's pricing version read in the same transaction: it changes with every write to
    /// promotions, coupons, categories, products or SKUs, so a cache keyed by it is never stale.
    public var pricingVersion: Int64 = 0
    /// The customer's membership: program, tier and points balance (due expiries counted).
    public var member: MemberStanding?

    public init(
        listings: [String: SKUListing], promotions: [PromotionRecord] = [], flashPurchased: [Int64: Int64] = [:],
        coupon: CouponRecord? = nil, claim: CouponClaim? = nil
    ) {
        self.listings = listings
        self.promotions = promotions
        self.flashPurchased = flashPurchased
        self.coupon = coupon
        self.claim = claim
    }
}

/// Where a customer stands in the membership program when an order is priced.
public struct MemberStanding: Sendable {
    public var program: MembershipProgram
    public var tier: MemberTier
    public var points: Int64

    public init(program: MembershipProgram, tier: MemberTier, points: Int64) {
        self.program = program
        self.tier = tier
        self.points = points
    }
}

/// The priced order the store writes: the cart, how long its hold lasts, and the coupon claim it redeems.
public struct PricedOrder: Sendable {
    public var cart: PricedCart
    public var holdExpiresAt: Instant
    public var redeemedClaimID: Int64?

    public init(cart: PricedCart, holdExpiresAt: Instant, redeemedClaimID: Int64?) {
        self.cart = cart
        self.holdExpiresAt = holdExpiresAt
        self.redeemedClaimID = redeemedClaimID
    }
}

/// A payment that arrived for an order, through the API or the gateway's callback.
public struct IncomingPayment: Sendable {
    public var orderID: Int64
    public var amount: Money
    public var source: String
    /// The gateway's reference; callbacks are deduplicated by it.
    public var reference: String
    public var receivedAt: Instant
    /// Whether the money has already moved at the gateway (a callback). A refused captured payment is
    /// recorded for refund; a refused uncaptured one (a direct API charge) is simply not taken.
    public var captured: Bool

    public init(orderID: Int64, amount: Money, source: String, reference: String, receivedAt: Instant, captured: Bool) {
        self.orderID = orderID
        self.amount = amount
        self.source = source
        self.reference = reference
        self.receivedAt = receivedAt
        self.captured = captured
    }
}

/// What became of an incoming payment.
public enum PaymentOutcome: Sendable, Equatable {
    /// The order is now paid by this payment.
    case applied(Payment)
    /// The same reference was seen before; nothing changed.
    case duplicate(Payment)
    /// The order could not take it; the money is recorded for refund.
    case refused(Payment, reason: String)
}

/// The decision about a payment, made by the pure rules from the order's state.
public enum PaymentDecision: Sendable, Equatable {
    case apply
    case refuse(reason: String)
}

/// The stored state of an idempotent request.
public enum IdempotencyState: Sendable, Equatable {
    /// First time: go ahead, then record the response.
    case proceed
    /// Done before with the same request: send this response again.
    case replay(status: Int, body: [UInt8])
    /// The key was used with a different request.
    case mismatch
    /// The same key is being processed right now.
    case inProgress
}
