/// Why points moved (积分流水).
public enum PointsEntryKind: String, Sendable, Codable, CaseIterable {
    /// Earned on a paid order.
    case earn
    /// Earned by an activity (sign-in, review, …).
    case activity
    /// Spent at checkout.
    case redeem
    /// Spent points given back: the order was cancelled or refunded.
    case redeemReturn = "redeem_return"
    /// Earned points taken back: the order was refunded.
    case earnReversal = "earn_reversal"
    /// Unused points whose time ran out.
    case expire
    /// A correction by the shop (either sign).
    case adjust

    /// Whether entries of this kind add points (each addition is a lot that can expire).
    public var adds: Bool { [.earn, .activity, .redeemReturn].contains(self) }
}

/// One line of a customer's append-only points ledger. `amount` is signed.
public struct PointsEntry: Sendable, Equatable {
    public var kind: PointsEntryKind
    public var amount: Int64
    public var at: Instant
    /// When the points of an addition expire (nil for deductions).
    public var expiresAt: Instant?
    public var orderID: Int64?
    public var note: String?

    public init(kind: PointsEntryKind, amount: Int64, at: Instant, expiresAt: Instant? = nil, orderID: Int64? = nil, note: String? = nil) {
        self.kind = kind
        self.amount = amount
        self.at = at
        self.expiresAt = expiresAt
        self.orderID = orderID
        self.note = note
    }
}

/// A customer's points as the ledger says: the balance is the sum of the entries; additions are
/// lots that deductions use oldest-expiry first, so the points that expire are the oldest unused.
///
/// Every change is written after `expiries(at:)` has been appended, so a lot's unused rest
/// expires exactly once and no deduction ever uses expired points.
public struct PointsLedger: Sendable {
    public let entries: [PointsEntry]

    public init(_ entries: [PointsEntry]) {
        self.entries = entries
    }

    /// Sum of the entries (never negative when written through the rules).
    public var balance: Int64 { entries.reduce(0) { $0 + $1.amount } }

    /// The balance once the expiries due at `now` are applied.
    public func balance(at now: Instant) -> Int64 {
        balance + expiries(at: now).reduce(0) { $0 + $1.amount }
    }

    /// The entries that expire what is left of every lot due by `now`, in expiry order, each
    /// dated at its lot's expiry.
    public func expiries(at now: Instant) -> [PointsEntry] {
        var result: [PointsEntry] = []
        for lot in remainingLots() where lot.remaining > 0 {
            guard let expiresAt = lot.expiresAt, expiresAt <= now else { continue }
            result.append(PointsEntry(kind: .expire, amount: -lot.remaining, at: expiresAt, note: "expired"))
        }
        return result.sorted { $0.at < $1.at }
    }

    /// Lots with what is left of them after every deduction so far. Deductions use the lots
    /// that expire first (lots without expiry last, ties by arrival); taking back an order's
    /// earned points uses that order's own lot first.
    public func remainingLots() -> [(expiresAt: Instant?, remaining: Int64)] {
        var lots: [(order: Int, expiresAt: Instant?, orderID: Int64?, remaining: Int64)] = []
        for (index, entry) in entries.enumerated() {
            if entry.amount > 0 {
                lots.append((index, entry.expiresAt, entry.kind == .earn ? entry.orderID : nil, entry.amount))
                continue
            }
            var owed = -entry.amount
            let own = entry.kind == .earnReversal ? entry.orderID : nil
            let order = lots.indices.sorted { a, b in
                if let own, (lots[a].orderID == own) != (lots[b].orderID == own) { return lots[a].orderID == own }
                switch (lots[a].expiresAt, lots[b].expiresAt) {
                case let (x?, y?) where x != y: return x < y
                case (nil, .some): return false
                case (.some, nil): return true
                default: return lots[a].order < lots[b].order
                }
            }
            for i in order where owed > 0 && lots[i].remaining > 0 {
                let used = min(owed, lots[i].remaining)
                lots[i].remaining -= used
                owed -= used
            }
        }
        return lots.map { ($0.expiresAt, $0.remaining) }
    }

    /// What a refund moving an order's refunded total from `before` to `after` (of `total` paid)
    /// writes: the spent points it gives back (a new lot expiring after `expiryDays`), and the
    /// earned points it takes back — never more than `balance` plus what it gives back.
    public static func refundEntries(
        earned: Int64, spent: Int64, total: Int64, refundedBefore before: Int64, refundedAfter after: Int64,
        balance: Int64, expiryDays: Int64, orderID: Int64, at now: Instant
    ) -> [PointsEntry] {
        var entries: [PointsEntry] = []
        let back = proportional(spent, total: total, refundedBefore: before, refundedAfter: after)
        if back > 0 {
            entries.append(PointsEntry(kind: .redeemReturn, amount: back, at: now, expiresAt: now.adding(seconds: expiryDays * 86_400), orderID: orderID))
        }
        let reversal = min(proportional(earned, total: total, refundedBefore: before, refundedAfter: after), balance + back)
        if reversal > 0 { entries.append(PointsEntry(kind: .earnReversal, amount: -reversal, at: now, orderID: orderID)) }
        return entries
    }

    /// The part of `amount` (earned or spent on an order) that a refund moving the order's refunded
    /// total from `before` to `after` (of `total` paid) gives back: proportional, rounded down, so
    /// a full refund gives back exactly `amount` over any sequence of partial refunds.
    public static func proportional(_ amount: Int64, total: Int64, refundedBefore before: Int64, refundedAfter after: Int64) -> Int64 {
        guard total > 0, amount > 0 else { return 0 }
        func share(_ refunded: Int64) -> Int64 {
            let clamped = min(max(refunded, 0), total)
            let product = amount.multipliedFullWidth(by: clamped)
            return total.dividingFullWidth(product).quotient  // floor(amount × refunded ÷ total), exact
        }
        return max(0, share(after) - share(before))
    }
}
