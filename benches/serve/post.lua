-- wrk script: POSTs the files named in ADSLOT_FILES (':'-separated) to ADSLOT_PATH, in turn, as
-- ADSLOT_TYPE; ADSLOT_DELAY_MS (optional) waits that long after each answer, per connection, to
-- hold a rate below the maximum (wrk has no rate option; wrk2 is not in Debian).
local bodies = {}
for path in string.gmatch(os.getenv("ADSLOT_FILES") or "", "[^:]+") do
  local f = assert(io.open(path, "rb"))
  table.insert(bodies, f:read("*a"))
  f:close()
end
local target = os.getenv("ADSLOT_PATH") or "/v1/place"
local headers = { ["Content-Type"] = os.getenv("ADSLOT_TYPE") or "application/json" }
local pause = tonumber(os.getenv("ADSLOT_DELAY_MS") or "0")
local i = 0

request = function()
  i = i % #bodies + 1
  return wrk.format("POST", target, headers, bodies[i])
end

if pause > 0 then
  delay = function() return pause end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "requests %d  rps %.0f  p50 %.2f ms  p99 %.2f ms  errors connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
