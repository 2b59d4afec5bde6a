import Foundation
import Testing
@testable import Commerce

/// The Codable form (the wire and storage JSON) and the 422-style validation of the model.
@Suite struct PromotionModelTests {
    typealias F = Fixture

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static let everyRule: [PromotionRule] = [
        .specialPrice(SpecialPriceRule([11: 8900, 12: 100])),
        .percentOff(PercentOffRule(scope: .categories([3]), percentOff: PercentOff(basisPoints: 1250), cap: 5000)),
        .thresholdReduction(.tiers([.init(threshold: 20000, reduction: 2000), .init(threshold: 30000, reduction: 4000)])),
        .thresholdReduction(.repeating(every: 10000, reduction: 1000, cap: 5000, scope: .skus([1, 2]))),
        .quantityDiscount(QuantityDiscountRule(scope: .all, minQuantity: 3, percentOff: PercentOff(percent: 20))),
        .buyXGetY(BuyXGetYRule(scope: .all, buy: 1, get: 1, percentOffOfGet: PercentOff(percent: 50))),
        .bundle(BundleRule(items: [.init(skuID: 1, quantity: 1), .init(skuID: 2, quantity: 2)], price: 19900)),
        .memberPrice(MemberPriceRule(scope: .all, tiers: [.init(tier: 1, percentOff: PercentOff(percent: 5))])),
        .freeShipping(FreeShippingRule(threshold: 9900, scope: .categories([8]))),
        .flashSale(FlashSaleRule(skuID: 11, price: 990, stock: 100, perCustomerLimit: 1)),
    ]

    @Test func everyRuleRoundTripsAndValidates() throws {
        for rule in Self.everyRule {
            let promotion = F.promotion(9, rule, priority: 3, budget: 100_000, uses: 7)
            #expect(try Self.decode(Promotion.self, try Self.json(promotion)) == promotion)
            #expect(try Self.decode(PromotionRule.self, try Self.json(rule)) == rule)
            try promotion.validate()
        }
    }

    @Test func wireFormIsSnakeCaseWithATypeBesideThePayload() throws {
        #expect(try Self.json(Self.everyRule[2]) ==
            #"{"scope":{"all":true},"tiers":[{"reduction":2000,"threshold":20000},{"reduction":4000,"threshold":30000}],"type":"threshold_reduction"}"#)
        #expect(try Self.json(Self.everyRule[3]) ==
            #"{"repeating":{"cap":5000,"every":10000,"reduction":1000},"scope":{"sku_ids":[1,2]},"type":"threshold_reduction"}"#)
        #expect(try Self.json(Self.everyRule[0]) == #"{"prices":[{"price":8900,"sku_id":11},{"price":100,"sku_id":12}],"type":"special_price"}"#)
        #expect(try Self.json(Self.everyRule[1]) == #"{"cap":5000,"percent_off":12.5,"scope":{"category_ids":[3]},"type":"percent_off"}"#)
        #expect(try Self.json(Self.everyRule[5]) == #"{"buy":1,"get":1,"percent_off_of_get":50,"scope":{"all":true},"type":"buy_x_get_y"}"#)
        #expect(try Self.json(Self.everyRule[9]) ==
            #"{"hold_minutes":10,"per_customer_limit":1,"price":990,"sku_id":11,"stock":100,"type":"flash_sale"}"#)
        // hold_minutes defaults to 10 when absent.
        let flash = try Self.decode(PromotionRule.self, #"{"type":"flash_sale","sku_id":1,"price":5,"stock":2,"per_customer_limit":1}"#)
        #expect(flash == .flashSale(FlashSaleRule(skuID: 1, price: 5, stock: 2, perCustomerLimit: 1, holdMinutes: 10)))
        let coupon = F.coupon(4, fixed: 500, threshold: 10000, combinesWith: [.order, .product], stacks: true)
        #expect(try Self.json(coupon) ==
            #"{"combines_with":["product","order"],"discount":{"amount":500,"type":"fixed"},"id":4,"name":"C4","scope":{"all":true},"stacks_with_coupons":true,"threshold":10000}"#)
        #expect(try Self.decode(CouponTerms.self, try Self.json(coupon)) == coupon)
        let percent = CouponTerms(id: 5, name: "9折", discount: .percent(PercentOff(percent: 10), cap: 3000))
        #expect(try Self.decode(CouponTerms.self, try Self.json(percent)) == percent)
    }

    @Test func percentsAreWholeBasisPointsOnTheWire() throws {
        #expect(try Self.decode(PercentOff.self, "20") == PercentOff(basisPoints: 2000))
        #expect(try Self.decode(PercentOff.self, "12.5") == PercentOff(basisPoints: 1250))
        #expect(try Self.decode(PercentOff.self, "0.01") == PercentOff(basisPoints: 1))
        #expect(throws: DecodingError.self) { try Self.decode(PercentOff.self, "12.345") }
        #expect(try Self.json(PercentOff(basisPoints: 2000)) == "20")
        #expect(try Self.json(PercentOff(basisPoints: 1250)) == "12.5")
        #expect(PercentOff(percent: 20).of(999) == 199)
    }

    @Test func aThresholdReductionHasTiersOrRepeatingNotBoth() {
        #expect(throws: DecodingError.self) {
            try Self.decode(PromotionRule.self, #"{"type":"threshold_reduction","scope":{"all":true}}"#)
        }
        #expect(throws: DecodingError.self) {
            try Self.decode(PromotionRule.self,
                #"{"type":"threshold_reduction","scope":{"all":true},"tiers":[],"repeating":{"every":1,"reduction":1}}"#)
        }
        #expect(throws: DecodingError.self) { try Self.decode(PromotionRule.self, #"{"type":"mystery"}"#) }
    }

    /// The field and code each bad value is reported with.
    @Test func validationNamesThePreciseField() {
        func failure(_ rule: PromotionRule, start: Instant = F.start, end: Instant = F.end, prefix: String = "") -> (String?, String)? {
            do {
                try F.promotion(1, rule, startsAt: start, endsAt: end).validate(rulePrefix: prefix)
                return nil
            } catch {
                return (error.field, error.code)
            }
        }
        let percent = { (bp: Int64) in PromotionRule.percentOff(PercentOffRule(scope: .all, percentOff: PercentOff(basisPoints: bp))) }
        let cases: [(PromotionRule, String, String)] = [
            (F.tiers((20000, 2000), (15000, 3000)), "tiers[1].threshold", "not_increasing"),
            (F.tiers((20000, 2000), (30000, 2000)), "tiers[1].reduction", "not_increasing"),
            (F.tiers((20000, 20000)), "tiers[0].reduction", "invalid_reduction"),
            (F.tiers((0, 0)), "tiers[0].threshold", "invalid_amount"),
            (.thresholdReduction(.tiers([])), "tiers", "required"),
            (.thresholdReduction(.repeating(every: 10000, reduction: 1000, cap: 500)), "repeating.cap", "invalid_amount"),
            (.thresholdReduction(.repeating(every: 1000, reduction: 1000)), "repeating.reduction", "invalid_reduction"),
            (percent(0), "percent_off", "invalid_percent"),
            (percent(10_000), "percent_off", "invalid_percent"),
            (.percentOff(PercentOffRule(scope: PromotionScope(), percentOff: PercentOff(percent: 5))), "scope", "required"),
            (.buyXGetY(BuyXGetYRule(scope: .all, buy: 0, get: 1)), "buy", "invalid_quantity"),
            (.buyXGetY(BuyXGetYRule(scope: .all, buy: 1, get: 1, percentOffOfGet: PercentOff(basisPoints: 10_001))), "percent_off_of_get", "invalid_percent"),
            (.bundle(BundleRule(items: [], price: 100)), "items", "required"),
            (.bundle(BundleRule(items: [.init(skuID: 1, quantity: 1)], price: 0)), "price", "invalid_amount"),
            (.bundle(BundleRule(items: [.init(skuID: 1, quantity: 1), .init(skuID: 1, quantity: 2)], price: 5)), "items[1].sku_id", "duplicate"),
            (.specialPrice(SpecialPriceRule(prices: [.init(skuID: 1, price: 5), .init(skuID: 1, price: 6)])), "prices[1].sku_id", "duplicate"),
            (.specialPrice(SpecialPriceRule(prices: [.init(skuID: 1, price: 0)])), "prices[0].price", "invalid_amount"),
            (.memberPrice(MemberPriceRule(scope: .all, tiers: [.init(tier: 2, percentOff: PercentOff(percent: 5)), .init(tier: 2, percentOff: PercentOff(percent: 9))])), "tiers[1].tier", "not_increasing"),
            (.quantityDiscount(QuantityDiscountRule(scope: .all, minQuantity: 0, percentOff: PercentOff(percent: 5))), "min_quantity", "invalid_quantity"),
            (.flashSale(FlashSaleRule(skuID: 1, price: 5, stock: 0, perCustomerLimit: 1)), "stock", "invalid_quantity"),
            (.flashSale(FlashSaleRule(skuID: 1, price: 5, stock: 1, perCustomerLimit: 0)), "per_customer_limit", "invalid_quantity"),
            (.freeShipping(FreeShippingRule(threshold: -1)), "threshold", "invalid_amount"),
        ]
        for (rule, field, code) in cases {
            let result = failure(rule)
            #expect(result?.0 == field && result?.1 == code, "\(rule): \(String(describing: result))")
        }
        #expect(failure(F.percent(10), start: F.end, end: F.start)?.0 == "ends_at")
        #expect(failure(F.tiers((20000, 2000), (15000, 3000)), prefix: "rule.")?.0 == "rule.tiers[1].threshold")
        #expect(failure(F.percent(10)) == nil)
    }

    @Test func couponValidation() {
        do {
            try F.coupon(1, fixed: 0).validate()
            Issue.record("a coupon of 0 validated")
        } catch {
            #expect(error.field == "discount.amount" && error.code == "invalid_amount")
        }
        do {
            try CouponTerms(id: 1, name: "x", discount: .percent(PercentOff(percent: 100), cap: nil)).validate()
            Issue.record("a 100 % coupon validated")
        } catch {
            #expect(error.field == "discount.percent_off")
        }
    }

    @Test func pricingRefusesAnInvalidLivePromotionButIgnoresAnEndedOne() throws {
        let bad = F.promotion(1, F.tiers((20000, 20000)))
        do {
            _ = try F.price(F.cart(F.line(1, 30000)), [bad])
            Issue.record("priced with an invalid promotion")
        } catch let error as CommerceError {
            #expect(error.field == "promotions[0].tiers[0].reduction")
        }
        let ended = F.promotion(1, F.tiers((20000, 20000)), endsAt: F.now)
        #expect(try F.price(F.cart(F.line(1, 30000)), [ended]).total.amount == 30000)
        // Duplicate ids are refused.
        #expect(throws: CommerceError.self) { try F.price(F.cart(F.line(1, 100)), [F.promotion(1, F.percent(5)), F.promotion(1, F.percent(6))]) }
    }
}
