-- Shared by the scenario scripts (loaded with dofile from BENCH_LUA_DIR). Each wrk thread runs its
-- own copy. Counts answers whose status is not BENCH_EXPECT, and at the end prints one line
-- "BENCH_JSON {...}" that run.sh reads: requests, seconds, rps, latency percentiles in ms, errors.
local M = {}
local threads = {}

M.expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
M.token = os.getenv("BENCH_TOKEN") or ""
M.orders = tonumber(os.getenv("BENCH_ORDERS") or "10000")

function M.headers(extra)
  local h = { ["Authorization"] = "Bearer " .. M.token, ["Accept"] = "application/json" }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

-- The measured company's orders are rows 10 in every 19 of the table (sql/generate.sql).
function M.random_order_id()
  local r = math.random(0, M.orders - 1)
  return math.floor(r / 10) * 19 + (r % 10) + 1
end

function M.install()
  setup = function(thread)
    table.insert(threads, thread)
    thread:set("thread_no", #threads)
  end
  init = function(args)
    math.randomseed(os.time() * 100 + thread_no)
    bad = 0
    first_bad = ""
  end
  response = function(status, headers, body)
    if status ~= M.expect then
      bad = bad + 1
      if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 200) end
    end
  end
  done = function(summary, latency, requests)
    local wrong, sample = 0, ""
    for _, t in ipairs(threads) do
      wrong = wrong + (t:get("bad") or 0)
      local s = t:get("first_bad") or ""
      if sample == "" then sample = s end
    end
    local e = summary.errors
    local secs = summary.duration / 1e6
    local function ms(p) return latency:percentile(p) / 1000 end
    io.write(string.format(
      'BENCH_JSON {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,' ..
      '"max":%.3f,"mean":%.3f,"bad_status":%d,"socket_errors":%d,"sample":%q}\n',
      summary.requests, secs, summary.requests / secs, ms(50), ms(90), ms(99), ms(99.9),
      latency.max / 1000, latency.mean / 1000, wrong, e.connect + e.read + e.write + e.timeout, sample))
  end
end

return M
