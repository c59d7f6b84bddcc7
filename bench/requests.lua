-- wrk script: each request is the next line of a file, "METHOD PATH TOKEN [JSON BODY]"
-- (TOKEN a bearer token, or "sessionid=KEY": a page with a browser's login cookie),
-- each wrk thread taking its own slice, so no two requests reuse a line unless a slice
-- runs out (reported as wraps). Prints one RESULT line at the end.
--   wrk -t2 -c16 -d10s --latency -s requests.lua http://127.0.0.1:8000 -- FILE NTHREADS

local threads, counter = {}, 0

function setup(thread)
   thread:set("tid", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

local reqs, pos = {}, 0
ok, errors, wraps = 0, 0, 0

function init(args)
   local lines = {}
   for line in io.lines(args[1]) do
      if line ~= "" then lines[#lines + 1] = line end
   end
   local n, nthreads = #lines, tonumber(args[2])
   local lo = math.floor(tid * n / nthreads) + 1
   local hi = math.floor((tid + 1) * n / nthreads)
   for i = lo, hi do
      local method, path, token, body = lines[i]:match("^(%S+) (%S+) (%S+) ?(.*)$")
      local headers = {
         ["Authorization"] = "Bearer " .. token,
         ["Accept"] = "application/json",
      }
      if token:match("^sessionid=") then -- a page, for a signed-in browser
         headers = { ["Cookie"] = token, ["Accept"] = "text/html" }
      end
      if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
      reqs[#reqs + 1] = wrk.format(method, path, headers, body)
   end
end

function request()
   pos = pos + 1
   if pos > #reqs then pos, wraps = 1, wraps + 1 end
   return reqs[pos]
end

function response(status)
   if status < 400 then ok = ok + 1 else errors = errors + 1 end
end

function done(summary, latency)
   local t = { ok = 0, errors = 0, wraps = 0 }
   for _, th in ipairs(threads) do
      for k, _ in pairs(t) do t[k] = t[k] + th:get(k) end
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f ok=%d errors=%d socket_errors=%d wraps=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
      latency:percentile(95) / 1000, latency:percentile(99) / 1000, t.ok, t.errors,
      e.connect + e.read + e.write + e.timeout, t.wraps))
end
