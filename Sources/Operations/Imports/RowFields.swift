import Commerce

/// Reads typed values from one record, collecting an issue (with the record's line) for every
/// value that is present but wrong. Absent or empty values read as nil without an issue.
struct RowFields {
    let record: CSVRecord
    let currency: Currency
    let dates: ImportDates
    private(set) var issues: [ImportIssue] = []

    init(_ record: CSVRecord, currency: Currency, dates: ImportDates) {
        self.record = record
        self.currency = currency
        self.dates = dates
    }

    var line: Int { record.line }

    func text(_ column: String) -> String? { record.value(column) }

    mutating func fail(_ code: String, _ message: String) {
        issues.append(ImportIssue(line: record.line, code: code, message: message))
    }

    /// A required text; an issue when missing.
    mutating func required(_ column: String) -> String? {
        guard let value = record.value(column) else {
            fail("missing_value", "\(record.name(column)) is required")
            return nil
        }
        return value
    }

    /// Minor units of a decimal amount in the import currency.
    mutating func money(_ column: String) -> Int64? {
        guard let text = record.value(column) else { return nil }
        switch DecimalMoney.parse(text, currency: currency) {
        case .success(let amount): return amount
        case .failure(let failure):
            fail("invalid_amount", DecimalMoney.message(failure, column: record.name(column), text: text))
            return nil
        }
    }

    /// A whole number ≥ 1 (`positive`) or ≥ 0.
    mutating func wholeNumber(_ column: String, positive: Bool) -> Int64? {
        guard let text = record.value(column) else { return nil }
        guard let value = Int64(text), value >= (positive ? 1 : 0), value <= 1_000_000_000 else {
            fail("invalid_number", "\(record.name(column)) must be a \(positive ? "positive" : "non-negative") whole number")
            return nil
        }
        return value
    }

    mutating func instant(_ column: String) -> Instant? {
        guard let text = record.value(column) else { return nil }
        guard let instant = dates.instant(text) else {
            fail("invalid_date", ImportDates.message(column: record.name(column)))
            return nil
        }
        return instant
    }

    /// Checks an optional currency column against the import's currency.
    mutating func checkCurrency(_ column: String) {
        guard let text = record.value(column), text.uppercased() != currency.code else { return }
        fail("currency_mismatch", "\(record.name(column)) \(text) differs from the import currency \(currency.code); no exchange rates are applied")
    }
}

/// Order-level values that several rows of one order may repeat: the first non-empty value
/// wins, and a different non-empty value on a later row is an issue on that row.
struct OrderField<Value: Equatable> {
    private(set) var value: Value?
    private var line = 0

    mutating func merge(_ new: Value?, line: Int, column: String, describe: (Value) -> String, issues: inout [ImportIssue]) {
        guard let new else { return }
        guard let old = value else {
            value = new
            self.line = line
            return
        }
        if old != new {
            issues.append(ImportIssue(
                line: line, code: "inconsistent_order",
                message: "\(column) \(describe(new)) differs from \(describe(old)) on line \(self.line) of the same order"))
        }
    }
}
