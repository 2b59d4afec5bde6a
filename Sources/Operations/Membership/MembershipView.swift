import Commerce
import Foundation
import Persistence

/// A membership as the API shows it: tier, growth to the next tier, points with what expires
/// next, tier history and the ledger (newest first).
public enum MembershipView {
    public static func object(_ record: MembershipRecord, _ program: MembershipProgram, currency: Currency) -> [String: Any] {
        let tier = program.tiers[min(record.tier, program.tiers.count - 1)]
        let next = program.tiers.first { $0.level == record.tier + 1 }
        let ledger = PointsLedger(record.ledger)
        var expiring: [[String: Any]] = []
        for lot in ledger.remainingLots() where lot.remaining > 0 {
            if let at = lot.expiresAt { expiring.append(["points": lot.remaining, "expires_at": at.iso8601]) }
        }
        expiring.sort { ($0["expires_at"] as? String ?? "") < ($1["expires_at"] as? String ?? "") }
        return [
            "customer_id": IDPrefix.customer.format(record.customerID),
            "tier": ["level": tier.level, "name": tier.name, "free_shipping": tier.freeShipping, "points_multiplier_percent": tier.pointsMultiplierPercent],
            "growth": record.growth,
            "next_tier": next.map { ["level": $0.level, "name": $0.name, "growth_needed": $0.growthThreshold - record.growth] as [String: Any] } ?? NSNull(),
            "points": ["balance": ledger.balance, "worth": ["amount": ledger.balance * program.pointValue, "currency": currency.code] as [String: Any], "expiring": Array(expiring.prefix(5))],
            "tier_history": record.tierHistory.map { change -> [String: Any] in
                ["from": change.from, "to": change.to, "growth": change.growth, "reason": change.reason,
                 "order_id": change.orderID.map { IDPrefix.order.format($0) as Any } ?? NSNull(), "at": change.at.iso8601]
            },
            "ledger": record.ledger.reversed().map { entry -> [String: Any] in
                ["kind": entry.kind.rawValue, "amount": entry.amount, "at": entry.at.iso8601,
                 "expires_at": entry.expiresAt.map { $0.iso8601 as Any } ?? NSNull(),
                 "order_id": entry.orderID.map { IDPrefix.order.format($0) as Any } ?? NSNull(), "note": entry.note.map { $0 as Any } ?? NSNull()]
            },
        ]
    }
}
