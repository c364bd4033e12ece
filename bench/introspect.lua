-- POSTs one session token to auth-service's introspection endpoint; the token comes from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"token":"' .. os.getenv("FRONTDOOR_BENCH_TOKEN") .. '"}'
