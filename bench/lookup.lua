-- wrk script: GET /api/v1/desa/{slug}/residents?q=... with each desa's own staff token.
-- Arguments: the tokens file ("slug,token" lines) and the queries file ("slug,q" lines).
local tokens, queries = {}, {}

local function lines(path, f)
  for line in io.lines(path) do
    local a, b = line:match("^([^,]+),(.+)$")
    if a then f(a, b) end
  end
end

function init(args)
  lines(args[1], function(slug, token) tokens[slug] = token end)
  lines(args[2], function(slug, q) queries[#queries + 1] = {slug, q} end)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end

function request()
  local pick = queries[math.random(#queries)]
  local path = "/api/v1/desa/" .. pick[1] .. "/residents?per_page=20&q=" .. pick[2]
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[pick[1]] })
end

-- The figures, as every benchmark script prints them.
dofile("bench/latency.lua")
