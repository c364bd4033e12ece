#!/usr/bin/env bash
# auth-service benchmark: session-introspection throughput (a cached live session) and login latency.
# Needs the local system running (bin/up) and wrk (apt-get install wrk). Loopback only; every run is bounded.
# Usage: bench/auth.sh [seconds per measurement, default 15]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-15}
auth=http://127.0.0.1:8081
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
curl -fsS -o /dev/null "$auth/q/health/ready" || { echo "auth-service is not running: start bin/up first" >&2; exit 1; }

email="bench-$(date +%s%N)@example.test"; password='Tr0ub4dor&3-horse'
token=$(curl -fsS -c - -H 'Content-Type: application/json' -H 'X-Forwarded-For: 198.18.0.1' \
  -d "{\"name\":\"Bench\",\"email\":\"$email\",\"password\":\"$password\"}" "$auth/api/auth/signup" | awk '$6=="session"{print $7}')
[ -n "$token" ] || { echo "signup did not return a session cookie" >&2; exit 1; }

run() { # label, connections, script, url
  local threads=$(( $2 < 2 ? 1 : 2 ))
  FRONTDOOR_BENCH_TOKEN=$token FRONTDOOR_BENCH_EMAIL=$email FRONTDOOR_BENCH_PASSWORD=$password \
    wrk -t"$threads" -c"$2" -d5s -s "$3" "$4" >/dev/null   # warm-up
  FRONTDOOR_BENCH_TOKEN=$token FRONTDOOR_BENCH_EMAIL=$email FRONTDOOR_BENCH_PASSWORD=$password \
    wrk -t"$threads" -c"$2" -d"${secs}s" --latency -s "$3" "$4" > "/tmp/frontdoor-bench-$1.txt"
  printf '%-32s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$1" \
    "$(awk '/Requests\/sec/{print $2}' "/tmp/frontdoor-bench-$1.txt")" \
    "$(awk '$1=="50%"{print $2}' "/tmp/frontdoor-bench-$1.txt")" \
    "$(awk '$1=="99%"{print $2}' "/tmp/frontdoor-bench-$1.txt")" \
    "$(awk '/Non-2xx/{print $4}' "/tmp/frontdoor-bench-$1.txt" | grep . || echo 0)"
}
echo "auth-service, $(nproc) cores, ${secs}s per measurement (wrk shares the cores)"
run introspection-c32 32 introspect.lua "$auth/internal/sessions/introspect"
run login-c1 1 login.lua "$auth/api/auth/login"
run login-c4 4 login.lua "$auth/api/auth/login"
