#!/usr/bin/env bash
# Gateway benchmark, side by side in one run on loopback: a trivial upstream (an nginx answering "ok") reached
#   1. directly, 2. through a second nginx as a plain reverse proxy (keep-alive upstream), 3. through edge-gateway
#   with a valid session cookie on the protected /dashboard (signature + expiry checked on every request),
#   4. through the floor: the least a reverse proxy on Vert.x can do (bench/VertxFloorProxy.java, no features), and
#   5. the Next.js 16 reference app's cookie-checking proxy on /dashboard (../shared/peers/nextjs).
# The three proxies are measured in alternating rounds and averaged: one run on 2 shared cores varies by ~10%.
# Needs wrk and nginx (apt-get install wrk nginx-light), node/npm for the peer, and a built gateway
# (./mvnw package -pl edge-gateway -am). Rate limits are off in the gateway here: nginx has none either.
# Usage: bench/gateway.sh [seconds per measurement, default 10] [rounds, default 2]
# BASELINE_APP=<another build's edge-gateway/target/quarkus-app> also runs that gateway in the same rounds and prints
# this build ÷ baseline (how a change moved throughput, measured side by side rather than across noisy runs).
# BASELINE_JVM_OPTIONS="-Xmx256m ..." runs the baseline with those JVM options instead of the gateway's jvm.options
# (how a change of settings moved it).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk25.sh
. bench/lib.sh
secs=${1:-10}
rounds=${2:-2}
bench_require wrk wrk; bench_require nginx nginx-light
jar=edge-gateway/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build the gateway first: ./mvnw -B package -DskipTests -pl edge-gateway -am" >&2; exit 1; }

dir="$bench_work/gateway"
for pidfile in "$dir"/nginx*.pid; do   # left by an interrupted run
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null && sleep 0.5
done
rm -rf "$dir"; mkdir -p "$dir"
token=$(java bench/MintSession.java "$dir/jwks.json")
# nginx_conf name http-block-body: one nginx process per role, each with its own pid and error log.
nginx_conf() {
  cat > "$dir/nginx-$1.conf" <<NGINX
worker_processes auto;
pid $dir/nginx-$1.pid;
error_log $dir/nginx-$1-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
$2
}
NGINX
}
nginx_conf upstream "  server {
    listen 127.0.0.1:18090;
    location = /jwks.json { default_type application/json; alias $dir/jwks.json; }
    location / { default_type text/plain; return 200 \"ok\\n\"; }
  }"
# The proxying nginx is its own process, as the gateway is: both pay for reaching the upstream across processes.
nginx_conf proxy "  upstream trivial { server 127.0.0.1:18090; keepalive 64; }
  server {
    listen 127.0.0.1:18091;
    location / {
      proxy_pass http://trivial;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }"
gateway_pid=""; floor_pid=""; baseline_pid=""
cleanup() {
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null || true
  [ -n "$baseline_pid" ] && kill "$baseline_pid" 2>/dev/null || true
  [ -n "$floor_pid" ] && kill "$floor_pid" 2>/dev/null || true
  for pidfile in "$dir"/nginx*.pid; do [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true; done
  nextjs_peer_stop
}
trap cleanup EXIT
nginx -c "$dir/nginx-upstream.conf" -p "$dir"
nginx -c "$dir/nginx-proxy.conf" -p "$dir"
java -Xmx256m -cp "edge-gateway/target/quarkus-app/lib/main/*" bench/VertxFloorProxy.java 18094 18090 \
  > "$dir/floor.log" 2>&1 &
floor_pid=$!

# start_gateway jar port management-port log jvm-options: the gateway in front of the trivial upstream, rate limits off.
start_gateway() {
  # shellcheck disable=SC2086 # one option per word
  java $5 -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$2" -Dquarkus.management.port="$3" \
    -Dfrontdoor.gateway.upstreams.auth.urls=http://127.0.0.1:18090 \
    -Dfrontdoor.gateway.upstreams.content.urls=http://127.0.0.1:18090 \
    -Dfrontdoor.gateway.upstreams.image.urls=http://127.0.0.1:18090 \
    -Dfrontdoor.gateway.session.jwks-url=http://127.0.0.1:18090/jwks.json \
    -Dfrontdoor.gateway.rate-limits.enabled=false -Dquarkus.redis.hosts=redis://127.0.0.1:1 \
    -jar "$1" > "$4" 2>&1 &
}
start_gateway "$jar" 18092 18093 "$dir/gateway.log" "$(bench_jvm edge-gateway)"
gateway_pid=$!
bench_wait http://127.0.0.1:18093/q/health/ready 60
if [ -n "${BASELINE_APP:-}${BASELINE_JVM_OPTIONS:-}" ]; then
  baseline_app=${BASELINE_APP:-edge-gateway/target/quarkus-app}
  start_gateway "$baseline_app/quarkus-run.jar" 18096 18097 "$dir/baseline.log" \
    "${BASELINE_JVM_OPTIONS:-@edge-gateway/src/main/jvm/jvm.options}"
  baseline_pid=$!
  bench_wait http://127.0.0.1:18097/q/health/ready 60
  wrk -t2 -c32 -d15s -H "Cookie: session=$token" http://127.0.0.1:18096/dashboard >/dev/null
fi
bench_wait http://127.0.0.1:18094/dashboard 60
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: session=$token" http://127.0.0.1:18092/dashboard)" = 200 ] \
  || { echo "the gateway did not accept the minted session" >&2; exit 1; }
nextjs_peer_start >/dev/null
peer_token=$(nextjs_session)
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: session=$peer_token" http://127.0.0.1:3000/dashboard)" = 200 ] \
  || { echo "the Next.js peer did not accept its session" >&2; exit 1; }

# The JVM compiles its hot paths in the first seconds: warm up before anything is measured.
wrk -t2 -c32 -d15s -H "Cookie: session=$token" http://127.0.0.1:18092/dashboard >/dev/null
wrk -t2 -c32 -d10s http://127.0.0.1:18094/dashboard >/dev/null
echo "Gateway benchmark: $(nproc) cores shared with wrk, ${secs}s per measurement, GET /dashboard"
echo "-- throughput, 32 connections ($rounds alternating rounds)"
bench_wrk direct-c32 32 "$secs" http://127.0.0.1:18090/dashboard
nginx_sum=0; gateway_sum=0; floor_sum=0; baseline_sum=0
for round in $(seq 1 "$rounds"); do
  bench_wrk "nginx-proxy-c32-r$round" 32 "$secs" http://127.0.0.1:18091/dashboard
  nginx_sum=$(awk -v a="$nginx_sum" -v b="$BENCH_RPS" 'BEGIN{print a+b}')
  bench_wrk "gateway-session-c32-r$round" 32 "$secs" http://127.0.0.1:18092/dashboard "Cookie: session=$token"
  gateway_sum=$(awk -v a="$gateway_sum" -v b="$BENCH_RPS" 'BEGIN{print a+b}')
  bench_wrk "vertx-floor-c32-r$round" 32 "$secs" http://127.0.0.1:18094/dashboard
  floor_sum=$(awk -v a="$floor_sum" -v b="$BENCH_RPS" 'BEGIN{print a+b}')
  if [ -n "$baseline_pid" ]; then
    bench_wrk "baseline-session-c32-r$round" 32 "$secs" http://127.0.0.1:18096/dashboard "Cookie: session=$token"
    baseline_sum=$(awk -v a="$baseline_sum" -v b="$BENCH_RPS" 'BEGIN{print a+b}')
  fi
done
bench_wrk nextjs-proxy-c32 32 "$secs" http://127.0.0.1:3000/dashboard "Cookie: session=$peer_token"; nextjs=$BENCH_RPS
nginx=$(awk -v s="$nginx_sum" -v n="$rounds" 'BEGIN{printf "%.0f", s/n}')
gateway=$(awk -v s="$gateway_sum" -v n="$rounds" 'BEGIN{printf "%.0f", s/n}')
floor=$(awk -v s="$floor_sum" -v n="$rounds" 'BEGIN{printf "%.0f", s/n}')
echo "-- latency, 1 connection"
bench_wrk direct-c1 1 "$secs" http://127.0.0.1:18090/dashboard;                                   direct_p50=$BENCH_P50_MS
bench_wrk nginx-proxy-c1 1 "$secs" http://127.0.0.1:18091/dashboard;                              nginx_p50=$BENCH_P50_MS
bench_wrk gateway-session-c1 1 "$secs" http://127.0.0.1:18092/dashboard "Cookie: session=$token"; gateway_p50=$BENCH_P50_MS
echo "-- memory after the run (RSS)"
echo "edge-gateway $(( $(ps -o rss= -p "$gateway_pid") / 1024 )) MiB;  Vert.x floor $(( $(ps -o rss= -p "$floor_pid") / 1024 )) MiB;  next start $(( $(ps -o rss= -p "$(cat "$bench_work/nextjs/.run/next.pid")") / 1024 )) MiB"
echo "-- ratios (throughput averaged over $rounds rounds: nginx $nginx, gateway $gateway, Vert.x floor $floor req/s)"
echo "gateway / nginx throughput:      $(bench_ratio "$gateway" "$nginx")   (target >= 0.8)"
echo "Vert.x floor / nginx throughput: $(bench_ratio "$floor" "$nginx")   (no features: the most a Vert.x proxy reaches here)"
echo "gateway / Vert.x floor:          $(bench_ratio "$gateway" "$floor")   (what routing, the session check and headers cost)"
echo "gateway / Next.js throughput:    $(bench_ratio "$gateway" "$nextjs")   (target >= 3)"
if [ -n "$baseline_pid" ]; then
  echo "gateway / baseline throughput:   $(bench_ratio "$gateway_sum" "$baseline_sum")   (this build ÷ ${BASELINE_APP:-this jar} ${BASELINE_JVM_OPTIONS:+with $BASELINE_JVM_OPTIONS}, same rounds)"
fi
echo "gateway added p50 latency:       $(awk -v g="$gateway_p50" -v d="$direct_p50" 'BEGIN{printf "%.3f", g-d}') ms (target < 1 ms; nginx adds $(awk -v g="$nginx_p50" -v d="$direct_p50" 'BEGIN{printf "%.3f", g-d}') ms)"
