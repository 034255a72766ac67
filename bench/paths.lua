-- wrk script: GET a path picked at random from a file (one path per line, first argument);
-- prints p50/p99 and requests per second like latency.lua.
local paths = {}

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

-- The figures, as every benchmark script prints them.
dofile("bench/latency.lua")
