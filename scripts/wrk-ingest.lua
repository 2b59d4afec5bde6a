-- wrk script for scripts/bench-ingest.sh: every request posts the 1,000-event batch in
-- YUNYING_BODY with ids no other request uses, and counts the events the server accepted.
local key = os.getenv("YUNYING_KEY") or error("set YUNYING_KEY")
local path = os.getenv("YUNYING_BODY") or error("set YUNYING_BODY")
local file = assert(io.open(path, "rb"))
local template = file:read("*a")
file:close()

-- The sample's ids all start with "00000000-0000-4000": split there, rejoin with a fresh prefix.
local parts, from = {}, 1
while true do
    local s, e = string.find(template, "00000000-0000-4000", from, true)
    if not s then break end
    parts[#parts + 1] = string.sub(template, from, s - 1)
    from = e + 1
end
parts[#parts + 1] = string.sub(template, from)

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key

local threads = {}
function setup(thread)
    thread:set("id", #threads + 1)
    threads[#threads + 1] = thread
end

function init()
    sequence = 0
    accepted = 0
end

function request()
    sequence = sequence + 1
    local prefix = string.format("%04x%04x-%04x-4000", id, sequence % 65536, math.floor(sequence / 65536) % 65536)
    return wrk.format(nil, nil, nil, table.concat(parts, prefix))
end

function response(status, headers, body)
    local n = string.match(body, '"accepted":(%d+)')
    if n then accepted = accepted + tonumber(n) end
end

function done(summary, latency, requests)
    local total = 0
    for _, thread in ipairs(threads) do total = total + thread:get("accepted") end
    io.write(string.format("accepted events: %d\n", total))
end
