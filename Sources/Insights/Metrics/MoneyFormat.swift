/// Formats minor-unit amounts for sentences: `¥1,234.00`, `−$5.10`, `EUR 12.00`.
public struct MoneyFormat: Sendable, Equatable {
    /// Symbol or code prefix (`"¥"`, `"$"`, or `"EUR "`).
    public let prefix: String
    /// Digits after the decimal point (2 for most currencies, 0 for JPY and KRW).
    public let minorDigits: Int

    /// CNY → `¥`, USD → `$`, any other ISO code is written before the amount.
    public init(currency code: String) {
        let upper = code.uppercased()
        switch upper {
        case "CNY": prefix = "¥"
        case "USD": prefix = "$"
        default: prefix = upper + " "
        }
        minorDigits = ["JPY", "KRW", "VND", "CLP", "ISK"].contains(upper) ? 0 : 2
    }

    /// The amount with thousands separators and no sign: `1,234.00`.
    public func magnitude(_ amount: Int64) -> String {
        let m = amount.magnitude
        var scale: UInt64 = 1
        for _ in 0..<minorDigits { scale *= 10 }
        let units = String(m / scale)
        var grouped = ""
        for (i, ch) in units.enumerated() {
            if i > 0 && (units.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        guard minorDigits > 0 else { return prefix + grouped }
        let frac = String(m % scale)
        return prefix + grouped + "." + String(repeating: "0", count: minorDigits - frac.count) + frac
    }

    /// The amount with its sign: `¥1,234.00`, `−¥5.00` (minus sign U+2212).
    public func string(_ amount: Int64) -> String {
        (amount < 0 ? "\u{2212}" : "") + magnitude(amount)
    }

    /// The amount always signed: `+¥800.00`, `−¥166.00`, `+¥0.00`.
    public func signed(_ amount: Int64) -> String {
        (amount < 0 ? "\u{2212}" : "+") + magnitude(amount)
    }

    /// A signed percentage with one decimal: `+12.3%`, `−5.0%`.
    public static func percent(_ fraction: Double) -> String {
        let tenths = (fraction * 1000).rounded(.toNearestOrAwayFromZero)
        let m = Int64(tenths.magnitude)
        return (tenths < 0 ? "\u{2212}" : "+") + "\(m / 10).\(m % 10)%"
    }
}
