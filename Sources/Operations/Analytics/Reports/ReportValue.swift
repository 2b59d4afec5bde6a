import Commerce
import Foundation

/// One value of a report, rendered as JSON for the API and `--format json`, or as a table cell.
public indirect enum ReportValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Minor units and ISO currency: `{"amount": 1999, "currency": "CNY"}`; `19.99` in a cell.
    case money(Int64, String)
    case array([ReportValue])
    case object([(String, ReportValue)])

    /// The member `key` of an object (nil for anything else).
    public subscript(key: String) -> ReportValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Compact JSON text (keys in the order given).
    public var json: String {
        var text = ""
        write(&text)
        return text
    }

    private func write(_ text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .int(let value): text += String(value)
        case .double(let value): text += value.isFinite ? Self.number(value) : "null"
        case .string(let value): JSONText.appendQuoted(value, to: &text)
        case .money(let amount, let currency): text += #"{"amount":\#(amount),"currency":"\#(currency)"}"#
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                item.write(&text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += "," }
                JSONText.appendQuoted(member.0, to: &text)
                text += ":"
                member.1.write(&text)
            }
            text += "}"
        }
    }

    /// The value in a table or CSV cell: money in major units, rates with full precision.
    public var cell: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Self.number(value)
        case .string(let value): value
        case .money(let amount, let currency): Self.major(amount, currency: currency)
        case .array(let items): items.map(\.cell).joined(separator: " → ")
        case .object(let members): members.map { "\($0.0)=\($0.1.cell)" }.joined(separator: " ")
        }
    }

    /// Shortest text that reads back as the same Double.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `-1234.50`: the amount in major units with the currency's minor digits, no grouping.
    static func major(_ amount: Int64, currency: String) -> String {
        // An unknown code reads with two minor digits, like CNY.
        (Currency(currency) ?? .cny).plainMajor(amount)
    }
}

/// A report: its JSON document and its rows as a table (for `--format table|csv`).
public struct ReportOutput: Sendable {
    public var json: ReportValue
    public var columns: [String]
    public var rows: [[ReportValue]]

    public init(json: ReportValue, columns: [String], rows: [[ReportValue]]) {
        self.json = json
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 CSV with a header row.
    public var csv: String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [columns.map(field).joined(separator: ",")]
        for row in rows { lines.append(row.map { field($0.cell) }.joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Columns aligned for a terminal.
    public var table: String {
        let cells = [columns] + rows.map { $0.map(\.cell) }
        var widths = columns.map { _ in 0 }
        for row in cells { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        return cells.map { row in
            row.enumerated().map { index, cell in cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
