#!/usr/bin/env bash
# Image optimizer benchmark, side by side in one run on loopback, same input for all: the Next.js 16 reference
# app's optimizer (sharp) and image-service (libvips through FFM) twice, on Debian's libvips 8.14 and on the
# prebuilt libvips 8.18 that sharp itself runs on (bin/libvips-prebuilt.sh), all fetching a 2400×1600 JPEG from the
# peer's image server (127.0.0.1:3001) and answering w=640 q=75 as WebP (Accept: image/webp), 2 client connections.
#   misses: every request names a new URL (symlinks to the same photo), so each one fetches, decodes, resizes and
#           encodes; measured warm (after 30 s of misses) and cold (the first 10 s); hits: one URL, already cached.
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
rm -rf "$dir"; mkdir -p "$dir/images/m"
service_pids=()
cleanup() {
  for pid in "${service_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
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

start_image_service() { # name port [libvips]: one image-service, its own disk cache
  mkdir -p "$dir/cache-$1"
  # shellcheck disable=SC2046 # one option per word
  java $(bench_jvm image-service) -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$2" \
    ${3:+-Dfrontdoor.image.libvips=$3} -Dfrontdoor.image.formats=image/avif,image/webp \
    -Dfrontdoor.image.remote-patterns[0].protocol=http -Dfrontdoor.image.remote-patterns[0].hostname=127.0.0.1 \
    -Dfrontdoor.image.remote-patterns[0].port=3001 -Dfrontdoor.image.allowed-networks=127.0.0.1/32 \
    -Dfrontdoor.image.cache.directory="$dir/cache-$1" -jar "$jar" > "$dir/$1.log" 2>&1 &
  service_pids+=($!)
  bench_wait "http://127.0.0.1:$2/q/health/ready" 60
}
start_image_service image-service 18094
start_image_service image-service-prebuilt 18095 "$(bin/libvips-prebuilt.sh)"

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
for base in http://127.0.0.1:18094 http://127.0.0.1:18095 http://127.0.0.1:3000; do
  [ "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' -H 'Accept: image/webp' "$base$hit_path")" = "200 image/webp" ] \
    || { echo "$base did not optimise the photo to WebP" >&2; exit 1; }
done

misses() { # label base-url: the first 10 s after start (cold), 20 s more warm-up, then the measurement (warm),
  # each on its own range of names. At ~35 misses a second the JIT needs that long: after 10 s the JVM's C2 compiler
  # still took ~6% of the CPU (perf), and Node.js's rate no longer changes after 10 s.
  local w=(wrk -t2 -c2 -s "$dir/misses.lua" -H "Accept: image/webp")
  BENCH_OFFSET=0 "${w[@]}" -d10s "$2" > "$bench_work/$1-cold.txt"
  BENCH_OFFSET=2000 "${w[@]}" -d20s "$2" >/dev/null
  BENCH_OFFSET=100000 "${w[@]}" -d"${secs}s" --latency "$2" > "$bench_work/$1.txt"
  BENCH_COLD_RPS=$(awk '/Requests\/sec/{print $2}' "$bench_work/$1-cold.txt")
  BENCH_RPS=$(awk '/Requests\/sec/{print $2}' "$bench_work/$1.txt")
  local n; n=$(awk '/requests in/{print $1}' "$bench_work/$1.txt")
  [ "$n" -lt 16000 ] || echo "warning: more requests than distinct names; some were hits" >&2
  printf '%-34s %10s req/s   p50 %8s   non-2xx %s   (first 10 s: %s req/s)\n' "$1" "$BENCH_RPS" \
    "$(awk '$1=="50%"{print $2}' "$bench_work/$1.txt")" \
    "$(awk '/Non-2xx/{print $5}' "$bench_work/$1.txt" | grep . || echo 0)" "$BENCH_COLD_RPS"
  bench_no_errors "$1-cold"
  bench_no_errors "$1"
}

echo "Image benchmark: $(nproc) cores shared with wrk, ${secs}s per measurement, 2400x1600 JPEG -> w=640 WebP q=75, 2 connections"
echo "-- cache misses (fetch + decode + resize + encode every request)"
misses image-service-miss http://127.0.0.1:18094;          ours_miss=$BENCH_RPS ours_cold=$BENCH_COLD_RPS
misses image-service-prebuilt-miss http://127.0.0.1:18095; prebuilt_miss=$BENCH_RPS prebuilt_cold=$BENCH_COLD_RPS
misses nextjs-miss http://127.0.0.1:3000;                  next_miss=$BENCH_RPS next_cold=$BENCH_COLD_RPS
echo "-- cache hits"
bench_wrk image-service-hit 2 "$secs" "http://127.0.0.1:18094$hit_path" "Accept: image/webp"; ours_hit=$BENCH_RPS
bench_wrk image-service-prebuilt-hit 2 "$secs" "http://127.0.0.1:18095$hit_path" "Accept: image/webp"; prebuilt_hit=$BENCH_RPS
bench_wrk nextjs-hit 2 "$secs" "http://127.0.0.1:3000$hit_path" "Accept: image/webp";         next_hit=$BENCH_RPS
echo "-- memory after the run (RSS)"
echo "image-service $(( $(ps -o rss= -p "${service_pids[0]}") / 1024 )) MiB;" \
  "with the prebuilt libvips $(( $(ps -o rss= -p "${service_pids[1]}") / 1024 )) MiB;" \
  "next start $(( $(ps -o rss= -p "$(cat "$bench_work/nextjs/.run/next.pid")") / 1024 )) MiB"
echo "-- ratios (image-service on Debian's libvips 8.14 | on the prebuilt libvips 8.18 that sharp runs on)"
echo "misses: image-service / Next.js: $(bench_ratio "$ours_miss" "$next_miss") | $(bench_ratio "$prebuilt_miss" "$next_miss")   (target >= 1.0)"
echo "misses, first 10 s after start: $(bench_ratio "$ours_cold" "$next_cold") | $(bench_ratio "$prebuilt_cold" "$next_cold")"
echo "hits:   image-service / Next.js: $(bench_ratio "$ours_hit" "$next_hit") | $(bench_ratio "$prebuilt_hit" "$next_hit")   (target >= 2)"
