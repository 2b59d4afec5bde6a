import Commerce

/// Exact parsing of decimal major units (`19.90`) into integer minor units. No `Double` anywhere.
///
/// Accepted: digits with an optional `.` and 1…N fraction digits, N being the currency's minor
/// digits (`19`, `19.9`, `19.90` for CNY; `1500` for JPY). Refused: negative amounts, signs,
/// thousands separators (`1,000.00`: a comma is a decimal mark in much of the world, so it is
/// never guessed), more fraction digits than the currency has, amounts above `Money.maximumAmount`.
public enum DecimalMoney {
    /// Digits after the decimal point in the currency's minor unit (`Currency.minorDigits`).
    public static func minorDigits(_ currency: Currency) -> Int { currency.minorDigits }

    /// Why a text is not an amount.
    public enum Failure: Error, Equatable {
        case notANumber, negative, thousandsSeparator, tooManyDigits(allowed: Int), tooLarge
    }

    /// Minor units of `text` in `currency`.
    public static func parse(_ text: String, currency: Currency) -> Result<Int64, Failure> {
        parse(text, minorDigits: minorDigits(currency))
    }

    public static func parse(_ text: String, minorDigits: Int) -> Result<Int64, Failure> {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return .failure(.notANumber) }
        if bytes[0] == 45 { return .failure(.negative) }
        if bytes.contains(44) { return .failure(.thousandsSeparator) }
        let point = bytes.firstIndex(of: 46)
        let whole = bytes[..<(point ?? bytes.count)]
        let fraction = point.map { bytes[($0 + 1)...] } ?? []
        guard !whole.isEmpty, whole.allSatisfy(isDigit), point == nil || !fraction.isEmpty, fraction.allSatisfy(isDigit) else {
            return .failure(.notANumber)
        }
        guard fraction.count <= minorDigits else { return .failure(.tooManyDigits(allowed: minorDigits)) }
        var value: Int64 = 0
        for byte in whole.drop(while: { $0 == 48 }) + fraction + Array(repeating: 48, count: minorDigits - fraction.count) {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.addingReportingOverflow(Int64(byte - 48))
            guard !overflow1, !overflow2, next <= Money.maximumAmount else { return .failure(.tooLarge) }
            value = next
        }
        return .success(value)
    }

    /// The message an import shows for a bad amount in `column`.
    public static func message(_ failure: Failure, column: String, text: String) -> String {
        switch failure {
        case .notANumber: "\(column) must be a decimal amount like 19.90, not \"\(text)\""
        case .negative: "\(column) must not be negative"
        case .thousandsSeparator: "\(column) must be written with a point and no thousands separators (1000.00, not \(text))"
        case .tooManyDigits(let allowed):
            allowed == 0 ? "\(column) has decimals but the currency has no minor unit" : "\(column) has more than \(allowed) decimal places"
        case .tooLarge: "\(column) is too large"
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
