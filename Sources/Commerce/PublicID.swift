/// The type prefixes of ids on the wire (`ord_12`); inside, ids are plain integers.
public enum IDPrefix: String, Sendable {
    case product = "prod"
    case category = "cat"
    case order = "ord"
    case customer = "cus"
    case warehouse = "wh"
    case payment = "pay"
    case refund = "re"
    case movement = "mov"
    case apiKey = "key"
    case promotion = "promo"
    case coupon = "cpn"
    case claim = "clm"
    case experiment = "exp"
    case segment = "seg"
    case campaign = "cmp"
    case message = "msg"

    /// `prefix_id`, e.g. `ord_12`.
    public func format(_ id: Int64) -> String { "\(rawValue)_\(id)" }

    /// The integer inside `prefix_id`, or `nil` when the text is not such an id.
    public func parse(_ text: String) -> Int64? {
        let expected = rawValue + "_"
        guard text.hasPrefix(expected), let id = Int64(text.dropFirst(expected.count)), id > 0 else { return nil }
        return id
    }
}
