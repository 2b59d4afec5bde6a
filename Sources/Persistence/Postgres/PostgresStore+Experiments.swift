import Commerce

extension PostgresStore {
    public func createExperiment(_ shop: ShopID, key: String, name: String, definition: String, now: Instant) async throws -> ExperimentRecord {
        try await write { db in
            // The unique key decides between concurrent creators; a failed insert would end the transaction.
            let created = try await db.run(
                """
                INSERT INTO experiments (shop_id, key, name, definition, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'draft', ?, ?) ON CONFLICT (shop_id, key) DO NOTHING
                """, [shop, key, name, definition, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch])
            guard created == 1 else { throw StoreError.duplicate(field: "key", value: key) }
            return try await Self.requireExperiment(db, shop: shop, key: key)
        }
    }

    public func updateExperiment(_ shop: ShopID, key: String, name: String, definition: String, now: Instant) async throws -> ExperimentRecord {
        try await write { db in
            // Only a draft changes: the status is checked by the update itself.
            let changed = try await db.run(
                "UPDATE experiments SET name = ?, definition = ?, updated_at = ? WHERE shop_id = ? AND key = ? AND status = 'draft'",
                [name, definition, now.millisecondsSinceEpoch, shop, key])
            let record = try await Self.requireExperiment(db, shop: shop, key: key)
            guard changed == 1 else { throw StoreError.stateChanged(entity: "experiment", current: record.status.rawValue) }
            return record
        }
    }

    public func experiment(_ shop: ShopID, key: String) async throws -> ExperimentRecord? {
        try await read { db in try await Self.experiment(db, shop: shop, key: key) }
    }

    public func experiments(_ shop: ShopID, page: PageRequest) async throws -> Page<ExperimentRecord> {
        try await read { db in
            try await db.rows(
                "SELECT \(ExperimentRows.columns) FROM experiments WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                [shop, page.startingAfter ?? Int64.max, page.limit + 1]
            ).map(ExperimentRows.experiment).page(limit: page.limit)
        }
    }

    public func changeExperimentStatus(
        _ shop: ShopID, key: String, from: ExperimentStatus, to: ExperimentStatus, now: Instant
    ) async throws -> ExperimentRecord {
        try await write { db in
            let stamp = to == .running ? "started_at" : "stopped_at"
            let changed = try await db.run(
                "UPDATE experiments SET status = ?, \(stamp) = ?, updated_at = ? WHERE shop_id = ? AND key = ? AND status = ?",
                [to.rawValue, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch, shop, key, from.rawValue])
            let record = try await Self.requireExperiment(db, shop: shop, key: key)
            guard changed == 1 else { throw StoreError.stateChanged(entity: "experiment", current: record.status.rawValue) }
            return record
        }
    }

    static func experiment(_ db: PGSession, shop: ShopID, key: String) async throws -> ExperimentRecord? {
        try await db.row("SELECT \(ExperimentRows.columns) FROM experiments WHERE shop_id = ? AND key = ?", [shop, key]).map(ExperimentRows.experiment)
    }

    static func requireExperiment(_ db: PGSession, shop: ShopID, key: String) async throws -> ExperimentRecord {
        guard let record = try await experiment(db, shop: shop, key: key) else { throw StoreError.notFound(entity: "experiment", id: key) }
        return record
    }

}
