import Commerce
import Foundation
@testable import Persistence
import StoreTesting
import Testing

/// Coupons on PostgreSQL: codes, claims and their limits under concurrent claims from two instances.
@Suite struct PostgresPromotionCouponTests {
    typealias Fixture = PostgresPromotionTests
    static let shop = Fixture.shop

    static func coupon(
        _ name: String, code: String? = nil, unique: [String] = [], total: Int64? = nil, perCustomer: Int64 = 1,
        from: Int64? = nil, to: Int64? = nil, validDays: Int64? = nil
    ) -> NewCoupon {
        NewCoupon(
            terms: CouponTerms(id: 0, name: name, discount: .fixed(amount: 1_000), threshold: 5_000), startsAt: from.map(Fixture.day),
            endsAt: to.map(Fixture.day), validDays: validDays, totalLimit: total, perCustomerLimit: perCustomer, code: code, uniqueCodes: unique)
    }

    @Test func couponsAreCreatedFoundByCodeAndListed() async throws {
        let store = try await Fixture.store()
        defer { store.close() }
        let shared = try await store.createCoupon(Self.shop, Self.coupon("Ten off", code: "TEN", total: 100), now: Fixture.start)
        #expect(shared.terms.id == shared.id && shared.terms.name == "Ten off" && shared.codeMode == .shared && shared.issued == 0)
        #expect(shared.totalLimit == 100 && shared.code == "TEN" && shared.startsAt == nil)
        #expect(try await store.coupon(Self.shop, id: shared.id) == shared)
        let batch = try await store.createCoupon(Self.shop, Self.coupon("Batch", unique: ["U1", "U2", "U3"], total: 999), now: Fixture.start)
        #expect(batch.codeMode == .unique && batch.totalLimit == 3 && batch.code == nil)
        #expect(try await store.couponForCode(Self.shop, code: "TEN")?.id == shared.id)
        #expect(try await store.couponForCode(Self.shop, code: "U2")?.id == batch.id)
        #expect(try await store.couponForCode(Self.shop, code: "NOPE") == nil)

        #expect(await Fixture.refusal { try await store.createCoupon(Self.shop, Self.coupon("Again", code: "TEN"), now: Fixture.start) } == "duplicate")
        #expect(await Fixture.refusal { try await store.createCoupon(Self.shop, Self.coupon("Clash", unique: ["V1", "TEN"]), now: Fixture.start) } == "duplicate")
        #expect(await Fixture.refusal { try await store.createCoupon(Self.shop, Self.coupon("Twice", unique: ["W1", "W1"]), now: Fixture.start) } == "duplicate")
        #expect(await Fixture.refusal { try await store.createCoupon(Self.shop, Self.coupon("Taken", code: "U1"), now: Fixture.start) } == "duplicate")
        // Refused creations leave nothing behind, and the shop's pricing version moved once per coupon.
        #expect(try await store.couponForCode(Self.shop, code: "V1") == nil)
        let page = try await store.coupons(Self.shop, page: PageRequest(limit: 1))
        #expect(page.items.map(\.id) == [batch.id] && page.hasMore)
        #expect(try await store.coupons(Self.shop, page: PageRequest(limit: 5, startingAfter: batch.id)).items.map(\.id) == [shared.id])
        let version: Int64 = try await store.read { db in try await db.row("SELECT pricing_version FROM shops WHERE id = 1")![0] }
        #expect(version == 2)
    }

    @Test func claimsKeepWithinTheirLimitsAndWindow() async throws {
        let store = try await Fixture.store(customers: 3)
        defer { store.close() }
        let shared = try await store.createCoupon(
            Self.shop, Self.coupon("Week", code: "WEEK", total: 3, perCustomer: 2, from: 2, to: 30, validDays: 7), now: Fixture.start)
        let claim = try await store.claimCoupon(Self.shop, couponID: shared.id, customerID: 1, code: nil, now: Fixture.start)
        #expect(claim.code == "WEEK" && claim.status == .claimed && claim.validFrom == Fixture.day(2) && claim.validUntil == Fixture.day(9))
        let late = try await store.claimCoupon(Self.shop, couponID: shared.id, customerID: 1, code: nil, now: Fixture.day(25))
        #expect(late.validUntil == Fixture.day(30))
        #expect(await Fixture.refusal { try await store.claimCoupon(Self.shop, couponID: shared.id, customerID: 1, code: nil, now: Fixture.day(25)) } == "limit_reached")
        _ = try await store.claimCoupon(Self.shop, couponID: shared.id, customerID: 2, code: nil, now: Fixture.day(25))
        #expect(await Fixture.refusal { try await store.claimCoupon(Self.shop, couponID: shared.id, customerID: 3, code: nil, now: Fixture.day(25)) } == "limit_reached")
        #expect(try await store.coupon(Self.shop, id: shared.id)?.issued == 3)
        #expect(await Fixture.refusal { try await store.claimCoupon(Self.shop, couponID: shared.id, customerID: 3, code: nil, now: Fixture.day(30)) } == "coupon_expired")
        #expect(await Fixture.refusal { try await store.claimCoupon(Self.shop, couponID: 999, customerID: 3, code: nil, now: Fixture.day(1)) } == "not_found")
        #expect(try await store.claims(Self.shop, customerID: 1).map(\.id) == [claim.id, late.id])

        let batch = try await store.createCoupon(Self.shop, Self.coupon("Batch", unique: ["U1", "U2"], perCustomer: 5), now: Fixture.start)
        let picked = try await store.claimCoupon(Self.shop, couponID: batch.id, customerID: 3, code: "U2", now: Fixture.start)
        #expect(picked.code == "U2" && picked.validUntil == Instant(millisecondsSinceEpoch: 253_402_300_799_999))
        #expect(await Fixture.refusal { try await store.claimCoupon(Self.shop, couponID: batch.id, customerID: 2, code: "U2", now: Fixture.start) } == "already_used")
        let next = try await store.claimCoupon(Self.shop, couponID: batch.id, customerID: 3, code: nil, now: Fixture.start)
        #expect(next.code == "U1")
        let owners: [Int64] = try await store.read { db in
            try await db.rows("SELECT claim_id FROM coupon_codes WHERE coupon_id = ? ORDER BY code", [batch.id]).map { $0[0] }
        }
        #expect(owners == [next.id, picked.id])
        // The order path's lookup: unredeemed claims first.
        try await store.write { db in try await db.run("UPDATE coupon_claims SET status = 'redeemed' WHERE id = ?", [claim.id]) }
        let best = try await store.read { db in try await PostgresStore.claims(db, shop: Self.shop, customerID: 1, code: "WEEK") }
        #expect(best.map(\.id) == [late.id, claim.id] && best.map(\.status) == [.claimed, .redeemed])
    }

    /// 100 claims of a coupon with an issue limit of 30, from 100 customers on two instances at once: exactly 30 are issued.
    @Test func concurrentClaimsIssueExactlyTheLimit() async throws {
        let store = try await Fixture.store()
        let other = try await Fixture.twin(of: store)
        defer { store.close(); other.close() }
        let coupon = try await store.createCoupon(Self.shop, Self.coupon("Thirty", code: "THIRTY", total: 30), now: Fixture.start)
        let results = await Self.claimAll(store, other, coupon: coupon.id, customers: Array(1...100))
        #expect(results.filter { $0 == nil }.count == 30)
        #expect(results.filter { $0 == "limit_reached" }.count == 70)
        #expect(try await store.coupon(Self.shop, id: coupon.id)?.issued == 30)
        let stored: Int64 = try await store.read { db in try await db.row("SELECT COUNT(*) FROM coupon_claims WHERE coupon_id = ?", [coupon.id])![0] }
        #expect(stored == 30)
    }

    /// One customer tries 40 claims at once (per-customer limit 3, unique codes): 3 claims, 3 distinct codes.
    @Test func concurrentClaimsOfOneCustomerKeepThePerCustomerLimit() async throws {
        let store = try await Fixture.store()
        let other = try await Fixture.twin(of: store)
        defer { store.close(); other.close() }
        let coupon = try await store.createCoupon(
            Self.shop, Self.coupon("Codes", unique: (1...10).map { "C\($0)" }, perCustomer: 3), now: Fixture.start)
        let results = await Self.claimAll(store, other, coupon: coupon.id, customers: Array(repeating: 7, count: 40))
        #expect(results.filter { $0 == nil }.count == 3)
        #expect(results.filter { $0 == "limit_reached" }.count == 37)
        let claims = try await store.claims(Self.shop, customerID: 7)
        #expect(claims.count == 3 && Set(claims.map(\.code)).count == 3)
        #expect(try await store.coupon(Self.shop, id: coupon.id)?.issued == 3)
    }

    /// Claims `coupon` once per entry of `customers`, alternating between the two instances, all at once.
    static func claimAll(_ store: PostgresStore, _ other: PostgresStore, coupon: Int64, customers: [Int64]) async -> [String?] {
        await withTaskGroup(of: String?.self, returning: [String?].self) { group in
            for (index, customer) in customers.enumerated() {
                let instance = index % 2 == 0 ? store : other
                group.addTask {
                    await Fixture.refusal {
                        try await instance.claimCoupon(Self.shop, couponID: coupon, customerID: customer, code: nil, now: Fixture.start)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }
}
