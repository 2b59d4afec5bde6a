import Commerce

/// Experiment rows, read by position in the order of `columns`.
enum ExperimentRows {
    static let columns = "id, key, name, definition, status, started_at, stopped_at, created_at, updated_at"

    /// An unknown status is refused (as not found) rather than guessed.
    static func experiment(_ row: some RecordRow) throws -> ExperimentRecord {
        let status = row.text(4)
        guard let known = ExperimentStatus(rawValue: status) else { throw StoreError.notFound(entity: "experiment status", id: status) }
        return ExperimentRecord(
            id: row.int(0), key: row.text(1), name: row.text(2), definition: row.text(3), status: known,
            startedAt: row.optionalInstant(5), stoppedAt: row.optionalInstant(6), createdAt: row.instant(7), updatedAt: row.instant(8))
    }
}
