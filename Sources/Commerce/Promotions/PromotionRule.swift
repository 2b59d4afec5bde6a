/// What a promotion does: one case per `PromotionType`, each with its payload.
///
/// Wire form: the payload's fields with a `type` discriminator beside them, e.g.
/// `{"type": "threshold_reduction", "scope": {"all": true}, "tiers": [...]}`. Each payload
/// type is Codable on its own too (the type-specific fields without `type`).
public enum PromotionRule: Sendable, Hashable, Codable {
    case specialPrice(SpecialPriceRule)
    case percentOff(PercentOffRule)
    case thresholdReduction(ThresholdReductionRule)
    case quantityDiscount(QuantityDiscountRule)
    case buyXGetY(BuyXGetYRule)
    case bundle(BundleRule)
    case memberPrice(MemberPriceRule)
    case freeShipping(FreeShippingRule)
    case flashSale(FlashSaleRule)

    /// The flash sale's rule, for a flash sale.
    public var flashSale: FlashSaleRule? {
        if case .flashSale(let rule) = self { return rule }
        return nil
    }

    public var type: PromotionType {
        switch self {
        case .specialPrice: .specialPrice
        case .percentOff: .percentOff
        case .thresholdReduction: .thresholdReduction
        case .quantityDiscount: .quantityDiscount
        case .buyXGetY: .buyXGetY
        case .bundle: .bundle
        case .memberPrice: .memberPrice
        case .freeShipping: .freeShipping
        case .flashSale: .flashSale
        }
    }

    public var promotionClass: PromotionClass { type.promotionClass }

    /// Checks the payload; fields are named `prefix` + the payload's wire path.
    public func validate(prefix: String = "") throws(CommerceError) {
        switch self {
        case .specialPrice(let rule): try rule.validate(prefix: prefix)
        case .percentOff(let rule): try rule.validate(prefix: prefix)
        case .thresholdReduction(let rule): try rule.validate(prefix: prefix)
        case .quantityDiscount(let rule): try rule.validate(prefix: prefix)
        case .buyXGetY(let rule): try rule.validate(prefix: prefix)
        case .bundle(let rule): try rule.validate(prefix: prefix)
        case .memberPrice(let rule): try rule.validate(prefix: prefix)
        case .freeShipping(let rule): try rule.validate(prefix: prefix)
        case .flashSale(let rule): try rule.validate(prefix: prefix)
        }
    }

    enum TypeKey: String, CodingKey { case type }

    /// Decodes the payload of a known type from the same JSON object (or from a stored
    /// payload column next to a `type` column).
    public init(type: PromotionType, from decoder: any Decoder) throws {
        switch type {
        case .specialPrice: self = .specialPrice(try SpecialPriceRule(from: decoder))
        case .percentOff: self = .percentOff(try PercentOffRule(from: decoder))
        case .thresholdReduction: self = .thresholdReduction(try ThresholdReductionRule(from: decoder))
        case .quantityDiscount: self = .quantityDiscount(try QuantityDiscountRule(from: decoder))
        case .buyXGetY: self = .buyXGetY(try BuyXGetYRule(from: decoder))
        case .bundle: self = .bundle(try BundleRule(from: decoder))
        case .memberPrice: self = .memberPrice(try MemberPriceRule(from: decoder))
        case .freeShipping: self = .freeShipping(try FreeShippingRule(from: decoder))
        case .flashSale: self = .flashSale(try FlashSaleRule(from: decoder))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeKey.self)
        try self.init(type: try container.decode(PromotionType.self, forKey: .type), from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeKey.self)
        try container.encode(type, forKey: .type)
        try encodePayload(to: encoder)
    }

    /// Encodes the type-specific fields only (no `type`).
    public func encodePayload(to encoder: any Encoder) throws {
        switch self {
        case .specialPrice(let rule): try rule.encode(to: encoder)
        case .percentOff(let rule): try rule.encode(to: encoder)
        case .thresholdReduction(let rule): try rule.encode(to: encoder)
        case .quantityDiscount(let rule): try rule.encode(to: encoder)
        case .buyXGetY(let rule): try rule.encode(to: encoder)
        case .bundle(let rule): try rule.encode(to: encoder)
        case .memberPrice(let rule): try rule.encode(to: encoder)
        case .freeShipping(let rule): try rule.encode(to: encoder)
        case .flashSale(let rule): try rule.encode(to: encoder)
        }
    }
}
