#!/usr/bin/env bash
# Cached page benchmark, side by side in one run: a post page (/blog/<slug>) of the real local system through the
# gateway (bin/up: gateway → content-service, route cache in Redis) against the Next.js 16 reference app's ISR page
# (/blog/post-1, revalidate = 60, prerendered). Both are cache hits: the measurement is serving a cached page.
# The gateway's per-IP rate limit is switched off for the run (one client IP sends everything).
# Needs wrk (apt-get install wrk) and node/npm for the peer. Usage: bench/content.sh [seconds, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
secs=${1:-10}
bench_require wrk wrk
dir="$bench_work/content"; mkdir -p "$dir"
cleanup() { bin/down --quiet; nextjs_peer_stop; }
trap cleanup EXIT

FRONTDOOR_GATEWAY_RATE_LIMITS_ENABLED=false bin/up > "$dir/up.log" 2>&1 &
bench_wait http://127.0.0.1:8080/blog 300
slug=$(curl -fsS http://127.0.0.1:8080/sitemap.xml | grep -o '/blog/[a-z0-9-]*' | head -1)
[ -n "$slug" ] || { echo "no post to measure (demo content missing?)" >&2; exit 1; }
# The page must be a cache hit (an entry kept from an earlier run is refreshed first: STALE, then HIT).
for i in $(seq 1 20); do
  [ "$(curl -s -o /dev/null -w '%header{x-cache}' "http://127.0.0.1:8080$slug")" = HIT ] && break
  [ "$i" = 20 ] && { echo "the post page is not a cache hit" >&2; exit 1; }
  sleep 0.5
done
nextjs_peer_start >/dev/null
curl -fsS -o /dev/null http://127.0.0.1:3000/blog/post-1

# Warm-up (JIT on our side), then the measurements.
wrk -t2 -c32 -d15s "http://127.0.0.1:8080$slug" >/dev/null
wrk -t2 -c32 -d5s http://127.0.0.1:3000/blog/post-1 >/dev/null
echo "Cached page benchmark: $(nproc) cores shared with wrk, ${secs}s, 32 connections"
bench_wrk frontdoor-gateway-post 32 "$secs" "http://127.0.0.1:8080$slug"; ours=$BENCH_RPS
bench_wrk nextjs-isr-post 32 "$secs" http://127.0.0.1:3000/blog/post-1; theirs=$BENCH_RPS
# As browsers ask: gzip (next start compresses by default; content-service keeps its pages compressed once).
bench_wrk frontdoor-gateway-post-gzip 32 "$secs" "http://127.0.0.1:8080$slug" "Accept-Encoding: gzip"; ours_gz=$BENCH_RPS
bench_wrk nextjs-isr-post-gzip 32 "$secs" http://127.0.0.1:3000/blog/post-1 "Accept-Encoding: gzip"; theirs_gz=$BENCH_RPS
size() { curl -s -H "Accept-Encoding: $2" "$1" | wc -c; }
echo "-- sizes: ours $(size "http://127.0.0.1:8080$slug" identity) bytes, gzip $(size "http://127.0.0.1:8080$slug" gzip);" \
  "Next.js $(size http://127.0.0.1:3000/blog/post-1 identity) bytes, gzip $(size http://127.0.0.1:3000/blog/post-1 gzip)"
echo "-- memory after the run (RSS)"
rss() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }
echo "gateway $(rss "$(cat .frontdoor/run/edge-gateway.pid)") MiB + content-service $(rss "$(cat .frontdoor/run/content-service.pid)") MiB;  next start $(rss "$(cat "$bench_work/nextjs/.run/next.pid")") MiB"
echo "-- ratio"
echo "Frontdoor (gateway + content) / Next.js ISR: $(bench_ratio "$ours" "$theirs")   (target >= 1.5)"
echo "  the same, gzip: $(bench_ratio "$ours_gz" "$theirs_gz");  ours gzip / ours plain: $(bench_ratio "$ours_gz" "$ours")"
