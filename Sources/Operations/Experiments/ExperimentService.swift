import Commerce
import Foundation
import Insights
import Persistence

/// Where one unit goes in an experiment: its variant and whether it takes part.
public struct ExperimentAssignmentResult: Sendable, Equatable {
    public var experiment: String
    public var unit: String
    /// The assigned variant's key; the control's when the unit does not take part.
    public var variant: String
    public var inExperiment: Bool
    /// Why the unit does not take part: `not_running` or `not_targeted`.
    public var reason: String?
}

/// Use cases of A/B experiments: define, start, stop, assign units, and read results
/// (`AnalyticsService` reads the results; rules in docs/experiments.md).
public struct ExperimentService: Sendable {
    let store: any Store
    let time: any TimeSource
    let segments: SegmentService
    let members: SegmentMembers

    public init(store: any Store, time: any TimeSource, segments: SegmentService, members: SegmentMembers = SegmentMembers()) {
        self.store = store
        self.time = time
        self.segments = segments
        self.members = members
    }

    /// Creates a draft from its wire JSON.
    public func create(_ shop: ShopInfo, json: [UInt8]) async throws -> (ExperimentRecord, ExperimentDefinition) {
        let definition = try ExperimentWire.definition(try PromotionService.object(json))
        try await checkSegment(shop, definition)
        let record = try await store.createExperiment(shop.id, key: definition.key, name: definition.name, definition: ExperimentWire.text(definition), now: time.now())
        return (record, definition)
    }

    /// Changes a draft: the given fields replace the current ones. A started experiment keeps its
    /// definition, so that assignments stay sticky and results stay comparable.
    public func update(_ shop: ShopInfo, key: String, json: [UInt8]) async throws -> (ExperimentRecord, ExperimentDefinition) {
        let (current, currentDefinition) = try await experiment(shop, key: key)
        guard current.status == .draft else {
            throw OperationsError.invalid(code: "experiment_started", field: "status", message: "Only a draft can change; this experiment is \(current.status.rawValue).")
        }
        var object = ExperimentWire.object(currentDefinition)
        for (field, value) in try PromotionService.object(json) { object[field] = value }
        let definition = try ExperimentWire.definition(object)
        guard definition.key == key else { throw OperationsError.invalid(code: "key_change", field: "key", message: "An experiment's key cannot change.") }
        try await checkSegment(shop, definition)
        let record = try await store.updateExperiment(shop.id, key: key, name: definition.name, definition: ExperimentWire.text(definition), now: time.now())
        return (record, definition)
    }

    public func experiment(_ shop: ShopInfo, key: String) async throws -> (ExperimentRecord, ExperimentDefinition) {
        guard let record = try await store.experiment(shop.id, key: key) else { throw OperationsError.notFound(entity: "experiment", id: key) }
        return (record, try ExperimentWire.definition(of: record))
    }

    /// A page of experiments, newest first, with whether more follow.
    public func list(_ shop: ShopInfo, page: PageRequest) async throws -> (items: [(ExperimentRecord, ExperimentDefinition)], hasMore: Bool) {
        let page = try await store.experiments(shop.id, page: page)
        return (try page.items.map { ($0, try ExperimentWire.definition(of: $0)) }, page.hasMore)
    }

    /// The experiment as the API shows it: its definition, id, status and times.
    public func view(_ record: ExperimentRecord, _ definition: ExperimentDefinition) -> [String: Any] {
        ExperimentWire.view(record, definition)
    }

    public func start(_ shop: ShopInfo, key: String) async throws -> ExperimentRecord {
        try await move(shop, key: key, to: .running)
    }

    public func stop(_ shop: ShopInfo, key: String) async throws -> ExperimentRecord {
        try await move(shop, key: key, to: .stopped)
    }

    /// The variant of `unit`: the same every time (see `ExperimentAssignment`). A unit seen on a
    /// channel or device the experiment does not target, or any unit while the experiment is not
    /// running, gets the control and `inExperiment == false`.
    public func assignment(_ shop: ShopInfo, key: String, unit: String, channel: String?, device: String?) async throws -> ExperimentAssignmentResult {
        guard !unit.isEmpty, unit.utf8.count <= 256 else {
            throw OperationsError.invalid(code: "invalid_value", field: "unit", message: "unit must be 1 to 256 bytes (an anonymous or customer id).")
        }
        let parsedChannel = try channel.map { name in
            guard let value = Channel(name: name) else { throw OperationsError.invalid(code: "invalid_value", field: "channel", message: "Unknown channel \(name).") }
            return value
        }
        let parsedDevice = try device.map { name in
            guard let value = Device(name: name) else { throw OperationsError.invalid(code: "invalid_value", field: "device", message: "Unknown device \(name).") }
            return value
        }
        let (record, definition) = try await experiment(shop, key: key)
        let control = definition.variants[0].key
        guard record.status == .running else {
            return ExperimentAssignmentResult(experiment: key, unit: unit, variant: control, inExperiment: false, reason: "not_running")
        }
        guard definition.targeting.admits(channel: parsedChannel, device: parsedDevice) else {
            return ExperimentAssignmentResult(experiment: key, unit: unit, variant: control, inExperiment: false, reason: "not_targeted")
        }
        if let segmentID = definition.targeting.segmentID {
            guard let customer = IDPrefix.customer.parse(unit),
                  try await members.contains(customer, segment: segmentID, shop: shop, segments: segments, now: time.now()) else {
                return ExperimentAssignmentResult(experiment: key, unit: unit, variant: control, inExperiment: false, reason: "not_targeted")
            }
        }
        let index = ExperimentAssignment.variantIndex(key: key, unit: unit, weights: definition.weights)
        return ExperimentAssignmentResult(experiment: key, unit: unit, variant: definition.variants[index].key, inExperiment: true, reason: nil)
    }

    private func checkSegment(_ shop: ShopInfo, _ definition: ExperimentDefinition) async throws {
        guard let id = definition.targeting.segmentID, try await store.segment(shop.id, id: id) == nil else { return }
        throw OperationsError.unknownReference(
            code: "unknown_segment", field: "targeting.segment_id", message: "No segment \(IDPrefix.segment.format(id)).")
    }

    private func move(_ shop: ShopInfo, key: String, to target: ExperimentStatus) async throws -> ExperimentRecord {
        let (record, _) = try await experiment(shop, key: key)
        let from: ExperimentStatus = target == .running ? .draft : .running
        guard record.status == from else {
            let code = switch (target, record.status) {
            case (.stopped, .stopped): "already_stopped"
            case (.stopped, _): "not_started"
            case (_, .running): "already_running"
            default: "already_stopped"
            }
            throw OperationsError.invalid(code: code, field: "status", message: "The experiment is \(record.status.rawValue); it cannot be \(target == .running ? "started" : "stopped").")
        }
        return try await store.changeExperimentStatus(shop.id, key: key, from: from, to: target, now: time.now())
    }
}
