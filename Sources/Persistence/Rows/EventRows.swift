/// Events as frames and exports read them: each store selects its position's columns (`seq`, or
/// PostgreSQL's `tx, seq`), then `frameColumns`, then for frames an exposure's experiment and variant.
enum EventRows {
    static let frameColumns = "type, ts, anonymous_id, customer_id, session_id, channel, device, sku_id, utm_campaign, value"

    /// An event at `position` from `frameColumns` starting at column `first`; with `exposure`, the
    /// experiment and variant columns follow them.
    static func frameEvent(
        _ row: some RecordRow, position: EventPosition, from first: Int, exposure: Bool = false, settled: Bool = true
    ) -> FrameEventRow {
        FrameEventRow(
            position: position, type: row.text(first), timestamp: row.int(first + 1), anonymousID: row.optionalText(first + 2),
            customerID: row.optionalInt(first + 3), sessionID: row.optionalText(first + 4), channel: row.text(first + 5),
            device: row.text(first + 6), skuID: row.optionalInt(first + 7), utmCampaign: row.optionalText(first + 8),
            value: row.optionalInt(first + 9), experiment: exposure ? row.optionalText(first + 10) : nil,
            variant: exposure ? row.optionalText(first + 11) : nil, settled: settled)
    }
}
