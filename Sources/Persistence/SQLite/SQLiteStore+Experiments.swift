import Commerce
import GRDB

extension SQLiteStore {
    static let experimentColumns = "id, key, name, definition, status, started_at, stopped_at, created_at, updated_at"

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
                "SELECT \(Self.experimentColumns) FROM experiments WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                [shop, page.startingAfter ?? Int64.max, page.limit + 1]
            ).map(Self.experimentRecord).page(limit: page.limit)
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
        try db.row("SELECT \(experimentColumns) FROM experiments WHERE shop_id = ? AND key = ?", [shop, key]).map(experimentRecord)
    }

    static func requireExperiment(_ db: Database, shop: ShopID, key: String) throws -> ExperimentRecord {
        guard let record = try experiment(db, shop: shop, key: key) else { throw StoreError.notFound(entity: "experiment", id: key) }
        return record
    }

    static func experimentRecord(_ row: Row) throws -> ExperimentRecord {
        guard let status = ExperimentStatus(rawValue: row[4]) else { throw StoreError.notFound(entity: "experiment status", id: row[4]) }
        let started: Int64? = row[5], stopped: Int64? = row[6]
        return ExperimentRecord(
            id: row[0], key: row[1], name: row[2], definition: row[3], status: status,
            startedAt: started.map(Instant.init(millisecondsSinceEpoch:)), stoppedAt: stopped.map(Instant.init(millisecondsSinceEpoch:)),
            createdAt: Instant(millisecondsSinceEpoch: row[7]), updatedAt: Instant(millisecondsSinceEpoch: row[8]))
    }
}
