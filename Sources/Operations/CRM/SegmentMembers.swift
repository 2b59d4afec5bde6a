import Commerce
import Persistence

/// Segment members for hot paths (experiment assignment): each segment's customers, evaluated at
/// most once per `lifetime` per shop and shared by concurrent callers.
public actor SegmentMembers {
    private var entries: [Key: (at: Instant, members: Set<Int64>)] = [:]
    private var running: [Key: Task<Set<Int64>, any Error>] = [:]
    /// How long an evaluation is reused: membership follows orders and events with this delay.
    public let lifetime: Int64

    private struct Key: Hashable {
        let shop: ShopID
        let segment: Int64
    }

    public init(lifetimeSeconds: Int64 = 300) {
        lifetime = lifetimeSeconds
    }

    /// Whether the customer is in the segment (a segment that no longer exists has no members).
    func contains(_ customer: Int64, segment id: Int64, shop: ShopInfo, segments: SegmentService, now: Instant) async throws -> Bool {
        let key = Key(shop: shop.id, segment: id)
        if let entry = entries[key], now.millisecondsSinceEpoch - entry.at.millisecondsSinceEpoch < lifetime * 1000 {
            return entry.members.contains(customer)
        }
        if let task = running[key] { return try await task.value.contains(customer) }
        let task = Task { () -> Set<Int64> in
            guard let segment = try await segments.store.segment(shop.id, id: id) else { return [] }
            return Set(try await segments.evaluate(shop, rules: segment.rules).customers)
        }
        running[key] = task
        defer { running[key] = nil }
        let members = try await task.value
        entries[key] = (now, members)
        return members.contains(customer)
    }
}
