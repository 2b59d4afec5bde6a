/// Schemas of `/experiments`.
extension OpenAPISchemas {
    static let experimentSchemas: [(String, JSONValue)] = [
        ("CreateExperiment", object([
            ("key", ["type": "string", "pattern": "^[a-z0-9_-]{1,64}$"]), ("name", string), ("hypothesis", string),
            ("variants", ["type": "array", "minItems": 2, "maxItems": 10, "description": "The first is the control; weights sum to 1.",
                          "items": object([("key", string), ("name", string), ("weight", number)], required: ["key", "weight"])]),
            ("targeting", object([("channels", ["type": "array", "items": string]), ("devices", ["type": "array", "items": string])])),
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
    ]
}
