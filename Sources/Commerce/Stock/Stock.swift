/// The counters of one SKU in one warehouse. available = on hand − held − allocated.
public struct StockLevel: Sendable, Equatable {
    public var skuID: Int64
    public var warehouseID: Int64
    public var onHand: Int64
    /// Units reserved by unpaid orders until their hold expires.
    public var held: Int64
    /// Units owed to paid orders that have not shipped.
    public var allocated: Int64

    public init(skuID: Int64, warehouseID: Int64, onHand: Int64 = 0, held: Int64 = 0, allocated: Int64 = 0) {
        self.skuID = skuID
        self.warehouseID = warehouseID
        self.onHand = onHand
        self.held = held
        self.allocated = allocated
    }

    public var available: Int64 { onHand - held - allocated }

    /// Adds another level's counters (e.g. to total a SKU over warehouses).
    public mutating func add(_ other: StockLevel) {
        onHand += other.onHand
        held += other.held
        allocated += other.allocated
    }
}

/// Why a stock counter moved. Every change to a `StockLevel` is recorded with one of these.
public enum StockReason: String, Sendable, Codable, CaseIterable {
    /// Goods received into a warehouse (on hand up).
    case receipt
    /// A stock count found a different number (on hand up or down).
    case countCorrection = "count_correction"
    /// Goods damaged or lost (on hand down).
    case damage
    /// An unpaid order reserved units (held up).
    case hold
    /// A paid order took its held units (held down, allocated up).
    case allocation
    /// Goods left the warehouse for a shipped order (allocated and on hand down).
    case sale
    /// A cancelled or expired order gave its units back (held or allocated down).
    case release

    /// Reasons an operator may give for a manual adjustment.
    public static let manual: [StockReason] = [.receipt, .countCorrection, .damage]
}

/// One entry of the append-only stock ledger.
public struct StockMovement: Sendable, Equatable {
    public var id: Int64
    public var skuID: Int64
    public var warehouseID: Int64
    public var reason: StockReason
    public var onHandDelta: Int64
    public var heldDelta: Int64
    public var allocatedDelta: Int64
    public var orderID: Int64?
    public var note: String?
    public var createdAt: Instant

    public init(
        id: Int64, skuID: Int64, warehouseID: Int64, reason: StockReason, onHandDelta: Int64 = 0,
        heldDelta: Int64 = 0, allocatedDelta: Int64 = 0, orderID: Int64? = nil, note: String? = nil,
        createdAt: Instant
    ) {
        self.id = id
        self.skuID = skuID
        self.warehouseID = warehouseID
        self.reason = reason
        self.onHandDelta = onHandDelta
        self.heldDelta = heldDelta
        self.allocatedDelta = allocatedDelta
        self.orderID = orderID
        self.note = note
        self.createdAt = createdAt
    }
}

/// Rules for manual stock adjustments.
public enum StockRules {
    /// Checks that a manual adjustment's sign fits its reason.
    public static func validateAdjustment(delta: Int64, reason: StockReason) throws(CommerceError) {
        guard StockReason.manual.contains(reason) else {
            throw .invalid("reason", "Use one of receipt, count_correction, damage.", code: "invalid_reason")
        }
        guard delta != 0 else { throw .invalid("delta", "Must not be zero.", code: "invalid_quantity") }
        guard abs(delta) <= maxUnits else { throw .invalid("delta", "At most \(maxUnits) units at once.", code: "invalid_quantity") }
        if reason == .receipt && delta < 0 {
            throw .invalid("delta", "A receipt adds stock: delta must be positive.", code: "invalid_quantity")
        }
        if reason == .damage && delta > 0 {
            throw .invalid("delta", "Damage removes stock: delta must be negative.", code: "invalid_quantity")
        }
    }

    /// Largest quantity in one line or adjustment.
    public static let maxUnits: Int64 = 1_000_000

    /// Whether a SKU total is at or below its low-stock threshold.
    public static func isLow(_ level: StockLevel, threshold: Int64) -> Bool {
        threshold > 0 && level.available <= threshold
    }

    /// Splits a requested quantity over warehouses in the given priority order, taking what
    /// each can give. Throws `insufficient_stock` when the total available is not enough.
    public static func planHold(
        quantity: Int64, levels: [StockLevel], sku: String, field: String
    ) throws(CommerceError) -> [(warehouseID: Int64, quantity: Int64)] {
        var left = quantity
        var plan: [(warehouseID: Int64, quantity: Int64)] = []
        for level in levels where left > 0 && level.available > 0 {
            let take = min(left, level.available)
            plan.append((level.warehouseID, take))
            left -= take
        }
        guard left == 0 else { throw .insufficientStock(sku: sku, field: field) }
        return plan
    }
}
