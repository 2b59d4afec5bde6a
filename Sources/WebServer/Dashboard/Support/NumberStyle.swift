import Commerce

/// Money, counts and rates as the dashboard shows them (`¥1,234.56`, `12,345`, `3.4%`).
/// Written out rather than with Foundation's NumberFormatter so output is identical on every
/// platform and locale data set; both languages group digits by thousands.
struct NumberStyle: Sendable {
    let language: Language

    /// `¥1,234.56`; negative amounts as `-¥12.00`.
    func money(_ amount: Int64, _ currency: String) -> String {
        let plain = Self.currency(currency).plainMajor(amount).split(separator: ".", maxSplits: 1)
        let whole = plain[0].hasPrefix("-") ? plain[0].dropFirst() : plain[0]
        let text = Self.symbol(currency) + grouped(UInt64(whole) ?? 0) + (plain.count > 1 ? "." + plain[1] : "")
        return amount < 0 ? "-" + text : text
    }

    /// Money without minor units (`¥1,235`), for axes and KPI cards.
    func moneyRounded(_ amount: Double, _ currency: String) -> String {
        guard amount.isFinite else { return "–" }
        let scale = Double(Self.currency(currency).minorScale)
        let major = (amount / scale).rounded()
        return (major < 0 ? "-" : "") + Self.symbol(currency) + grouped(UInt64(abs(major)))
    }

    func count<T: BinaryInteger>(_ value: T) -> String {
        (value < 0 ? "-" : "") + grouped(UInt64(value.magnitude))
    }

    /// `0.1234` → `12.3%` (with `digits` decimals).
    func percent(_ rate: Double, digits: Int = 1) -> String {
        guard rate.isFinite else { return "–" }
        return decimal(rate * 100, digits: digits) + "%"
    }

    /// A change in percent with its sign: `+4.2%`, `-0.8%`.
    func signedPercent(_ rate: Double, digits: Int = 1) -> String {
        guard rate.isFinite else { return "–" }
        return (rate > 0 ? "+" : "") + percent(rate, digits: digits)
    }

    func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = UInt64(scaled / scale)
        var text = grouped(whole)
        if digits > 0 {
            let fraction = String(UInt64(scaled) - whole * UInt64(scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return (value < 0 && scaled > 0 ? "-" : "") + text
    }

    func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    static func symbol(_ currency: String) -> String {
        switch currency {
        case "CNY", "JPY": "¥"
        case "USD": "$"
        case "EUR": "€"
        case "GBP": "£"
        default: currency + " "
        }
    }

    /// The currency of a code; an unknown code reads with two minor digits, like CNY.
    static func currency(_ code: String) -> Currency {
        Currency(code) ?? .cny
    }
}
