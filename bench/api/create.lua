-- wrk script for the authenticated create benchmark: POST /posts/ with a
-- JSON body and the bearer token from BENCH_TOKEN (set by bench/api/run).
-- Every request carries the same body: the server's work (auth, decode,
-- validate, INSERT ... RETURNING, commit, encode) does not depend on it.
local token = os.getenv("BENCH_TOKEN")
if token == nil or token == "" then
  -- error() would only be printed, and wrk would go on sending GETs.
  io.stderr:write("create.lua: BENCH_TOKEN is not set\n")
  os.exit(2)
end

wrk.method = "POST"
wrk.path = "/posts/"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = '{"title":"Benchmark post","content":"Written by bench/api/create.lua to measure authenticated creates.","author":"wrk"}'
