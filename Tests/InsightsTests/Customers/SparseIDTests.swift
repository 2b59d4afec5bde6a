import Foundation
import Testing
@testable import Insights

/// Scattered customer ids take the hashed path of `CustomerSlots`: results must equal the dense
/// path's with the ids mapped (monotonically, so the order of rows by id is kept).
@Suite struct SparseIDTests {
    static func sparse(_ id: Int64) -> Int64 { id == 0 ? 0 : id * 1_000_000_007 + 13 }

    static func remapped(_ o: OrderFacts) -> OrderFacts {
        var out = OrderFacts()
        for i in 0..<o.orderCount {
            out.appendOrder(id: o.id[i], customer: sparse(o.customer[i]), placedAt: o.placedAt[i],
                            paidAt: o.isPaid(i) ? o.paidAt[i] : nil, total: o.total[i])
        }
        for r in 0..<o.refundCount { out.appendRefund(order: o.refundOrder[r], amount: o.refundAmount[r], at: o.refundAt[r]) }
        for l in 0..<o.lineCount {
            out.appendLine(order: o.lineOrder[l], sku: o.lineSKU[l] * 1_000_003, quantity: 1, revenue: 0, cost: 0)
        }
        return out
    }

    @Test func rfmRowsAreTheSame() throws {
        let orders = try CRMFixtures.orders("main")
        let query = RFMQuery(asOf: 1_794_708_000_000, calendar: try CRMFixtures.calendar("Asia/Shanghai"))
        let dense = query.run(orders)
        let sparse = query.run(Self.remapped(orders))
        #expect(dense.count == sparse.count && dense.count > 200)
        #expect(dense.map { var r = $0; r.customerID = Self.sparse(r.customerID); return r } == sparse)
    }

    @Test func tableColumnsAreTheSame() throws {
        let orders = try CRMFixtures.orders("main")
        let calendar = try CRMFixtures.calendar("Asia/Shanghai")
        let (ids, channels) = try CRMFixtures.customers("main")
        // Customers in reverse order, so rows are not sorted by id.
        // SKUs are scattered too (the dictionary path of the SKU → category lookup).
        let categories = try CRMFixtures.categoryOfSKU()
        let scattered = Dictionary(uniqueKeysWithValues: categories.map { ($0.key * 1_000_003, $0.value) })
        func build(_ ids: [Int64], _ orders: OrderFacts, _ categories: [Int32: Int32]) throws -> CustomerTable {
            CustomerTable(
                customers: ids.reversed(), acquisitionChannel: channels.reversed(), orders: orders, frame: nil,
                categoryOfSKU: categories, asOf: 1_794_708_000_000, calendar: calendar,
                rules: LifecycleRules(), rfm: RFMQuery(asOf: 1_794_708_000_000, calendar: calendar))
        }
        let a = try build(ids, orders, categories)
        let b = try build(ids.map(Self.sparse), Self.remapped(orders), scattered)
        #expect(a.spend == b.spend && a.orders == b.orders && a.lastOrderAt == b.lastOrderAt)
        #expect(a.r == b.r && a.f == b.f && a.m == b.m && a.rfmSegment == b.rfmSegment && a.lifecycle == b.lifecycle)
        #expect(a.categoryStart == b.categoryStart && a.categoryCodes == b.categoryCodes && a.categoryCodes.count > 300)
        #expect(a.rowsByID == b.rowsByID)
        for id in ids { #expect(a.row(ofCustomer: id) == b.row(ofCustomer: Self.sparse(id))) }
    }
}
