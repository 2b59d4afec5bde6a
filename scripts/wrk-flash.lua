-- wrk script for scripts/bench-flash.sh: POST /api/v1/flash-sales/{id}/orders as customers
-- cus_1 … cus_N in turn; each thread stops after its share of ATTEMPTS responses.
-- Requests are built once in init, so the load generator spends its CPU on sending, not on Lua.
local requests = {}
local counter = 0
local stop_after = 0
local threads = {}

function setup(thread)
    thread:set("index", #threads)
    table.insert(threads, thread)
end

function init(args)
    local thread_index = tonumber(index) or 0
    local total = tonumber(os.getenv("ATTEMPTS") or "200000")
    local nthreads = tonumber(os.getenv("THREADS") or "2")
    local customers = tonumber(os.getenv("CUSTOMERS") or "5000")
    stop_after = math.ceil(total / nthreads)
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

local answered = 0
function response(status, headers, body)
    answered = answered + 1
    if answered >= stop_after then wrk.thread:stop() end
end
