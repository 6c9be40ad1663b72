-- Scenario 2, search: q over order number, carrier release and supplier confirmation numbers
-- (a random four-digit fragment, as a broker types part of a number), newest first, with count.
local c = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
c.install()
local headers = c.headers()
request = function()
  return wrk.format("GET", "/api/v1/purchase-orders?q=" .. math.random(1000, 9999) .. "&ordering=-order_date&page_size=25", headers)
end
