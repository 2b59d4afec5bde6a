import Commerce
import Foundation
@testable import Persistence
import StoreTesting
import Testing

/// Membership on PostgreSQL: program, growth and tiers, the points ledger, and spends racing across instances.
@Suite struct PostgresPromotionMembershipTests {
    typealias Fixture = PostgresPromotionTests
    static let shop = Fixture.shop

    /// A paid order of `yuan` (in fen) for `customer`.
    static func order(_ id: Int64, customer: Int64, yuan: Int64) -> Order {
        let total = Money(yuan * 100, .cny)
        return Order(
            id: id, customerID: customer, status: .paid, lines: [], subtotal: total, discount: .zero(.cny), shipping: .zero(.cny), total: total,
            shippingAddress: nil, shipment: nil, cancelReason: nil, holdExpiresAt: nil, createdAt: Fixture.start, updatedAt: Fixture.start)
    }

    static func balance(_ store: PostgresStore, customer: Int64, at now: Instant) async throws -> Int64 {
        try await store.write { db in try await PostgresStore.memberStanding(db, shop: shop, customerID: customer, now: now).balance }
    }

    @Test func programsRoundTripAndRetierMembers() async throws {
        let store = try await Fixture.store(customers: 2)
        defer { store.close() }
        #expect(try await store.membershipProgram(Self.shop) == .standard)
        try await store.write { db in try await PostgresStore.accrueMembership(db, shop: Self.shop, order: Self.order(1, customer: 1, yuan: 600), at: Fixture.start) }
        var program = MembershipProgram.standard
        program.tiers[1].growthThreshold = 1_000
        program.pointsExpiryDays = 30
        try await store.setMembershipProgram(Self.shop, program, now: Fixture.day(1))
        #expect(try await store.membershipProgram(Self.shop) == program)
        let member = try #require(try await store.membership(Self.shop, customerID: 1, now: Fixture.day(1)))
        #expect(member.growth == 600 && member.tier == 0)
        #expect(member.tierHistory == [
            TierChange(from: 0, to: 1, growth: 600, reason: "order_paid", orderID: 1, at: Fixture.start),
            TierChange(from: 1, to: 0, growth: 600, reason: "program_changed", orderID: nil, at: Fixture.day(1)),
        ])
        #expect(try await store.membership(Self.shop, customerID: 2, now: Fixture.day(1)) == MembershipRecord(customerID: 2, growth: 0, tier: 0, tierHistory: [], ledger: []))
        #expect(try await store.membership(Self.shop, customerID: 99, now: Fixture.day(1)) == nil)
    }

    @Test func ordersEarnSpendReturnAndReverse() async throws {
        let store = try await Fixture.store(customers: 1)
        defer { store.close() }
        let year = Fixture.day(365)
        try await store.write { db in
            try await PostgresStore.accrueMembership(db, shop: Self.shop, order: Self.order(1, customer: 1, yuan: 1_000), at: Fixture.start)
            try await PostgresStore.spendPoints(db, shop: Self.shop, customerID: 1, orderID: 2, points: 300, now: Fixture.start)
        }
        #expect(try await Self.balance(store, customer: 1, at: Fixture.start) == 700)
        let standing = try await store.write { db in try await PostgresStore.memberStanding(db, shop: Self.shop, customerID: 1, now: Fixture.start) }
        #expect(standing.tier.level == 1)
        try await store.write { db in
            try await PostgresStore.returnSpentPoints(db, shop: Self.shop, orderID: 2, customerID: 1, now: Fixture.day(1))
            // A second cancellation of the same order gives nothing back.
            try await PostgresStore.returnSpentPoints(db, shop: Self.shop, orderID: 2, customerID: 1, now: Fixture.day(1))
            try await PostgresStore.reverseMembership(
                db, shop: Self.shop, order: Self.order(1, customer: 1, yuan: 1_000), refundedBefore: 0, refundedAfter: 50_000, now: Fixture.day(2))
        }
        let member = try #require(try await store.membership(Self.shop, customerID: 1, now: Fixture.day(2)))
        #expect(member.growth == 500 && member.tier == 1)
        #expect(member.ledger.map(\.kind) == [.earn, .redeem, .redeemReturn, .earnReversal])
        #expect(member.ledger.map(\.amount) == [1_000, -300, 300, -500])
        #expect(member.ledger.first?.expiresAt == year && member.ledger.first?.orderID == 1)
        // The earned lot's rest (200) comes due after a year, the returned lot a day later: standing counts it, membership writes it.
        #expect(try await Self.balance(store, customer: 1, at: year) == 300)
        let expired = try #require(try await store.membership(Self.shop, customerID: 1, now: year))
        #expect(expired.ledger.last?.kind == .expire && expired.ledger.reduce(0) { $0 + $1.amount } == 300)
        let row: Int64 = try await store.read { db in try await db.row("SELECT points FROM memberships WHERE customer_id = 1")![0] }
        #expect(row == 300)
        #expect(await Fixture.refusal {
            try await store.write { db in try await PostgresStore.spendPoints(db, shop: Self.shop, customerID: 1, orderID: 3, points: 301, now: year) }
        } == "insufficient_points")
    }

    @Test func recordedPointsAreRefusedBelowZero() async throws {
        let store = try await Fixture.store(customers: 1)
        defer { store.close() }
        let added = try await store.recordPoints(Self.shop, customerID: 1, kind: .activity, amount: 20, note: "review", now: Fixture.start)
        #expect(added.ledger == [PointsEntry(kind: .activity, amount: 20, at: Fixture.start, expiresAt: Fixture.day(365), note: "review")])
        #expect(await Fixture.refusal { try await store.recordPoints(Self.shop, customerID: 1, kind: .adjust, amount: -21, note: nil, now: Fixture.start) } == "insufficient_points")
        let taken = try await store.recordPoints(Self.shop, customerID: 1, kind: .adjust, amount: -20, note: nil, now: Fixture.start)
        #expect(taken.ledger.map(\.amount) == [20, -20])
        #expect(await Fixture.refusal { try await store.recordPoints(Self.shop, customerID: 2, kind: .activity, amount: 5, note: nil, now: Fixture.start) } == "not_found")
    }

    /// 100 points, 40 spends of 10 at once from two instances: exactly 10 go through and the balance ends at 0.
    @Test func concurrentSpendsNeverOverdraw() async throws {
        let store = try await Fixture.store(customers: 1)
        let other = try await Fixture.twin(of: store)
        defer { store.close(); other.close() }
        try await store.write { db in
            try await PostgresStore.appendPoints(db, shop: Self.shop, customerID: 1, [PointsEntry(kind: .activity, amount: 100, at: Fixture.start)])
        }
        let results = await withTaskGroup(of: String?.self, returning: [String?].self) { group in
            for index in 0..<40 {
                let instance = index % 2 == 0 ? store : other
                group.addTask {
                    await Fixture.refusal {
                        try await instance.write { db in
                            try await PostgresStore.spendPoints(db, shop: Self.shop, customerID: 1, orderID: Int64(index), points: 10, now: Fixture.start)
                        }
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == nil }.count == 10)
        #expect(results.filter { $0 == "insufficient_points" }.count == 30)
        #expect(try await Self.balance(store, customer: 1, at: Fixture.start) == 0)
        let ledger: Int64 = try await store.read { db in try await db.row("SELECT COALESCE(SUM(amount), 0) FROM points_ledger WHERE customer_id = 1")![0] }
        #expect(ledger == 0)
    }

    /// Two instances pay 10 orders of one new member at once: no growth is lost.
    @Test func concurrentAccrualsAddUp() async throws {
        let store = try await Fixture.store(customers: 1)
        let other = try await Fixture.twin(of: store)
        defer { store.close(); other.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<10 {
                let instance = index % 2 == 0 ? store : other
                group.addTask {
                    try await instance.write { db in
                        try await PostgresStore.accrueMembership(db, shop: Self.shop, order: Self.order(Int64(index), customer: 1, yuan: 100), at: Fixture.start)
                    }
                }
            }
            try await group.waitForAll()
        }
        let member = try #require(try await store.membership(Self.shop, customerID: 1, now: Fixture.start))
        #expect(member.growth == 1_000 && member.tier == 1 && member.tierHistory.count == 1)
        // Five orders earn at V0 (100 points each), the five after the member reached V1 at 110%.
        #expect(member.ledger.count == 10 && member.ledger.reduce(0) { $0 + $1.amount } == 1_050)
    }
}
