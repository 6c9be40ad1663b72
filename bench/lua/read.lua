-- Scenario 1: read one purchase order of the measured company, by a random id, with a bearer token.
local c = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
c.install()
local headers = c.headers()
request = function()
  return wrk.format("GET", "/api/v1/purchase-orders/" .. c.random_order_id(), headers)
end
