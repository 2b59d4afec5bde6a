-- wrk script for scripts/bench-flash.sh: POST /api/v1/flash-sales/{id}/orders as customers
-- cus_1 … cus_N in turn, until bench-flash.sh stops wrk once the server has answered ATTEMPTS.
-- Requests are built once in init and there is no response callback (wrk then skips Lua for
-- every answer), so the load generator, which shares the machine, spends its CPU on sending.
local requests = {}
local counter = 0
local threads = {}

function setup(thread)
    thread:set("index", #threads)
    table.insert(threads, thread)
end

function init(args)
    local thread_index = tonumber(index) or 0
    local customers = tonumber(os.getenv("CUSTOMERS") or "5000")
    local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("KEY")}
    local path = "/api/v1/flash-sales/" .. os.getenv("PROMO") .. "/orders"
    for i = 1, customers do
        local customer = ((i * 7919 + thread_index * 104729) % customers) + 1
        requests[i] = wrk.format("POST", path, headers, '{"customer_id":"cus_' .. customer .. '","quantity":1}')
    end
end

function request()
    counter = counter + 1
    return requests[(counter % #requests) + 1]
end
