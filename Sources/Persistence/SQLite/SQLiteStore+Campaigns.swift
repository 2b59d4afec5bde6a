import Commerce
import GRDB

extension SQLiteStore {
    public func launchCampaign(_ shop: ShopID, _ campaign: NewCampaign, now: Instant) async throws -> CampaignRecord {
        try await pool.write { db in
            _ = try Self.requireSegment(db, shop: shop, id: campaign.segmentID)
            var couponID: Int64?, channel: MessageChannel?, template: String?
            switch campaign.action {
            case .coupon(let id):
                _ = try Self.requireCoupon(db, shop: shop, id: id)
                couponID = id
            case .message(let via, let text):
                channel = via
                template = text
            }
            try db.run(
                """
                INSERT INTO campaigns (shop_id, name, segment_id, action, coupon_id, channel, template, holdout_percent, attribution_days, launched_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [shop, campaign.name, campaign.segmentID, couponID == nil ? "message" : "coupon", couponID, channel?.rawValue, template,
                 campaign.holdoutPercent, campaign.attributionDays, now.millisecondsSinceEpoch])
            let campaignID = db.lastInsertedRowID
            let weekAgo = now.adding(seconds: -7 * 86_400).millisecondsSinceEpoch
            for member in campaign.members {
                let outcome = try Self.act(db, shop: shop, campaignID: campaignID, member: member, couponID: couponID, channel: channel,
                                           weeklyCap: campaign.weeklyCap, since: weekAgo, now: now)
                try db.run("INSERT INTO campaign_members (shop_id, campaign_id, customer_id, holdout, outcome) VALUES (?, ?, ?, ?, ?)",
                           [shop, campaignID, member.customerID, member.holdout, outcome])
            }
            return try Self.requireCampaign(db, shop: shop, id: campaignID)
        }
    }

    /// What the campaign does for one member; the outcome's name is stored with the member.
    private static func act(
        _ db: Database, shop: ShopID, campaignID: Int64, member: (customerID: Int64, holdout: Bool, body: String?), couponID: Int64?,
        channel: MessageChannel?, weeklyCap: Int, since weekAgo: Int64, now: Instant
    ) throws -> String {
        if member.holdout { return "held_out" }
        let customer = try requireCustomer(db, shop: shop, id: member.customerID)
        if customer["erased_at"] as Int64? != nil { return "skipped_erased" }
        if let couponID {
            do {
                try db.inSavepoint {
                    _ = try claim(db, shop: shop, couponID: couponID, customerID: member.customerID, code: nil, now: now)
                    return .commit
                }
                return "coupon_issued"
            } catch let error as StoreError {
                return "coupon_failed_\(error.code)"
            }
        }
        guard let channel else { return "skipped" }
        if try db.row("SELECT 1 FROM customer_opt_outs WHERE shop_id = ? AND customer_id = ? AND channel = ?",
                      [shop, member.customerID, channel.rawValue]) != nil {
            return "skipped_opt_out"
        }
        let recent: Int = try db.row(
            "SELECT COUNT(*) FROM outbox WHERE shop_id = ? AND customer_id = ? AND created_at > ? AND status != 'failed'",
            [shop, member.customerID, weekAgo])?[0] ?? 0
        if recent >= weeklyCap { return "skipped_cap" }
        try db.run(
            "INSERT INTO outbox (shop_id, campaign_id, customer_id, channel, body, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)",
            [shop, campaignID, member.customerID, channel.rawValue, member.body ?? "", now.millisecondsSinceEpoch])
        return "queued"
    }

    public func campaign(_ shop: ShopID, id: Int64) async throws -> CampaignRecord? {
        try await pool.read { db in
            guard try db.row("SELECT 1 FROM campaigns WHERE shop_id = ? AND id = ?", [shop, id]) != nil else { return nil }
            return try Self.requireCampaign(db, shop: shop, id: id)
        }
    }

    public func campaigns(_ shop: ShopID, page: PageRequest) async throws -> Page<CampaignRecord> {
        try await pool.read { db in
            try db.rows("SELECT id FROM campaigns WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                        [shop, page.startingAfter ?? Int64.max, page.limit + 1])
                .map { try Self.requireCampaign(db, shop: shop, id: $0[0]) }.page(limit: page.limit)
        }
    }

    public func campaignMembers(_ shop: ShopID, campaignID: Int64) async throws -> [(customerID: Int64, holdout: Bool)] {
        try await pool.read { db in
            try db.rows("SELECT customer_id, holdout FROM campaign_members WHERE shop_id = ? AND campaign_id = ? ORDER BY customer_id",
                        [shop, campaignID]).map { ($0[0], $0[1]) }
        }
    }

    static func requireCampaign(_ db: Database, shop: ShopID, id: Int64) throws -> CampaignRecord {
        guard let row = try db.row("SELECT * FROM campaigns WHERE shop_id = ? AND id = ?", [shop, id]) else {
            throw StoreError.notFound(entity: "campaign", id: IDPrefix.campaign.format(id))
        }
        let outcomes = try db.rows("SELECT outcome, COUNT(*) FROM campaign_members WHERE campaign_id = ? GROUP BY outcome", [id])
        let messages = try db.rows("SELECT status, COUNT(*) FROM outbox WHERE campaign_id = ? GROUP BY status", [id])
        return CRMRows.campaign(row, outcomes: outcomes, messages: messages)
    }

    public func takeOutbox(limit: Int, now: Instant, staleBefore: Instant) async throws -> [OutboxMessage] {
        try await pool.write { db in
            let rows = try db.rows(
                """
                SELECT o.*, c.phone, c.email FROM outbox o JOIN customers c ON c.id = o.customer_id
                WHERE o.status = 'pending' OR (o.status = 'sending' AND o.taken_at < ?) ORDER BY o.id LIMIT ?
                """, [staleBefore.millisecondsSinceEpoch, limit])
            for row in rows {
                try db.run("UPDATE outbox SET status = 'sending', attempts = attempts + 1, taken_at = ? WHERE id = ?", [now.millisecondsSinceEpoch, row["id"]])
            }
            return rows.map { row in
                var message = CRMRows.outboxMessage(row)
                message.status = "sending"
                message.attempts += 1
                return message
            }
        }
    }

    public func finishOutbox(id: Int64, sent: Bool, error: String?, now: Instant) async throws {
        try await pool.write { db in
            try db.run("UPDATE outbox SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'sending'",
                       [sent ? "sent" : "failed", error, now.millisecondsSinceEpoch, id])
        }
    }

    public func outbox(_ shop: ShopID, campaignID: Int64) async throws -> [OutboxMessage] {
        try await pool.read { db in
            try db.rows(
                "SELECT o.*, c.phone, c.email FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE o.shop_id = ? AND o.campaign_id = ? ORDER BY o.id",
                [shop, campaignID]
            ).map(CRMRows.outboxMessage)
        }
    }
}
