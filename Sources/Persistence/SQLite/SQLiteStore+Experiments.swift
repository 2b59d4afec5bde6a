import Commerce
import GRDB

extension SQLiteStore {
    public func createExperiment(_ shop: ShopID, key: String, name: String, definition: String, now: Instant) async throws -> ExperimentRecord {
        try await pool.write { db in
            guard try db.row("SELECT 1 FROM experiments WHERE shop_id = ? AND key = ?", [shop, key]) == nil else {
                throw StoreError.duplicate(field: "key", value: key)
            }
            try db.run(
                """
                INSERT INTO experiments (shop_id, key, name, definition, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'draft', ?, ?)
                """, [shop, key, name, definition, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
            return try Self.requireExperiment(db, shop: shop, key: key)
        }
    }

    public func updateExperiment(_ shop: ShopID, key: String, name: String, definition: String, now: Instant) async throws -> ExperimentRecord {
        try await pool.write { db in
            let current = try Self.requireExperiment(db, shop: shop, key: key)
            guard current.status == .draft else { throw StoreError.stateChanged(entity: "experiment", current: current.status.rawValue) }
            try db.run(
                "UPDATE experiments SET name = ?, definition = ?, updated_at = ? WHERE shop_id = ? AND key = ?",
                [name, definition, now.millisecondsSinceEpoch, shop, key])
            return try Self.requireExperiment(db, shop: shop, key: key)
        }
    }

    public func experiment(_ shop: ShopID, key: String) async throws -> ExperimentRecord? {
        try await pool.read { db in try Self.experiment(db, shop: shop, key: key) }
    }

    public func experiments(_ shop: ShopID, page: PageRequest) async throws -> Page<ExperimentRecord> {
        try await pool.read { db in
            try db.rows(
                "SELECT \(ExperimentRows.columns) FROM experiments WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                [shop, page.startingAfter ?? Int64.max, page.limit + 1]
            ).map(ExperimentRows.experiment).page(limit: page.limit)
        }
    }

    public func changeExperimentStatus(
        _ shop: ShopID, key: String, from: ExperimentStatus, to: ExperimentStatus, now: Instant
    ) async throws -> ExperimentRecord {
        try await pool.write { db in
            let stamp = to == .running ? "started_at" : "stopped_at"
            try db.run(
                "UPDATE experiments SET status = ?, \(stamp) = ?, updated_at = ? WHERE shop_id = ? AND key = ? AND status = ?",
                [to.rawValue, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch, shop, key, from.rawValue])
            let record = try Self.requireExperiment(db, shop: shop, key: key)
            guard db.changesCount == 1 else { throw StoreError.stateChanged(entity: "experiment", current: record.status.rawValue) }
            return record
        }
    }

    static func experiment(_ db: Database, shop: ShopID, key: String) throws -> ExperimentRecord? {
        try db.row("SELECT \(ExperimentRows.columns) FROM experiments WHERE shop_id = ? AND key = ?", [shop, key]).map(ExperimentRows.experiment)
    }

    static func requireExperiment(_ db: Database, shop: ShopID, key: String) throws -> ExperimentRecord {
        guard let record = try experiment(db, shop: shop, key: key) else { throw StoreError.notFound(entity: "experiment", id: key) }
        return record
    }

}
