-- Scenario 2: the list a broker opens most: one supplier's orders in one status, newest first,
-- 25 to a page, with the total count. Supplier and status vary per request.
local c = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
c.install()
local headers = c.headers()
local statuses = { "draft", "pending", "approved", "shipped", "delivered", "cancelled" }
request = function()
  local path = "/api/v1/purchase-orders?status=" .. statuses[math.random(1, #statuses)]
    .. "&supplier=" .. math.random(1, 50) .. "&ordering=-order_date&page_size=25"
  return wrk.format("GET", path, headers)
end
