-- wrk script for scripts/bench-flash.sh: POST /api/v1/flash-sales/{id}/orders as customers
-- cus_1 … cus_N in turn; each thread stops after its share of ATTEMPTS responses.
local counter = 0
local stop_after = 0
local thread_index = 0
local threads = {}

function setup(thread)
    thread:set("index", #threads)
    table.insert(threads, thread)
end

function init(args)
    thread_index = tonumber(index) or 0
    local total = tonumber(os.getenv("ATTEMPTS") or "200000")
    local nthreads = tonumber(os.getenv("THREADS") or "2")
    stop_after = math.ceil(total / nthreads)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
    wrk.path = "/api/v1/flash-sales/" .. os.getenv("PROMO") .. "/orders"
end

local customers = tonumber(os.getenv("CUSTOMERS") or "5000")

function request()
    counter = counter + 1
    local customer = ((counter * 7919 + thread_index * 104729) % customers) + 1
    return wrk.format(nil, nil, nil, '{"customer_id":"cus_' .. customer .. '","quantity":1}')
end

local answered = 0
function response(status, headers, body)
    answered = answered + 1
    if answered >= stop_after then wrk.thread:stop() end
end
