/// 买X送Y / 第二件半价 (buy X get Y): of the eligible units, every full group of `buy + get`
/// earns `get` discounted units; the cheapest units are the discounted ones.
/// `percentOffOfGet` 100 = free ("买2送1"), 50 = half price ("第二件半价" is buy 1 get 1 at 50).
///
/// Wire: `{"scope": {...}, "buy": 2, "get": 1, "percent_off_of_get": 100}`.
public struct BuyXGetYRule: Sendable, Hashable, Codable {
    public var scope: PromotionScope
    public var buy: Int64
    public var get: Int64
    public var percentOffOfGet: PercentOff

    public init(scope: PromotionScope, buy: Int64, get: Int64, percentOffOfGet: PercentOff = .full) {
        self.scope = scope
        self.buy = buy
        self.get = get
        self.percentOffOfGet = percentOffOfGet
    }

    enum CodingKeys: String, CodingKey {
        case scope, buy, get
        case percentOffOfGet = "percent_off_of_get"
    }

    public func validate(prefix: String) throws(CommerceError) {
        try scope.validate(field: prefix + "scope")
        try RuleChecks.positiveCount(buy, prefix + "buy")
        try RuleChecks.positiveCount(get, prefix + "get")
        try percentOffOfGet.validate(field: prefix + "percent_off_of_get", allowFull: true)
    }
}
