/// Columnar per-customer facts as of a time (struct of arrays, one row per customer, in the order
/// the customers were passed in). Rules: docs/crm.md, "Customer table".
///
/// Orders and money count orders paid at or before `asOf`, over all history; refunds made at or
/// before `asOf` reduce spend (never below 0). Missing values use sentinels documented per column.
public struct CustomerTable: Sendable {
    public let asOf: Int64
    /// Local day of `asOf`.
    public let asOfDay: Int32
    public let calendar: ShopCalendar
    public let rules: LifecycleRules

    public let customerID: [Int64]
    /// Index into `channelNames`, -1 = unknown.
    public let acquisitionChannel: [Int32]
    /// Distinct acquisition channel names, sorted.
    public let channelNames: [String]
    /// Paid orders.
    public let orders: [Int32]
    /// Paid revenue net of refunds, minor units, ≥ 0.
    public let spend: [Int64]
    /// `spend ÷ orders` rounded half away from zero; 0 without orders.
    public let aov: [Int64]
    /// Paid time of the first / last paid order (ms), -1 = none.
    public let firstOrderAt: [Int64]
    public let lastOrderAt: [Int64]
    /// Their local days, `CustomerTable.noDay` = none.
    public let firstOrderDay: [Int32]
    public let lastOrderDay: [Int32]
    /// `asOfDay - lastOrderDay`, -1 = no paid order.
    public let daysSinceLastOrder: [Int32]
    /// RFM scores 1…5, 0 = not scored (no RFM query, or no order paid in its window).
    public let r: [UInt8]
    public let f: [UInt8]
    public let m: [UInt8]
    /// `RFMSegment.code`, `CustomerTable.noSegment` = not scored.
    public let rfmSegment: [UInt8]
    /// `LifecycleStage.code`.
    public let lifecycle: [UInt8]
    /// `PurchaseIntent.code`.
    public let intent: [UInt8]
    /// Product views and add-to-carts in the intent window (`rules.intentDays`, up to `asOf`).
    public let views7d: [Int32]
    public let carts7d: [Int32]
    /// Categories bought (lines of paid orders), per row `categoryCodes[categoryStart[row] ..<
    /// categoryStart[row + 1]]`, ascending indexes into `categoryIDs`.
    public let categoryStart: [Int32]
    public let categoryCodes: [Int32]
    /// Distinct category ids of the SKU → category map, ascending.
    public let categoryIDs: [Int32]
    /// Membership tier and points, filled in by the caller; rules on them match nothing while nil.
    public var tier: [UInt8]?
    public var points: [Int64]?

    /// Rows sorted by customer id (for `row(ofCustomer:)`).
    let rowsByID: [Int32]

    public static let noDay = Int32.min
    public static let noSegment: UInt8 = 255

    public var count: Int { customerID.count }

    /// Builds the table. `customers` are distinct ids; `acquisitionChannel` is parallel to them.
    /// `frame` supplies views and add-to-carts (of the person holding each customer id);
    /// `categoryOfSKU` maps a line's SKU to its category (SKUs not in it have none); `rfm`, when
    /// given, fills the RFM columns from its own window.
    public init(
        customers: [Int64], acquisitionChannel: [String?], orders: OrderFacts, frame: EventFrame?,
        categoryOfSKU: [Int32: Int32], asOf: Int64, calendar: ShopCalendar,
        rules: LifecycleRules = LifecycleRules(), rfm: RFMQuery?
    ) {
        precondition(acquisitionChannel.count == customers.count, "one acquisition channel per customer")
        var b = CustomerTableBuilder(customers: customers, asOf: asOf, calendar: calendar, rules: rules)
        b.addOrders(orders)
        b.addEvents(frame)
        b.addCategories(orders, categoryOfSKU: categoryOfSKU)
        if let rfm { b.addRFM(rfm.run(orders)) }
        let (names, codes) = CustomerTableBuilder.encode(acquisitionChannel)
        self.asOf = asOf
        asOfDay = b.asOfDay
        self.calendar = calendar
        self.rules = rules
        customerID = customers
        self.acquisitionChannel = codes
        channelNames = names
        self.orders = b.orders
        spend = b.spend
        aov = b.aov
        firstOrderAt = b.firstAt
        lastOrderAt = b.lastAt
        firstOrderDay = b.firstDay
        lastOrderDay = b.lastDay
        daysSinceLastOrder = b.daysSinceLast
        r = b.r
        f = b.f
        m = b.m
        rfmSegment = b.segment
        lifecycle = b.lifecycle
        intent = b.intent
        views7d = b.views
        carts7d = b.carts
        categoryStart = b.categoryStart
        categoryCodes = b.categoryCodes
        categoryIDs = b.categoryIDs
        rowsByID = b.rowsByID
    }

    /// The row of a customer id.
    public func row(ofCustomer id: Int64) -> Int? {
        var lo = 0, hi = rowsByID.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if customerID[Int(rowsByID[mid])] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowsByID.count && customerID[Int(rowsByID[lo])] == id ? Int(rowsByID[lo]) : nil
    }

    /// The RFM segment of a row; nil when not scored.
    public func segment(ofRow row: Int) -> RFMSegment? { RFMSegment(code: rfmSegment[row]) }

    public func lifecycleStage(ofRow row: Int) -> LifecycleStage { LifecycleStage.allCases[Int(lifecycle[row])] }

    public func purchaseIntent(ofRow row: Int) -> PurchaseIntent { PurchaseIntent.allCases[Int(intent[row])] }

    /// Acquisition channel name of a row; nil when unknown.
    public func channel(ofRow row: Int) -> String? {
        let c = acquisitionChannel[row]
        return c < 0 ? nil : channelNames[Int(c)]
    }

    /// Category ids bought by a row's customer, ascending.
    public func categories(ofRow row: Int) -> [Int32] {
        (Int(categoryStart[row])..<Int(categoryStart[row + 1])).map { categoryIDs[Int(categoryCodes[$0])] }
    }
}
