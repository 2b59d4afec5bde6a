/// Schemas of `/experiments` and membership.
extension OpenAPISchemas {
    static let experimentSchemas: [(String, JSONValue)] = [
        ("CreateExperiment", object([
            ("key", ["type": "string", "pattern": "^[a-z0-9_-]{1,64}$"]), ("name", string), ("hypothesis", string),
            ("variants", ["type": "array", "minItems": 2, "maxItems": 10, "description": "The first is the control; weights sum to 1.",
                          "items": object([("key", string), ("name", string), ("weight", number)], required: ["key", "weight"])]),
            ("targeting", object([
                ("channels", ["type": "array", "items": string]), ("devices", ["type": "array", "items": string]),
                ("segment_id", ["type": "string", "description": "only customers (units cus_…) in this saved segment"]),
            ])),
            ("primary_metric", ["type": "string", "description": "conversion, revenue_per_visitor, aov, add_to_cart_rate or event:TYPE"]),
            ("guardrail_metrics", ["type": "array", "items": string]),
            ("cuped", ["type": "boolean", "description": "Adjust with the unit's metric over the 14 days before its first exposure"]),
        ], required: ["key", "name", "variants", "primary_metric"])),
        ("Experiment", ["type": "object", "description": "The definition as created, plus id, status (draft, running, stopped), started_at, stopped_at, created_at, updated_at."]),
        ("ExperimentList", list("Experiment")),
        ("ExperimentAssignment", object([
            ("experiment", string), ("unit", string), ("variant", string), ("in_experiment", boolean),
            ("reason", enumeration(["not_running", "not_targeted"])),
        ], required: ["experiment", "unit", "variant", "in_experiment"])),
        ("MembershipProgram", object([
            ("tiers", ["type": "array", "items": object([
                ("level", integer), ("name", string), ("growth_threshold", integer), ("points_multiplier_percent", integer), ("free_shipping", boolean),
            ], required: ["level", "name", "growth_threshold", "points_multiplier_percent", "free_shipping"])]),
            ("growth_per_unit", integer), ("points_per_unit", integer), ("point_value", ["type": "integer", "description": "minor units one point takes off"]),
            ("redeem_cap_percent", integer), ("points_expiry_days", integer), ("activities", ["type": "object", "additionalProperties": integer]),
        ], required: ["tiers", "growth_per_unit", "points_per_unit", "point_value", "redeem_cap_percent", "points_expiry_days", "activities"])),
        ("Membership", ["type": "object", "description": "customer_id, tier {level, name, free_shipping, points_multiplier_percent}, growth, next_tier {level, name, growth_needed}, points {balance, worth, expiring[]}, tier_history[], ledger[] (newest first)."]),
        ("PointsInput", object([("activity", string), ("amount", integer), ("note", string)])),
    ]
}
