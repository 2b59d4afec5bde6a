import Commerce
import Synchronization

/// Decoded promotion rules by (id, updated_at): orders read live promotions in their
/// transaction, and decoding each rule's JSON every time would dominate that read.
final class RuleCache: Sendable {
    private let rules = Mutex<[Int64: (updatedAt: Int64, rule: PromotionRule)]>([:])

    func rule(id: Int64, updatedAt: Int64) -> PromotionRule? {
        rules.withLock { entry in
            guard let cached = entry[id], cached.updatedAt == updatedAt else { return nil }
            return cached.rule
        }
    }

    func store(id: Int64, updatedAt: Int64, rule: PromotionRule) {
        rules.withLock { $0[id] = (updatedAt, rule) }
    }
}
