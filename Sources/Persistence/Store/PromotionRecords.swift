import Commerce

/// Whether an operator has switched a promotion off.
public enum PromotionStatus: String, Sendable, Codable {
    case active, disabled
}

/// A stored promotion: its definition, its caps and what has been used of them.
public struct PromotionRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var rule: PromotionRule
    public var startsAt: Instant
    public var endsAt: Instant
    public var priority: Int
    public var exclusive: Bool
    public var status: PromotionStatus
    public var budgetCap: Int64?
    public var budgetUsed: Int64
    public var usesCap: Int64?
    public var usesCount: Int64
    /// Flash units sold (held or paid); flash stock is in the rule.
    public var flashSold: Int64
    public var createdAt: Instant
    public var updatedAt: Instant

    public init(
        id: Int64, name: String, rule: PromotionRule, startsAt: Instant, endsAt: Instant, priority: Int, exclusive: Bool,
        status: PromotionStatus, budgetCap: Int64?, budgetUsed: Int64, usesCap: Int64?, usesCount: Int64, flashSold: Int64,
        createdAt: Instant, updatedAt: Instant
    ) {
        self.id = id
        self.name = name
        self.rule = rule
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.priority = priority
        self.exclusive = exclusive
        self.status = status
        self.budgetCap = budgetCap
        self.budgetUsed = budgetUsed
        self.usesCap = usesCap
        self.usesCount = usesCount
        self.flashSold = flashSold
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The promotion as pricing sees it, with what is left of its budget and uses.
    public var promotion: Promotion {
        Promotion(
            id: id, name: name, startsAt: startsAt, endsAt: endsAt, priority: priority, exclusive: exclusive, rule: rule,
            remainingBudget: budgetCap.map { max(0, $0 - budgetUsed) }, remainingUses: usesCap.map { max(0, $0 - usesCount) })
    }

    /// Flash units left, for a flash sale.
    public var flashRemaining: Int64? {
        guard let flash = rule.flashSale else { return nil }
        return max(0, flash.stock - flashSold)
    }
}

/// A promotion to create or replace (counters are kept).
public struct PromotionDefinition: Sendable {
    public var name: String
    public var rule: PromotionRule
    public var startsAt: Instant
    public var endsAt: Instant
    public var priority: Int
    public var exclusive: Bool
    public var status: PromotionStatus
    public var budgetCap: Int64?
    public var usesCap: Int64?

    public init(
        name: String, rule: PromotionRule, startsAt: Instant, endsAt: Instant, priority: Int, exclusive: Bool,
        status: PromotionStatus, budgetCap: Int64?, usesCap: Int64?
    ) {
        self.name = name
        self.rule = rule
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.priority = priority
        self.exclusive = exclusive
        self.status = status
        self.budgetCap = budgetCap
        self.usesCap = usesCap
    }
}

/// How a coupon's codes are given out.
public enum CouponCodeMode: String, Sendable, Codable {
    /// One code everyone claims with.
    case shared
    /// A batch of unique codes, one per claim.
    case unique
}

/// A stored coupon definition and how many have been issued.
public struct CouponRecord: Sendable, Equatable {
    public var id: Int64
    public var terms: CouponTerms
    /// Absolute validity window (either bound optional).
    public var startsAt: Instant?
    public var endsAt: Instant?
    /// Valid for this many days after the claim (instead of, or within, the window).
    public var validDays: Int64?
    public var totalLimit: Int64?
    public var perCustomerLimit: Int64
    public var issued: Int64
    public var code: String?
    public var codeMode: CouponCodeMode
    public var createdAt: Instant

    public init(
        id: Int64, terms: CouponTerms, startsAt: Instant?, endsAt: Instant?, validDays: Int64?, totalLimit: Int64?,
        perCustomerLimit: Int64, issued: Int64, code: String?, codeMode: CouponCodeMode, createdAt: Instant
    ) {
        self.id = id
        self.terms = terms
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.validDays = validDays
        self.totalLimit = totalLimit
        self.perCustomerLimit = perCustomerLimit
        self.issued = issued
        self.code = code
        self.codeMode = codeMode
        self.createdAt = createdAt
    }
}

/// A coupon held by a customer: claimed → redeemed (→ claimed again when its order is cancelled).
public struct CouponClaim: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case claimed, redeemed
    }

    public var id: Int64
    public var couponID: Int64
    public var customerID: Int64
    public var code: String
    public var status: Status
    public var validFrom: Instant
    public var validUntil: Instant
    public var orderID: Int64?
    public var claimedAt: Instant

    public init(
        id: Int64, couponID: Int64, customerID: Int64, code: String, status: Status, validFrom: Instant, validUntil: Instant,
        orderID: Int64?, claimedAt: Instant
    ) {
        self.id = id
        self.couponID = couponID
        self.customerID = customerID
        self.code = code
        self.status = status
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.orderID = orderID
        self.claimedAt = claimedAt
    }
}

/// A coupon definition to create.
public struct NewCoupon: Sendable {
    public var terms: CouponTerms
    public var startsAt: Instant?
    public var endsAt: Instant?
    public var validDays: Int64?
    public var totalLimit: Int64?
    public var perCustomerLimit: Int64
    public var code: String?
    public var uniqueCodes: [String]

    public init(
        terms: CouponTerms, startsAt: Instant?, endsAt: Instant?, validDays: Int64?, totalLimit: Int64?, perCustomerLimit: Int64,
        code: String?, uniqueCodes: [String]
    ) {
        self.terms = terms
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.validDays = validDays
        self.totalLimit = totalLimit
        self.perCustomerLimit = perCustomerLimit
        self.code = code
        self.uniqueCodes = uniqueCodes
    }
}

/// What a promotion did over a period, for its review (复盘).
public struct PromotionFigures: Sendable, Equatable {
    public var orders: Int64
    public var gmv: Int64
    public var discount: Int64
    public var units: Int64
    public var customers: Int64
    public var newCustomers: Int64

    public init(orders: Int64, gmv: Int64, discount: Int64, units: Int64, customers: Int64, newCustomers: Int64) {
        self.orders = orders
        self.gmv = gmv
        self.discount = discount
        self.units = units
        self.customers = customers
        self.newCustomers = newCustomers
    }
}
