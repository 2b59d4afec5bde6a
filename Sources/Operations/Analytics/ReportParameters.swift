import Commerce
import Foundation
import Insights

/// The parameters of a report as text (API query or CLI options), validated in one place so both
/// answer bad input with the same `invalid_value` error naming the parameter.
public struct ReportParameters: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values.filter { !$0.value.isEmpty }
    }

    func invalid(_ name: String, _ message: String) -> OperationsError {
        .invalid(code: "invalid_value", field: name, message: message)
    }

    /// `from`/`to` local dates, inclusive; by default the 30 days ending today.
    func period(_ calendar: ShopCalendar, now: Instant, fromKey: String = "from", toKey: String = "to") throws -> ReportPeriod {
        let today = calendar.dayIndex(now.millisecondsSinceEpoch)
        let last = try day(toKey) ?? today
        let first = try day(fromKey) ?? (last - 29)
        guard first <= last else { throw invalid(fromKey, "\(fromKey) must not be after \(toKey).") }
        guard last - first < 3660 else { throw invalid(fromKey, "A report covers at most ten years.") }
        return ReportPeriod(firstDay: first, lastDay: last, calendar: calendar)
    }

    func day(_ name: String) throws -> Int32? {
        guard let text = values[name] else { return nil }
        guard let day = ReportPeriod.day(text) else { throw invalid(name, "\(name) must be a date like 2026-11-01.") }
        return day
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, default value: T) throws -> T where T.RawValue == String {
        guard let text = values[name] else { return value }
        guard let choice = T(rawValue: text) else {
            throw invalid(name, "\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return choice
    }

    func optionalChoice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard values[name] != nil else { return nil }
        return try choice(name, default: T.allCases.first!)
    }

    func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw invalid(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    /// A duration like `7d`, `12h`, `30m` or `90s`, in milliseconds.
    func duration(_ name: String, default value: Int64) throws -> Int64 {
        guard let text = values[name] else { return value }
        let units: [Character: Int64] = ["d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1000]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0, count <= 366 * 86_400_000 / unit else {
            throw invalid(name, "\(name) must be a duration like 7d, 12h or 30m, up to a year.")
        }
        return count * unit
    }

    func list(_ name: String) -> [String]? {
        values[name].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }
}
