import Commerce
import Persistence

/// A CSV layout of order history: which column names the order, how one record reads, and how
/// the rows of one order become an `ImportedOrder`. Issues carry the line of the record at fault.
protocol OrderRowFormat {
    associatedtype Row
    /// The column whose value groups records into orders.
    var orderColumn: String { get }
    /// Columns the header must have.
    var requiredColumns: [String] { get }
    func row(_ record: CSVRecord) -> Checked<Row>
    func order(_ id: String, rows: [Row]) -> Checked<ImportedOrder>
}

/// The order file layouts `import orders --format` accepts.
public enum OrderFileFormat: String, Sendable, CaseIterable {
    case generic, shopify
}

extension Int64 {
    /// `self × other`, nil past `Money.maximumAmount`.
    func boundedProduct(_ other: Int64) -> Int64? {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow || product > Money.maximumAmount ? nil : product
    }
}
