/// JSON Schemas of the API's bodies, referenced from the OpenAPI document.
enum OpenAPISchemas {
    static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var fields: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { fields.append(("required", .array(required.map { .string($0) }))) }
        return .object(fields)
    }

    static func list(_ item: String) -> JSONValue {
        object([("data", ["type": "array", "items": .ref(item)]), ("has_more", boolean)], required: ["data", "has_more"])
    }

    static func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }

    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer", "format": "int64"]
    static let number: JSONValue = ["type": "number"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let time: JSONValue = ["type": "string", "format": "date-time"]
    static let money: JSONValue = .ref("Money")
    static let stringMap: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]
    static let moneyInput: JSONValue = ["oneOf": [.ref("Money"), ["type": "integer", "description": "minor units in the shop currency"]]]
    static let level: [(String, JSONValue)] = [("on_hand", integer), ("held", integer), ("allocated", integer), ("available", integer)]

    static let all: [(String, JSONValue)] = [
        ("Money", object([("amount", ["type": "integer", "format": "int64", "description": "minor units"]), ("currency", ["type": "string", "pattern": "^[A-Z]{3}$"])], required: ["amount", "currency"])),
        ("Error", object([("error", object([("code", string), ("message", string), ("field", string)], required: ["code", "message"]))], required: ["error"])),
        ("Health", object([("status", string)])),
        ("Metrics", ["type": "string", "description": "Prometheus text exposition format"]),
        ("OpenAPI", ["type": "object"]),
        ("CreateCategory", object([("name", string), ("parent", string)], required: ["name"])),
        ("Category", object([("id", string), ("name", string), ("parent_id", string)])),
        ("CategoryList", list("Category")),
        ("CreateSKU", object([
            ("code", string), ("price", moneyInput), ("cost", moneyInput), ("specs", stringMap), ("weight_grams", integer),
            ("barcode", string), ("low_stock_threshold", integer),
        ], required: ["code", "price"])),
        ("CreateProduct", object([
            ("title", string), ("description", string), ("category", ["type": "string", "description": "cat_… id or a root category name"]),
            ("attributes", stringMap), ("status", enumeration(["draft", "listed", "delisted"])),
            ("lifecycle_stage", enumeration(["new", "growth", "mature", "decline"])), ("skus", ["type": "array", "items": .ref("CreateSKU")]),
        ], required: ["title", "skus"])),
        ("UpdateProduct", object([
            ("title", string), ("description", string), ("category", string), ("attributes", stringMap),
            ("status", enumeration(["draft", "listed", "delisted"])), ("lifecycle_stage", enumeration(["new", "growth", "mature", "decline"])),
        ])),
        ("UpdateSKU", object([("price", moneyInput), ("cost", moneyInput), ("specs", stringMap), ("weight_grams", integer), ("barcode", string), ("low_stock_threshold", integer)])),
        ("SKU", object([
            ("code", string), ("product_id", string), ("specs", stringMap), ("price", money), ("cost", money),
            ("margin", object([("amount", money), ("rate", number)])), ("weight_grams", integer), ("barcode", string), ("low_stock_threshold", integer),
        ])),
        ("Product", object([
            ("id", string), ("title", string), ("description", string), ("category_id", string), ("attributes", stringMap),
            ("status", string), ("lifecycle_stage", string), ("skus", ["type": "array", "items": .ref("SKU")]),
        ])),
        ("ProductList", list("Product")),
        ("CreateWarehouse", object([("code", string), ("name", string), ("priority", integer)], required: ["code", "name"])),
        ("Warehouse", object([("id", string), ("code", string), ("name", string), ("priority", integer)])),
        ("WarehouseList", list("Warehouse")),
        ("AdjustStock", object([
            ("sku", string), ("warehouse", string), ("delta", integer), ("reason", enumeration(["receipt", "count_correction", "damage"])), ("note", string),
        ], required: ["sku", "delta", "reason"])),
        ("Stock", object([("sku", string)] + level + [
            ("low_stock", boolean), ("low_stock_threshold", integer),
            ("warehouses", ["type": "array", "items": object([("warehouse", string)] + level)]),
        ])),
        ("Movement", object([
            ("id", string), ("warehouse_id", string), ("reason", string), ("on_hand_delta", integer), ("held_delta", integer),
            ("allocated_delta", integer), ("order_id", string), ("note", string), ("created_at", time),
        ])),
        ("MovementList", list("Movement")),
        ("Adjustment", object([("movement", .ref("Movement")), ("stock", .ref("Stock"))])),
        ("LowStock", object([("sku", string), ("threshold", integer), ("level", object(level))])),
        ("LowStockList", list("LowStock")),
        ("CreateCustomer", object([("name", string), ("phone", string), ("email", string), ("acquisition_channel", string)], required: ["name"])),
        ("Customer", object([("id", string), ("name", string), ("phone", string), ("email", string), ("acquisition_channel", string), ("created_at", time)])),
        ("CustomerList", list("Customer")),
        ("EventInput", object([
            ("id", ["type": "string", "format": "uuid", "description": "chosen by the client; a repeated id is a duplicate"]),
            ("type", ["type": "string", "pattern": "^[a-z0-9_]{1,64}$", "description": "page_view, search, product_view, add_to_cart, remove_from_cart, checkout_start, order_placed, order_paid, or a custom name"]),
            ("timestamp", time), ("anonymous_id", string), ("customer_id", string), ("session_id", string), ("url", string),
            ("referrer", string), ("utm_source", string), ("utm_medium", string), ("utm_campaign", string),
            ("device", enumeration(["desktop", "mobile", "tablet", "app", "mini_program", "other"])), ("sku", string),
            ("order_id", string), ("value", integer), ("properties", ["type": "object"]),
        ], required: ["id", "type"])),
        ("EventBatch", object([("events", ["type": "array", "maxItems": 10000, "items": .ref("EventInput")])], required: ["events"])),
        ("IngestResult", object([
            ("accepted", integer), ("duplicates", integer),
            ("rejected", ["type": "array", "items": object([("index", integer), ("code", string), ("message", string), ("field", string)])]),
        ], required: ["accepted", "duplicates", "rejected"])),
        ("Report", ["type": "object", "description": "The report's document; its fields are listed per report in docs/analytics.md. Money is {amount, currency}; rates are fractions."]),
        ("AdSpendInput", object([("rows", ["type": "array", "items": object([
            ("date", ["type": "string", "format": "date"]), ("channel", string), ("campaign", string), ("spend", moneyInput),
            ("impressions", integer), ("clicks", integer),
        ], required: ["date", "channel", "campaign", "spend"])])], required: ["rows"])),
        ("AdSpendResult", object([("stored", integer)])),
        ("ChannelRules", object([
            ("paid_search_mediums", ["type": "array", "items": string]),
            ("named_sources", ["type": "array", "items": object([("name", string), ("channel", string)], required: ["name", "channel"])]),
            ("search_engines", ["type": "array", "items": string]), ("social_sites", ["type": "array", "items": string]),
            ("own_hosts", ["type": "array", "items": string]),
        ])),
        ("Address", object([
            ("name", string), ("phone", string), ("country", string), ("province", string), ("city", string), ("district", string),
            ("line1", string), ("line2", string), ("postal_code", string),
        ])),
        ("CreateOrder", object([
            ("customer_id", string),
            ("lines", ["type": "array", "minItems": 1, "maxItems": 100, "items": object([("sku", string), ("quantity", ["type": "integer", "minimum": 1])], required: ["sku", "quantity"])]),
            ("shipping_address", .ref("Address")), ("coupon_code", string), ("session_id", ["type": "string", "description": "the storefront session the order came from (its events join it)"]), ("anonymous_id", string),
            ("points", ["type": "integer", "minimum": 0, "description": "points to pay with (needs customer_id; within the program's redeem cap)"]),
        ], required: ["lines"])),
        ("PayOrder", object([("amount", moneyInput)], required: ["amount"])),
        ("ShipOrder", object([("carrier", string), ("tracking_number", string)], required: ["carrier", "tracking_number"])),
        ("Applied", object([("promotion_id", string), ("name", string), ("amount", money), ("source", enumeration(["promotion", "coupon"]))])),
        ("OrderLine", object([
            ("sku", string), ("title", string), ("quantity", integer), ("unit_price", money), ("discount", money), ("total", money),
            ("applied", ["type": "array", "items": .ref("Applied")]),
        ])),
        ("Order", object([
            ("id", string), ("status", enumeration(["pending_payment", "paid", "shipped", "delivered", "completed", "cancelled"])),
            ("customer_id", string), ("lines", ["type": "array", "items": .ref("OrderLine")]), ("subtotal", money), ("discount", money),
            ("shipping", money), ("total", money), ("shipping_address", .ref("Address")),
            ("shipment", object([("carrier", string), ("tracking_number", string)])), ("cancel_reason", string),
            ("hold_expires_at", time), ("created_at", time), ("updated_at", time),
        ])),
        ("OrderList", list("Order")),
        ("Payment", object([("id", string), ("order_id", string), ("amount", money), ("status", enumeration(["succeeded", "refund_pending", "refunded"])), ("source", string), ("created_at", time)])),
        ("Refund", object([("id", string), ("amount", money), ("reason", string), ("created_at", time)])),
        ("OrderPayments", object([("payments", ["type": "array", "items": .ref("Payment")]), ("refunds", ["type": "array", "items": .ref("Refund")])])),
        ("PaymentCallback", object([("reference", string), ("order_id", string), ("amount", moneyInput), ("status", enumeration(["succeeded", "failed"]))], required: ["reference", "order_id", "amount", "status"])),
        ("CreatePromotion", ["type": "object", "required": ["name", "type", "starts_at", "ends_at"], "description": """
            Common fields: name, type, starts_at, ends_at (ISO-8601), priority (higher first), exclusive, status (active|disabled), \
            budget (money cap on total discount), max_uses. Scopes: {"all": true} or {"skus": [codes], "categories": [cat ids]}. \
            Money in minor units; percents as numbers in (0,100). Type fields — special_price: prices [{sku, price}]; \
            percent_off: scope, percent_off, cap?; threshold_reduction: scope, tiers [{threshold, reduction}] or repeating \
            {every, reduction, cap?}; quantity_discount: scope, min_quantity, percent_off; buy_x_get_y: scope, buy, get, \
            percent_off_of_get; bundle: items [{sku, quantity}], price; member_price: scope, tiers [{tier, percent_off}]; \
            free_shipping: threshold, scope?; flash_sale: sku, price, stock, per_customer_limit, hold_minutes?. See docs/promotions.md.
            """, "properties": [
                "name": string, "type": enumeration(["special_price", "percent_off", "threshold_reduction", "quantity_discount", "buy_x_get_y", "bundle", "member_price", "free_shipping", "flash_sale"]),
                "starts_at": time, "ends_at": time, "priority": integer, "exclusive": boolean, "status": enumeration(["active", "disabled"]),
                "budget": moneyInput, "max_uses": integer,
            ]]),
        ("Promotion", ["type": "object", "description": "The promotion's fields as created, plus id, class, used {budget, uses, flash_sold}, flash_remaining, sold_out, created_at, updated_at."]),
        ("PromotionList", list("Promotion")),
        ("PromotionReview", object([
            ("promotion_id", string), ("name", string), ("from", time), ("to", time), ("during", .ref("PromotionFigures")), ("before", .ref("PromotionFigures")),
        ])),
        ("PromotionFigures", object([
            ("orders", integer), ("gmv", money), ("discount", money), ("units", integer), ("customers", integer), ("new_customers", integer),
            ("average_discount_rate", number),
        ])),
        ("FlashOrder", object([("customer_id", string), ("quantity", integer), ("shipping_address", .ref("Address")), ("session_id", string), ("anonymous_id", string)], required: ["customer_id"])),
        ("CreateCoupon", ["type": "object", "required": ["name", "discount"], "description": """
            discount {type: fixed, amount} or {type: percent, percent_off, cap?}; threshold; scope; combines_with [product|order|shipping]; \
            stacks_with_coupons; starts_at, ends_at, valid_days (validity after claim); total_limit; per_customer_limit (default 1); \
            code (a shared code) or unique_codes (how many unique codes to generate).
            """]),
        ("Coupon", ["type": "object", "description": "The coupon's terms, validity, limits, issued count and code."]),
        ("CouponList", list("Coupon")),
        ("ClaimCoupon", object([("customer_id", string), ("code", string)], required: ["customer_id"])),
        ("CouponClaim", object([
            ("id", string), ("coupon_id", string), ("customer_id", string), ("code", string), ("status", enumeration(["claimed", "redeemed"])),
            ("valid_from", time), ("valid_until", time), ("order_id", string),
        ])),
        ("CouponClaimList", list("CouponClaim")),
        ("PricedCart", object([
            ("subtotal", money), ("discount", money), ("shipping", money), ("total", money), ("points_redeemed", integer),
            ("lines", ["type": "array", "items": object([
                ("sku", string), ("quantity", integer), ("unit_price", money), ("subtotal", money), ("discount", money), ("total", money),
                ("applied", ["type": "array", "items": .ref("Applied")]),
            ])]),
            ("promotions", ["type": "array", "items": object([("id", string), ("name", string), ("amount", money)])]),
            ("coupons", ["type": "array", "items": object([("id", string), ("name", string), ("amount", money)])]),
            ("unused_coupons", ["type": "array", "items": object([("coupon_id", string), ("reason", string)])]),
        ])),
        ("CallbackResult", object([("result", enumeration(["applied", "duplicate", "refused_for_refund", "ignored"])), ("payment_id", string), ("reason", string)])),
    ] + experimentSchemas + crmSchemas
}