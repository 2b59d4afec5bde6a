import Commerce

/// Customer, segment, campaign and outbox rows.
enum CRMRows {
    static func customer(_ row: some RecordRow) -> Customer {
        Customer(
            id: row.int("id"), name: row.text("name"), phone: row.optionalText("phone"), email: row.optionalText("email"),
            acquisitionChannel: row.optionalText("acquisition_channel"), createdAt: row.instant("created_at"))
    }

    /// An entry from `id, name, acquisition_channel, erased, tier, points`, by position.
    static func directoryEntry(_ row: some RecordRow) -> CustomerDirectoryEntry {
        CustomerDirectoryEntry(
            id: row.int(0), name: row.text(1), acquisitionChannel: row.optionalText(2), erased: row.flag(3), tier: Int(row.int(4)),
            points: row.int(5))
    }

    static func segment(_ row: some RecordRow) -> SegmentRecord {
        SegmentRecord(
            id: row.int("id"), name: row.text("name"), rules: row.text("rules"), createdAt: row.instant("created_at"),
            updatedAt: row.instant("updated_at"))
    }

    /// A campaign from its row (`SELECT *`) with its members' outcomes and its messages' statuses,
    /// each as `(name, count)` rows; message statuses count as `message_<status>`.
    static func campaign<R: RecordRow>(_ row: R, outcomes memberCounts: [R], messages messageCounts: [R]) -> CampaignRecord {
        var outcomes: [String: Int] = [:]
        for count in memberCounts {
            outcomes[count.text(0)] = Int(count.int(1))
        }
        for count in messageCounts {
            outcomes["message_" + count.text(0)] = Int(count.int(1))
        }
        let action: CampaignAction
        if let couponID = row.optionalInt("coupon_id") {
            action = .coupon(couponID: couponID)
        } else {
            action = .message(
                channel: MessageChannel(rawValue: row.optionalText("channel") ?? "") ?? .sms, template: row.optionalText("template") ?? "")
        }
        return CampaignRecord(
            id: row.int("id"), name: row.text("name"), segmentID: row.int("segment_id"), action: action,
            holdoutPercent: Int(row.int("holdout_percent")), attributionDays: Int(row.int("attribution_days")),
            launchedAt: row.instant("launched_at"), outcomes: outcomes)
    }

    /// A message from its `outbox` row with the customer's `phone` and `email`; the address is the one its channel uses.
    static func outboxMessage(_ row: some RecordRow) -> OutboxMessage {
        let channel = MessageChannel(rawValue: row.text("channel")) ?? .sms
        let address = channel == .email ? row.optionalText("email") : row.optionalText("phone")
        return OutboxMessage(
            id: row.int("id"), shopID: row.int("shop_id"), campaignID: row.optionalInt("campaign_id"), customerID: row.int("customer_id"),
            channel: channel, body: row.text("body"), status: row.text("status"), attempts: Int(row.int("attempts")),
            error: row.optionalText("error"), address: address)
    }
}
