import Commerce

extension PostgresStore {
    /// Customers locked per statement when a message campaign starts.
    private static let customersPerLock = 1_000

    public func launchCampaign(_ shop: ShopID, _ campaign: NewCampaign, now: Instant) async throws -> CampaignRecord {
        try await write { db in
            _ = try await Self.requireSegment(db, shop: shop, id: campaign.segmentID)
            var couponID: Int64?, channel: MessageChannel?, template: String?
            switch campaign.action {
            case .coupon(let id):
                _ = try await Self.requireCoupon(db, shop: shop, id: id)
                couponID = id
            case .message(let via, let text):
                channel = via
                template = text
                try await Self.lockTargets(db, shop: shop, campaign.members.filter { !$0.holdout }.map(\.customerID))
            }
            let campaignID = try await db.insert(
                """
                INSERT INTO campaigns (shop_id, name, segment_id, action, coupon_id, channel, template, holdout_percent, attribution_days, launched_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [shop, campaign.name, campaign.segmentID, couponID == nil ? "message" : "coupon", couponID, channel?.rawValue, template,
                 campaign.holdoutPercent, campaign.attributionDays, now.millisecondsSinceEpoch])
            let weekAgo = now.adding(seconds: -7 * 86_400).millisecondsSinceEpoch
            for member in campaign.members {
                let outcome = try await Self.act(db, shop: shop, campaignID: campaignID, member: member, couponID: couponID, channel: channel,
                                                 weeklyCap: campaign.weeklyCap, since: weekAgo, now: now)
                try await db.run("INSERT INTO campaign_members (shop_id, campaign_id, customer_id, holdout, outcome) VALUES (?, ?, ?, ?, ?)",
                                 [shop, campaignID, member.customerID, member.holdout, outcome])
            }
            return try await Self.requireCampaign(db, shop: shop, id: campaignID)
        }
    }

    /// Locks the message targets in id order before counting their recent messages, so a campaign
    /// launched at the same time on another instance waits and then counts this one's messages (the
    /// weekly cap holds); `NO KEY UPDATE` still lets orders reference those customers meanwhile.
    private static func lockTargets(_ db: PGSession, shop: ShopID, _ customerIDs: [Int64]) async throws {
        let ids = Array(Set(customerIDs)).sorted()
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(start + customersPerLock, ids.count)]
            try await db.run(
                "SELECT id FROM customers WHERE shop_id = ? AND id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ", "))) ORDER BY id FOR NO KEY UPDATE",
                [shop] + chunk.map { $0 as (any PGBindable)? })
            start += chunk.count
        }
    }

    /// What the campaign does for one member; the outcome's name is stored with the member.
    private static func act(
        _ db: PGSession, shop: ShopID, campaignID: Int64, member: (customerID: Int64, holdout: Bool, body: String?), couponID: Int64?,
        channel: MessageChannel?, weeklyCap: Int, since weekAgo: Int64, now: Instant
    ) async throws -> String {
        if member.holdout { return "held_out" }
        let customer = try await requireCustomer(db, shop: shop, id: member.customerID)
        if customer["erased_at"] as Int64? != nil { return "skipped_erased" }
        if let couponID {
            // A refused claim rolls back to the savepoint (which also clears a failed statement) and the launch goes on.
            try await db.run("SAVEPOINT campaign_claim")
            do {
                _ = try await claim(db, shop: shop, couponID: couponID, customerID: member.customerID, code: nil, now: now)
                try await db.run("RELEASE SAVEPOINT campaign_claim")
                return "coupon_issued"
            } catch let error as StoreError {
                try await db.run("ROLLBACK TO SAVEPOINT campaign_claim")
                return "coupon_failed_\(error.code)"
            }
        }
        guard let channel else { return "skipped" }
        if try await db.row("SELECT 1 FROM customer_opt_outs WHERE shop_id = ? AND customer_id = ? AND channel = ?",
                            [shop, member.customerID, channel.rawValue]) != nil {
            return "skipped_opt_out"
        }
        let recent: Int = try await db.row(
            "SELECT COUNT(*) FROM outbox WHERE shop_id = ? AND customer_id = ? AND created_at > ? AND status != 'failed'",
            [shop, member.customerID, weekAgo])?[0] ?? 0
        if recent >= weeklyCap { return "skipped_cap" }
        try await db.run(
            "INSERT INTO outbox (shop_id, campaign_id, customer_id, channel, body, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)",
            [shop, campaignID, member.customerID, channel.rawValue, member.body ?? "", now.millisecondsSinceEpoch])
        return "queued"
    }

    public func campaign(_ shop: ShopID, id: Int64) async throws -> CampaignRecord? {
        try await snapshot { db in
            guard try await db.row("SELECT 1 FROM campaigns WHERE shop_id = ? AND id = ?", [shop, id]) != nil else { return nil }
            return try await Self.requireCampaign(db, shop: shop, id: id)
        }
    }

    public func campaigns(_ shop: ShopID, page: PageRequest) async throws -> Page<CampaignRecord> {
        try await snapshot { db in
            var records: [CampaignRecord] = []
            for row in try await db.rows("SELECT id FROM campaigns WHERE shop_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                                         [shop, page.startingAfter ?? Int64.max, page.limit + 1]) {
                records.append(try await Self.requireCampaign(db, shop: shop, id: row[0]))
            }
            return records.page(limit: page.limit)
        }
    }

    public func campaignMembers(_ shop: ShopID, campaignID: Int64) async throws -> [(customerID: Int64, holdout: Bool)] {
        try await read { db in
            try await db.rows("SELECT customer_id, holdout FROM campaign_members WHERE shop_id = ? AND campaign_id = ? ORDER BY customer_id",
                              [shop, campaignID]).map { ($0[0], $0[1]) }
        }
    }

    static func requireCampaign(_ db: PGSession, shop: ShopID, id: Int64) async throws -> CampaignRecord {
        guard let row = try await db.row("SELECT * FROM campaigns WHERE shop_id = ? AND id = ?", [shop, id]) else {
            throw StoreError.notFound(entity: "campaign", id: IDPrefix.campaign.format(id))
        }
        let outcomes = try await db.rows("SELECT outcome, COUNT(*) FROM campaign_members WHERE campaign_id = ? GROUP BY outcome", [id])
        let messages = try await db.rows("SELECT status, COUNT(*) FROM outbox WHERE campaign_id = ? GROUP BY status", [id])
        return CRMRows.campaign(row, outcomes: outcomes, messages: messages)
    }

    /// Every instance runs a delivery worker: the batch is chosen with `FOR UPDATE SKIP LOCKED`
    /// (rows another worker is taking are passed over, not waited for) and marked `sending` by the
    /// same statement, so each message is handed to one worker.
    public func takeOutbox(limit: Int, now: Instant, staleBefore: Instant) async throws -> [OutboxMessage] {
        try await write { db in
            try await db.rows(
                """
                WITH taken AS (
                    UPDATE outbox SET status = 'sending', attempts = attempts + 1, taken_at = ?
                    WHERE id IN (
                        SELECT id FROM outbox WHERE status = 'pending' OR (status = 'sending' AND taken_at < ?)
                        ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING *)
                SELECT t.*, c.phone, c.email FROM taken t JOIN customers c ON c.id = t.customer_id ORDER BY t.id
                """, [now.millisecondsSinceEpoch, staleBefore.millisecondsSinceEpoch, limit]
            ).map(CRMRows.outboxMessage)
        }
    }

    public func finishOutbox(id: Int64, sent: Bool, error: String?, now: Instant) async throws {
        try await write { db in
            _ = try await db.run("UPDATE outbox SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'sending'",
                                 [sent ? "sent" : "failed", error, now.millisecondsSinceEpoch, id])
        }
    }

    public func outbox(_ shop: ShopID, campaignID: Int64) async throws -> [OutboxMessage] {
        try await read { db in
            try await db.rows(
                "SELECT o.*, c.phone, c.email FROM outbox o JOIN customers c ON c.id = o.customer_id WHERE o.shop_id = ? AND o.campaign_id = ? ORDER BY o.id",
                [shop, campaignID]
            ).map(CRMRows.outboxMessage)
        }
    }
}
