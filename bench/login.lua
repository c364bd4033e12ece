-- Logs one user in again and again (Argon2id dominates). Each request comes from another documentation-range
-- address, so the per-address login throttle measures nothing here. Credentials come from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"' .. os.getenv("FRONTDOOR_BENCH_EMAIL") .. '","password":"' .. os.getenv("FRONTDOOR_BENCH_PASSWORD") .. '"}'
request = function()
  wrk.headers["X-Forwarded-For"] = "198.18." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format()
end
