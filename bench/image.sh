#!/usr/bin/env bash
# Image optimizer benchmark, side by side in one run on loopback, same input for both: the Next.js 16 reference
# app's optimizer (sharp) and image-service (libvips through FFM), both fetching a 2400×1600 JPEG from the peer's
# image server (127.0.0.1:3001) and answering w=640 q=75 as WebP (Accept: image/webp), 2 client connections.
#   misses: every request names a new URL (symlinks to the same photo), so each one fetches, decodes, resizes and
#           encodes; hits: one URL, already cached.
# Needs wrk (apt-get install wrk), node/npm for the peer and a built image-service
# (./mvnw package -DskipTests -pl image-service -am). Usage: bench/image.sh [seconds per measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk25.sh
. bench/lib.sh
secs=${1:-10}
bench_require wrk wrk
jar=image-service/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build image-service first: ./mvnw -B package -DskipTests -pl image-service -am" >&2; exit 1; }

dir="$bench_work/image"
rm -rf "$dir"; mkdir -p "$dir/images/m" "$dir/cache"
service_pid=""
cleanup() {
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null || true
  nextjs_peer_stop
}
trap cleanup EXIT

# The peer generates the photo on its first start; its image server then serves our folder of names for it.
nextjs_peer_start >/dev/null
nextjs_peer_stop
cp "$bench_work/nextjs/.cache/peer-images/photo.jpg" "$dir/images/photo.jpg"
node -e 'const fs=require("fs"); for (const base of [0, 100000]) for (let i = 0; i < 8000; i++) fs.symlinkSync("../photo.jpg", process.argv[1] + "/p" + (base + i) + ".jpg")' "$dir/images/m"
(cd "$bench_work/nextjs" && PEER_IMAGE_DIR="$dir/images" ./start.sh >/dev/null)
rm -rf "$bench_work/nextjs/.next/cache/images"

# shellcheck disable=SC2046 # one option per word
java $(bench_jvm image-service) -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18094 \
  -Dfrontdoor.image.formats=image/avif,image/webp \
  -Dfrontdoor.image.remote-patterns[0].protocol=http -Dfrontdoor.image.remote-patterns[0].hostname=127.0.0.1 \
  -Dfrontdoor.image.remote-patterns[0].port=3001 -Dfrontdoor.image.allowed-networks=127.0.0.1/32 \
  -Dfrontdoor.image.cache.directory="$dir/cache" -jar "$jar" > "$dir/image-service.log" 2>&1 &
service_pid=$!
bench_wait http://127.0.0.1:18094/q/health/ready 60

cat > "$dir/misses.lua" <<'LUA'
-- A new source URL for every request: thread `id` takes every other number from BENCH_OFFSET on.
local threads, counter = 0, 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function request()
  counter = counter + 1
  local n = tonumber(os.getenv("BENCH_OFFSET")) + counter * 2 + id
  return wrk.format("GET", "/_next/image?url=http%3A%2F%2F127.0.0.1%3A3001%2Fm%2Fp" .. n .. ".jpg&w=640&q=75")
end
LUA
hit_path="/_next/image?url=http%3A%2F%2F127.0.0.1%3A3001%2Fphoto.jpg&w=640&q=75"
for base in http://127.0.0.1:18094 http://127.0.0.1:3000; do
  [ "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' -H 'Accept: image/webp' "$base$hit_path")" = "200 image/webp" ] \
    || { echo "$base did not optimise the photo to WebP" >&2; exit 1; }
done

misses() { # label base-url: 10 s warm-up (JIT) on one range of names, then the measurement on another
  BENCH_OFFSET=0 wrk -t2 -c2 -d10s -s "$dir/misses.lua" -H "Accept: image/webp" "$2" >/dev/null
  BENCH_OFFSET=100000 wrk -t2 -c2 -d"${secs}s" --latency -s "$dir/misses.lua" -H "Accept: image/webp" "$2" > "$bench_work/$1.txt"
  BENCH_RPS=$(awk '/Requests\/sec/{print $2}' "$bench_work/$1.txt")
  local n; n=$(awk '/requests in/{print $1}' "$bench_work/$1.txt")
  [ "$n" -lt 16000 ] || echo "warning: more requests than distinct names; some were hits" >&2
  printf '%-34s %10s req/s   p50 %8s   non-2xx %s\n' "$1" "$BENCH_RPS" "$(awk '$1=="50%"{print $2}' "$bench_work/$1.txt")" \
    "$(awk '/Non-2xx/{print $5}' "$bench_work/$1.txt" | grep . || echo 0)"
}

echo "Image benchmark: $(nproc) cores shared with wrk, ${secs}s per measurement, 2400x1600 JPEG -> w=640 WebP q=75, 2 connections"
echo "-- cache misses (fetch + decode + resize + encode every request)"
misses image-service-miss http://127.0.0.1:18094; ours_miss=$BENCH_RPS
misses nextjs-miss http://127.0.0.1:3000;         next_miss=$BENCH_RPS
echo "-- cache hits"
bench_wrk image-service-hit 2 "$secs" "http://127.0.0.1:18094$hit_path" "Accept: image/webp"; ours_hit=$BENCH_RPS
bench_wrk nextjs-hit 2 "$secs" "http://127.0.0.1:3000$hit_path" "Accept: image/webp";         next_hit=$BENCH_RPS
echo "-- memory after the run (RSS)"
echo "image-service $(( $(ps -o rss= -p "$service_pid") / 1024 )) MiB;  next start $(( $(ps -o rss= -p "$(cat "$bench_work/nextjs/.run/next.pid")") / 1024 )) MiB"
echo "-- ratios"
echo "misses: image-service / Next.js: $(bench_ratio "$ours_miss" "$next_miss")   (target >= 1.0)"
echo "hits:   image-service / Next.js: $(bench_ratio "$ours_hit" "$next_hit")   (target >= 2)"
