import Commerce

/// Where an experiment is in its life: drafted, running (assigning and measuring), stopped.
public enum ExperimentStatus: String, Sendable, CaseIterable {
    case draft, running, stopped
}

/// A stored experiment. The definition is kept as JSON text owned by the Operations layer.
public struct ExperimentRecord: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var name: String
    public var definition: String
    public var status: ExperimentStatus
    public var startedAt: Instant?
    public var stoppedAt: Instant?
    public var createdAt: Instant
    public var updatedAt: Instant

    public init(
        id: Int64, key: String, name: String, definition: String, status: ExperimentStatus, startedAt: Instant?,
        stoppedAt: Instant?, createdAt: Instant, updatedAt: Instant
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.definition = definition
        self.status = status
        self.startedAt = startedAt
        self.stoppedAt = stoppedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Experiments, keyed by their key within a shop.
public protocol ExperimentStore: Sendable {
    /// Stores a draft; a key already used in the shop is `duplicate` on `key`.
    func createExperiment(_ shop: ShopID, key: String, name: String, definition: String, now: Instant) async throws -> ExperimentRecord
    /// Replaces a draft's name and definition; `stateChanged` when it is no longer a draft.
    func updateExperiment(_ shop: ShopID, key: String, name: String, definition: String, now: Instant) async throws -> ExperimentRecord
    func experiment(_ shop: ShopID, key: String) async throws -> ExperimentRecord?
    /// Newest first.
    func experiments(_ shop: ShopID, page: PageRequest) async throws -> Page<ExperimentRecord>
    /// Moves an experiment from `from` to `to` (running stamps `started_at`, stopped `stopped_at`);
    /// `stateChanged` when it is not in `from` any more (a concurrent change won).
    func changeExperimentStatus(_ shop: ShopID, key: String, from: ExperimentStatus, to: ExperimentStatus, now: Instant) async throws -> ExperimentRecord
}
