import Testing
@testable import Commerce

/// Tiers, earning, the points ledger (expiry oldest first, refunds), and paying with points.
@Suite struct MembershipTests {
    let program = MembershipProgram.standard
    static func at(_ day: Int64) -> Instant { Instant(millisecondsSinceEpoch: day * 86_400_000) }

    @Test func tiersFollowGrowth() {
        #expect(program.tier(forGrowth: 0).name == "V0")
        #expect(program.tier(forGrowth: 499).name == "V0")
        #expect(program.tier(forGrowth: 500).name == "V1")
        #expect(program.tier(forGrowth: 49_999).name == "V4")
        #expect(program.tier(forGrowth: 10_000_000).name == "V5")
        #expect(program.growth(forPaid: 19_999, currency: .cny) == 199)
        #expect(program.points(forPaid: 19_999, currency: .cny, tier: program.tiers[0]) == 199)
        #expect(program.points(forPaid: 19_999, currency: .cny, tier: program.tiers[1]) == 218)  // 199 × 1.1 = 218.9
        #expect(program.points(forPaid: 19_999, currency: Currency("JPY")!, tier: program.tiers[5]) == 39_998)
        #expect(program.points(forPaid: -5, currency: .cny, tier: program.tiers[0]) == 0)
    }

    @Test func programRules() {
        func code(_ change: (inout MembershipProgram) -> Void) -> String? {
            var p = MembershipProgram.standard
            change(&p)
            do { try p.validate(); return nil } catch { return "\(error.code)@\(error.field ?? "")" }
        }
        #expect(code { _ in } == nil)
        #expect(code { $0.tiers[0].growthThreshold = 1 } == "invalid_tiers@tiers[0].growth_threshold")
        #expect(code { $0.tiers[2].growthThreshold = 500 } == "invalid_tiers@tiers[2].growth_threshold")
        #expect(code { $0.tiers[3].level = 4 } == "invalid_tiers@tiers[3].level")
        #expect(code { $0.tiers = [] } == "invalid_tiers@tiers")
        #expect(code { $0.redeemCapPercent = 101 } == "invalid_value@redeem_cap_percent")
        #expect(code { $0.pointValue = 0 } == "invalid_value@point_value")
        #expect(code { $0.pointsExpiryDays = 0 } == "invalid_value@points_expiry_days")
        #expect(code { $0.activities["Sign In"] = 5 } == "invalid_value@activities")
        #expect(code { $0.activities["x"] = 0 } == "invalid_value@activities.x")
    }

    @Test func deductionsUseTheOldestPointsAndTheRestExpires() {
        let a = Self.at(0), b = Self.at(10)
        var entries = [
            PointsEntry(kind: .earn, amount: 100, at: a, expiresAt: Self.at(365)),
            PointsEntry(kind: .activity, amount: 50, at: b, expiresAt: Self.at(375)),
            PointsEntry(kind: .redeem, amount: -120, at: Self.at(20)),
        ]
        var ledger = PointsLedger(entries)
        #expect(ledger.balance == 30)
        #expect(ledger.expiries(at: Self.at(364)).isEmpty)
        // The redemption used all 100 old points and 20 of the newer ones: nothing left to expire on day 365.
        #expect(ledger.expiries(at: Self.at(365)).isEmpty)
        let due = ledger.expiries(at: Self.at(400))
        #expect(due == [PointsEntry(kind: .expire, amount: -30, at: Self.at(375), note: "expired")])
        #expect(ledger.balance(at: Self.at(400)) == 0)
        // Once written, expiries are not repeated.
        entries += due
        ledger = PointsLedger(entries)
        #expect(ledger.expiries(at: Self.at(900)).isEmpty && ledger.balance == 0)
    }

    @Test func expiriesComeInOrderAndSkipUsedLots() {
        let entries = [
            PointsEntry(kind: .earn, amount: 10, at: Self.at(0), expiresAt: Self.at(5)),
            PointsEntry(kind: .earn, amount: 20, at: Self.at(1), expiresAt: Self.at(3)),
            PointsEntry(kind: .adjust, amount: 7, at: Self.at(1)),
            PointsEntry(kind: .redeem, amount: -25, at: Self.at(2)),
        ]
        // The redemption took the 20 expiring first, then 5 of the 10; the adjustment never expires.
        let due = PointsLedger(entries).expiries(at: Self.at(9))
        #expect(due.map(\.amount) == [-5] && due.map(\.at) == [Self.at(5)])
        #expect(PointsLedger(entries).balance(at: Self.at(9)) == 7)
    }

    @Test func refundsGiveBackProportionallyAndExactlyInTotal() {
        #expect(PointsLedger.proportional(199, total: 19_999, refundedBefore: 0, refundedAfter: 19_999) == 199)
        #expect(PointsLedger.proportional(199, total: 19_999, refundedBefore: 0, refundedAfter: 10_000) == 99)
        // Any split of a full refund gives back the whole amount.
        var given: Int64 = 0, refunded: Int64 = 0
        for step in [3_333, 1, 6_665, 10_000] {
            given += PointsLedger.proportional(199, total: 19_999, refundedBefore: refunded, refundedAfter: refunded + Int64(step))
            refunded += Int64(step)
        }
        #expect(refunded == 19_999 && given == 199)
        #expect(PointsLedger.proportional(Int64.max / 2, total: Int64.max / 3, refundedBefore: 0, refundedAfter: Int64.max / 3) == Int64.max / 2)
        #expect(PointsLedger.proportional(10, total: 0, refundedBefore: 0, refundedAfter: 5) == 0)
    }

    static func priced(_ totals: [Int64], shipping: Int64 = 0) -> PricedCart {
        let lines = totals.enumerated().map { index, total in
            PricedLine(line: CartLine(skuID: Int64(index + 1), skuCode: "S\(index)", title: "S", quantity: 1, listPrice: Money(total, .cny)), subtotal: Money(total, .cny),
                       discount: .zero(.cny), total: Money(total, .cny), applied: [])
        }
        let sum = totals.reduce(0, +)
        return PricedCart(lines: lines, subtotal: Money(sum, .cny), discount: .zero(.cny), shipping: Money(shipping, .cny), total: Money(sum + shipping, .cny))
    }

    @Test func pointsPayPartOfTheGoodsWithinTheCap() throws {
        let cart = Self.priced([3_333, 3_333, 3_334], shipping: 1_000)
        #expect(PointsRedemption.maxPoints(goodsTotal: 10_000, balance: 1_000_000, program: program) == 5_000)
        #expect(PointsRedemption.maxPoints(goodsTotal: 10_000, balance: 700, program: program) == 700)
        let paid = try PointsRedemption.apply(1_001, to: cart, balance: 2_000, program: program)
        #expect(paid.total.amount == 11_000 - 1_001 && paid.discount.amount == 1_001 && paid.pointsRedeemed == 1_001)
        #expect(paid.lines.map(\.discount.amount).reduce(0, +) == 1_001)
        #expect(paid.lines.allSatisfy { $0.applied.last?.source == .points && $0.total.amount >= 0 })
        #expect(paid.shipping.amount == 1_000)
        #expect(throws: CommerceError.self) { try PointsRedemption.apply(5_001, to: cart, balance: 9_000, program: program) }
        do {
            _ = try PointsRedemption.apply(2_001, to: cart, balance: 2_000, program: program)
        } catch {
            #expect(error.code == "insufficient_points" && error.field == "points")
        }
        do {
            _ = try PointsRedemption.apply(5_001, to: cart, balance: 9_000, program: program)
        } catch {
            #expect(error.code == "points_cap_exceeded")
        }
        #expect(try PointsRedemption.apply(0, to: cart, balance: 0, program: program) == cart)
        // Lines already free take nothing.
        let partly = try PointsRedemption.apply(100, to: Self.priced([0, 1_000]), balance: 100, program: program)
        #expect(partly.lines.map(\.discount.amount) == [0, 100])
    }

    @Test func freeShippingTiersWaiveShipping() {
        let cart = Self.priced([5_000], shipping: 1_000)
        let member = MemberBenefits.apply(program.tiers[3], to: cart)
        #expect(member.shipping.amount == 0 && member.total.amount == 5_000 && member.shippingDiscount.amount == 1_000)
        #expect(MemberBenefits.apply(program.tiers[2], to: cart) == cart)
        #expect(MemberBenefits.apply(nil, to: cart) == cart)
    }
}

extension MembershipTests {
    @Test func takingBackAnOrdersPointsUsesItsOwnLotFirst() {
        let entries = [
            PointsEntry(kind: .earn, amount: 100, at: Self.at(0), expiresAt: Self.at(365), orderID: 1),
            PointsEntry(kind: .earn, amount: 80, at: Self.at(5), expiresAt: Self.at(370), orderID: 2),
            PointsEntry(kind: .earnReversal, amount: -80, at: Self.at(6), orderID: 2),
        ]
        // Order 1's points are untouched and expire in full.
        #expect(PointsLedger(entries).expiries(at: Self.at(400)).map(\.amount) == [-100])
    }
}
