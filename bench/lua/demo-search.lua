-- Scenario 6: search on seed-demo data, as a broker types it (BENCH_SEARCH picks the kind):
--   prefix   ?q=<the first 4 digits of one of the company's order numbers>  (10001 … 10000+N)
--   name     ?q=<a word of a supplier's name>, e.g. "Cactus" finds Cactus Packing's orders
--   fragment ?q=<3 digits from inside an order number>
--   global   GET /api/v1/search?q=<a supplier's name word or a number prefix>, every resource at once
-- Purchase orders in the list's own order for a search (exact and prefix matches of numbers first),
-- 25 to a page, with the exact count.
local c = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
c.install()
local headers = c.headers()
local kind = os.getenv("BENCH_SEARCH") or "prefix"
-- One word of each seed-demo supplier's name (src/main/java/com/projectmeats/demo/DemoData.java).
local names = { "Cactus", "Panhandle", "Red River", "Blue Ridge", "High Plains", "Sandhills", "Gulf Coast",
  "Prairie Star", "Lone Butte", "Riverbend", "Great Lakes", "Sierra", "Mesa Verde", "Heartland", "Cedar Valley",
  "Pecos", "Bison", "Carolina", "Delta", "Rocky Mountain" }

local function number()
  return tostring(10000 + math.random(1, c.orders))
end

local function term(k)
  if k == "prefix" then
    return string.sub(number(), 1, 4)
  elseif k == "name" then
    return names[math.random(1, #names)]
  else
    local n = number()
    local at = math.random(2, #n - 2)
    return string.sub(n, at, at + 2)
  end
end

local function encode(s)
  return (string.gsub(s, " ", "%%20"))
end

request = function()
  if kind == "global" then
    local k = math.random(1, 2) == 1 and "name" or "prefix"
    return wrk.format("GET", "/api/v1/search?q=" .. encode(term(k)), headers)
  end
  return wrk.format("GET", "/api/v1/purchase-orders?q=" .. encode(term(kind)) .. "&page_size=25", headers)
end
