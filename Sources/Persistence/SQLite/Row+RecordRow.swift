import GRDB

/// GRDB rows read through their typed subscripts, as the SQLite store always has.
extension Row: RecordRow {
    func int(_ index: Int) -> Int64 { self[index] }
    func int(_ column: String) -> Int64 { self[column] }
    func optionalInt(_ index: Int) -> Int64? { self[index] }
    func optionalInt(_ column: String) -> Int64? { self[column] }
    func text(_ index: Int) -> String { self[index] }
    func text(_ column: String) -> String { self[column] }
    func optionalText(_ index: Int) -> String? { self[index] }
    func optionalText(_ column: String) -> String? { self[column] }
    func flag(_ index: Int) -> Bool { self[index] }
    func flag(_ column: String) -> Bool { self[column] }
}
