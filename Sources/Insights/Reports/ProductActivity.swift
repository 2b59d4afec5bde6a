/// Per-group product counts of a period from one scan of the frame and the order lines; a group
/// is a SKU or a category (`resolve` maps a SKU id to its group, -1 for none, once per SKU).
///
/// Views / add-to-carts: `product_view` / `add_to_cart` events in the period; viewers: distinct
/// people with a view. Orders, units, revenue, cost, buyers: lines of orders paid in the period
/// (orders and buyers distinct per group; buyers by customer key, guests not counted).
struct ProductActivity {
    var views: [Int] = []
    var viewers: [Int] = []
    var addToCarts: [Int] = []
    var orders: [Int] = []
    var units: [Int64] = []
    var revenue: [Int64] = []
    var cost: [Int64] = []
    var buyers: [Int] = []
    /// All `product_view` events in the period (with or without a SKU or group).
    var totalViews = 0

    init(frame: EventFrame, orders facts: OrderFacts, period: ReportPeriod, resolve: (Int32) -> Int32) {
        var dense: [Int32] = []
        var sparse: [Int32: Int32] = [:]
        let maxSKU = max(frame.sku.max() ?? 0, facts.lineSKU.max() ?? 0)
        let useDense = maxSKU < 1 << 24
        if useDense { dense = [Int32](repeating: -2, count: Int(maxSKU) + 1) }
        var groups = 0
        func group(_ sku: Int32) -> Int32 {
            if useDense, sku >= 0 {
                let g = dense[Int(sku)]
                if g != -2 { return g }
            } else if let g = sparse[sku] { return g }
            let g = sku == 0 ? -1 : resolve(sku)
            if useDense && sku >= 0 { dense[Int(sku)] = g } else { sparse[sku] = g }
            return g
        }
        func grow(_ g: Int32) {
            while groups <= Int(g) {
                views.append(0); viewers.append(0); addToCarts.append(0); orders.append(0)
                units.append(0); revenue.append(0); cost.append(0); buyers.append(0)
                groups += 1
            }
        }
        var lastViewer: [Int32] = []
        let from = period.from, to = period.to
        let productView = StandardEvent.productView.rawValue, addToCart = StandardEvent.addToCart.rawValue
        frame.time.withUnsafeBufferPointer { time in
        frame.type.withUnsafeBufferPointer { type in
        frame.sku.withUnsafeBufferPointer { sku in
        frame.personStart.withUnsafeBufferPointer { start in
            for p in 0..<(start.count - 1) {
                for e in Int(start[p])..<Int(start[p + 1]) {
                    let t = time[e]
                    if t < from { continue }
                    if t >= to { break }
                    let ty = type[e]
                    guard ty == productView || ty == addToCart else { continue }
                    if ty == productView { totalViews += 1 }
                    let g = group(sku[e])
                    guard g >= 0 else { continue }
                    grow(g)
                    let k = Int(g)
                    if ty == addToCart { addToCarts[k] += 1; continue }
                    views[k] += 1
                    while lastViewer.count <= k { lastViewer.append(-1) }
                    if lastViewer[k] != Int32(p) { lastViewer[k] = Int32(p); viewers[k] += 1 }
                }
            }
        }}}}
        let keys = facts.customerKeys(frame: frame)
        var lastOrder = [Int32](repeating: -1, count: groups)
        var buyerSets: [Set<Int64>] = Array(repeating: [], count: groups)
        for l in 0..<facts.lineCount {
            let o = Int(facts.lineOrder[l])
            let paid = facts.paidAt[o]
            guard paid >= from && paid < to else { continue }
            let g = group(facts.lineSKU[l])
            guard g >= 0 else { continue }
            if Int(g) >= groups {
                grow(g)
                lastOrder.append(contentsOf: repeatElement(-1, count: groups - lastOrder.count))
                buyerSets.append(contentsOf: repeatElement([], count: groups - buyerSets.count))
            }
            let k = Int(g)
            if lastOrder[k] != Int32(o) { lastOrder[k] = Int32(o); orders[k] += 1 }
            units[k] += facts.lineQuantity[l]
            revenue[k] += facts.lineRevenue[l]
            cost[k] += facts.lineCost[l]
            if keys[o] != 0 { buyerSets[k].insert(keys[o]) }
        }
        for k in 0..<groups { buyers[k] = buyerSets[k].count }
    }

    var groupCount: Int { views.count }
}
