/// A date value of a segment rule: a local calendar day (`"2026-11-02"`), a day relative to the
/// as-of day (`"-30d"`, `"0d"`, `"+7d"`), or an instant (`"2026-11-02T08:30:00Z"`,
/// `"2026-11-02T16:30:00.250+08:00"`).
enum SegmentDate: Sendable, Equatable {
    /// Days since 1970-01-01 in the shop's time zone.
    case day(Int32)
    /// Days after the as-of day (negative: before).
    case relative(Int32)
    /// Milliseconds UTC.
    case instant(Int64)

    init?(_ text: String) {
        let s = Array(text.utf8)
        if s.last == UInt8(ascii: "d") {
            var body = s.dropLast()
            var sign: Int32 = 1
            if let first = body.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                if first == UInt8(ascii: "-") { sign = -1 }
                body = body.dropFirst()
            }
            guard (1...5).contains(body.count), let n = Self.number(body) else { return nil }
            self = .relative(sign * Int32(n))
            return
        }
        guard s.count >= 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              let y = Self.number(s[0..<4]), let mo = Self.number(s[5..<7]), let d = Self.number(s[8..<10]),
              (1...12).contains(mo), d >= 1, d <= Self.daysIn(month: mo, year: y)
        else { return nil }
        let day = ShopCalendar.daysFromCivil(Int64(y), Int64(mo), Int64(d))
        if s.count == 10 { self = .day(day); return }
        // Time: THH:MM[:SS[.fff…]] then Z or ±HH:MM.
        guard s.count >= 16, s[10] == UInt8(ascii: "T"), s[13] == UInt8(ascii: ":"),
              let h = Self.number(s[11..<13]), let mi = Self.number(s[14..<16]), h < 24, mi < 60
        else { return nil }
        var k = 16
        var ms = (h * 60 + mi) * 60_000
        if k < s.count, s[k] == UInt8(ascii: ":") {
            guard k + 3 <= s.count, let sec = Self.number(s[(k + 1)..<(k + 3)]), sec < 60 else { return nil }
            ms += sec * 1000
            k += 3
            if k < s.count, s[k] == UInt8(ascii: ".") {
                var digits = 0, fraction = 0
                k += 1
                while k < s.count, (48...57).contains(s[k]) {
                    if digits < 3 { fraction = fraction * 10 + Int(s[k] - 48) }
                    digits += 1
                    k += 1
                }
                guard digits > 0 else { return nil }
                var scale = digits
                while scale < 3 { fraction *= 10; scale += 1 }
                ms += fraction
            }
        }
        var offset = 0
        if k == s.count - 1, s[k] == UInt8(ascii: "Z") {
            offset = 0
        } else if k + 6 == s.count, s[k] == UInt8(ascii: "+") || s[k] == UInt8(ascii: "-"), s[k + 3] == UInt8(ascii: ":"),
                  let oh = Self.number(s[(k + 1)..<(k + 3)]), let om = Self.number(s[(k + 4)..<(k + 6)]), oh < 24, om < 60 {
            offset = (oh * 60 + om) * 60_000 * (s[k] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        self = .instant(Int64(day) * 86_400_000 + Int64(ms) - Int64(offset))
    }

    /// The local day this value names, given the as-of day; nil for an instant.
    func day(asOfDay: Int32) -> Int32? {
        switch self {
        case .day(let d): d
        case .relative(let n): asOfDay + n
        case .instant: nil
        }
    }

    private static func number<C: Collection>(_ digits: C) -> Int? where C.Element == UInt8 {
        guard !digits.isEmpty else { return nil }
        var n = 0
        for c in digits {
            guard (48...57).contains(c) else { return nil }
            n = n * 10 + Int(c - 48)
        }
        return n
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
