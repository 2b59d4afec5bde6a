-- wrk script for scripts/bench-http.sh: every request places an order of one unit.
-- Environment: YUNYING_KEY (an API key allowed to place orders), YUNYING_SKU (a SKU code).
local key = os.getenv("YUNYING_KEY") or error("set YUNYING_KEY")
local sku = os.getenv("YUNYING_SKU") or error("set YUNYING_SKU")

wrk.method = "POST"
wrk.path = "/api/v1/orders"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
wrk.body = '{"lines":[{"sku":"' .. sku .. '","quantity":1}]}'
