import Commerce

/// A result row of either store — a GRDB `Row` or a `PGRow` — read by column position or name,
/// so each record type is decoded from its columns in one place. Each conformance reads a value as
/// its own row type does: NULL or a value of the wrong type where one is required is a schema bug
/// and stops the process.
protocol RecordRow {
    func int(_ index: Int) -> Int64
    func int(_ column: String) -> Int64
    func optionalInt(_ index: Int) -> Int64?
    func optionalInt(_ column: String) -> Int64?
    func text(_ index: Int) -> String
    func text(_ column: String) -> String
    func optionalText(_ index: Int) -> String?
    func optionalText(_ column: String) -> String?
    /// Flags are stored as integers (non-zero is true).
    func flag(_ index: Int) -> Bool
    func flag(_ column: String) -> Bool
}

/// Instants are stored as milliseconds since the epoch.
extension RecordRow {
    func instant(_ index: Int) -> Instant { Instant(millisecondsSinceEpoch: int(index)) }
    func instant(_ column: String) -> Instant { Instant(millisecondsSinceEpoch: int(column)) }
    func optionalInstant(_ index: Int) -> Instant? { optionalInt(index).map(Instant.init(millisecondsSinceEpoch:)) }
    func optionalInstant(_ column: String) -> Instant? { optionalInt(column).map(Instant.init(millisecondsSinceEpoch:)) }
}
