/// Schemas of segments, campaigns and customer data.
extension OpenAPISchemas {
    static let crmSchemas: [(String, JSONValue)] = [
        ("CreateSegment", object([
            ("name", string),
            ("rules", ["type": "object", "description": "{all|any: [rules]} | {not: rule} | {field, op, value}; fields and operators in docs/crm.md"]),
        ], required: ["name", "rules"])),
        ("Segment", ["type": "object", "description": "id, name, rules, size (customers matching now), customers_total, preview (first 20 ids), created_at, updated_at."]),
        ("SegmentList", list("Segment")),
        ("SegmentCustomers", object([("size", integer), ("data", ["type": "array", "items": string]), ("has_more", boolean)])),
        ("CreateCampaign", object([
            ("name", string), ("segment_id", string),
            ("action", ["type": "object", "description": "{type: coupon, coupon_id} or {type: message, channel: sms|email|wechat, template ({{name}} is replaced)}"]),
            ("holdout_percent", ["type": "integer", "minimum": 0, "maximum": 50, "default": 10]),
            ("attribution_days", ["type": "integer", "minimum": 1, "maximum": 90, "default": 14]),
        ], required: ["name", "segment_id", "action"])),
        ("Campaign", ["type": "object", "description": "id, name, segment_id, action, holdout_percent, attribution_days, launched_at, outcomes (members per outcome, messages per delivery status)."]),
        ("CampaignList", list("Campaign")),
        ("MessageList", ["type": "object", "description": "data: messages with id, customer_id, channel, body, status (pending, sending, sent, failed), attempts, error."]),
        ("OptOuts", object([("channels", ["type": "array", "items": enumeration(["sms", "email", "wechat"])])], required: ["channels"])),
        ("CRMSettings", object([
            ("lifecycle", object([("new_days", integer), ("active_days", integer), ("churn_days", integer), ("intent_events", integer), ("intent_days", integer)])),
            ("weekly_message_cap", integer),
        ])),
    ]
}
