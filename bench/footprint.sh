#!/usr/bin/env bash
# Footprint and warm-up, side by side in one run with the Next.js 16 reference app (`next start`):
#   - resident memory (RSS) of each service idle, and after a fixed load (the same for the peer): 20 s each of the
#     signed-in dashboard, a cached post page and an image hit, 8 connections;
#   - time from process start to ready: all four together (bin/up), and each service started alone (a second
#     instance with the running one's exact command line and environment, on other ports);
#   - the throughput of the first 10 s of load after start as a share of warm throughput on the same path (the
#     dashboard through the gateway started alone above; image hits on the image-service started alone).
# Starts bin/up itself (and stops it; a first start trains the AOT cache and is not timed), and the peer (needs npm). Needs wrk. Loopback only; every run is bounded.
# Usage: bench/footprint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk25.sh
. bench/lib.sh
bench_require wrk wrk
dir="$bench_work/footprint"; rm -rf "$dir"; mkdir -p "$dir"
run=.frontdoor/run
G=http://127.0.0.1:8080
extra_pids=()
cleanup() {
  for pid in "${extra_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  bin/down >/dev/null 2>&1 || true
  [ -d "$bench_work/nextjs" ] && nextjs_peer_stop
}
trap cleanup EXIT
now_ms() { date +%s%3N; }
rss_mib() { awk '/VmRSS/{printf "%d", $2/1024}' "/proc/$1/status"; }
wait_ready() { # url -> ms waited
  local start; start=$(now_ms)
  for _ in $(seq 1 600); do curl -fsS -o /dev/null "$1" 2>/dev/null && { echo $(( $(now_ms) - start )); return; }; sleep 0.05; done
  echo "$1 never became ready" >&2; exit 1
}

# --- all four together: bin/up from launch to "Frontdoor is up" (built beforehand, so this is start-up only) ---
./mvnw -B -q package -DskipTests >/dev/null
bin/down >/dev/null 2>&1 || true
# A first, untimed start: bin/up builds what it needs and trains the JDK's AOT cache for this build (once per build).
FRONTDOOR_GATEWAY_RATE_LIMITS_ENABLED=false bin/up > "$dir/first-up.log" 2>&1 &
for _ in $(seq 1 3000); do grep -q "Frontdoor is up" "$dir/first-up.log" && break; sleep 0.1; done
grep -q "Frontdoor is up" "$dir/first-up.log" || { echo "bin/up did not come up: $dir/first-up.log" >&2; exit 1; }
bin/down >/dev/null 2>&1
start=$(now_ms)
# One client address makes all the load: the gateway's per-address rate limit is off for this run (as in
# bench/gateway.sh; nginx and next start have none either).
FRONTDOOR_GATEWAY_RATE_LIMITS_ENABLED=false bin/up > "$dir/up.log" 2>&1 &
for _ in $(seq 1 1200); do grep -q "Frontdoor is up" "$dir/up.log" && break; sleep 0.1; done
grep -q "Frontdoor is up" "$dir/up.log" || { echo "bin/up did not come up: $dir/up.log" >&2; exit 1; }
together_ms=$(( $(now_ms) - start ))
declare -A pid started
for s in edge-gateway auth-service content-service image-service; do
  pid[$s]=$(cat "$run/$s.pid")
  started[$s]=$(grep -o 'started in [0-9.]*s' ".frontdoor/logs/$s.log" | tail -1 | grep -o '[0-9.]*')
done

# --- each alone: a copy of the running process (same command line and environment) on free ports ---
declare -A alone_ms
port=18200
for s in auth-service content-service image-service edge-gateway; do
  port=$((port + 2))
  mapfile -d '' cmd < "/proc/${pid[$s]}/cmdline"
  mapfile -d '' envv < "/proc/${pid[$s]}/environ"
  args=()
  for a in "${cmd[@]}"; do
    case "$a" in -Dquarkus.http.port=*|-Dquarkus.management.port=*) ;; *) args+=("$a") ;; esac
  done
  # JVM options go before -jar: insert the ports right after the java executable.
  (cd "/proc/${pid[$s]}/cwd" && exec env -i "${envv[@]}" "${args[0]}" -Dquarkus.http.port=$port \
     -Dquarkus.management.port=$((port + 1)) "${args[@]:1}" > "$dir/$s-alone.log" 2>&1) &
  extra_pids+=($!)
  health="http://127.0.0.1:$port/q/health/ready"
  [ "$s" = edge-gateway ] && health="http://127.0.0.1:$((port + 1))/q/health/ready"
  alone_ms[$s]=$(wait_ready "$health")
  declare "alone_port_${s//-/_}=$port"
done

# --- Next.js: start to ready (set up and built beforehand, as the services are), idle RSS ---
nextjs_peer_start >/dev/null
nextjs_peer_stop
start=$(now_ms); nextjs_peer_start >/dev/null; next_ready_ms=$(( $(now_ms) - start ))
next_pid=$(cat "$bench_work/nextjs/.run/next.pid")
peer_token=$(nextjs_session)
sleep 5
declare -A idle after
for s in edge-gateway auth-service content-service image-service; do idle[$s]=$(rss_mib "${pid[$s]}"); done
next_idle=$(rss_mib "$next_pid")

# --- the same fixed load on both ---
email="footprint-$(date +%s%N)@example.test"
cookie=$(curl -fsS -c - -H 'Content-Type: application/json' -H "Origin: $G" \
  -d "{\"name\":\"Footprint\",\"email\":\"$email\",\"password\":\"Tr0ub4dor&3-horse\"}" "$G/api/auth/signup" \
  | awk '$6=="session"{print $7}')
post=$(curl -fsS "$G/blog" | grep -o 'href="/blog/[a-z0-9-]*"' | head -1 | cut -d'"' -f2)
image='/_next/image?url=%2Fimages%2Fforest.jpg&w=640&q=75'
curl -fsS -o /dev/null -H 'Accept: image/webp' "$G$image"
load() { # label base cookie post image
  bench_wrk "$1-dashboard" 8 20 "$2/dashboard" "Cookie: session=$3" >/dev/null
  bench_wrk "$1-post" 8 20 "$2$4" >/dev/null
  bench_wrk "$1-image" 8 20 "$2$5" "Accept: image/webp" >/dev/null
}
load frontdoor "$G" "$cookie" "$post" "$image"
load nextjs http://127.0.0.1:3000 "$peer_token" /blog/post-1 \
  '/_next/image?url=http%3A%2F%2F127.0.0.1%3A3001%2Fphoto.jpg&w=640&q=75'
for s in edge-gateway auth-service content-service image-service; do after[$s]=$(rss_mib "${pid[$s]}"); done
next_after=$(rss_mib "$next_pid")

# --- the first 10 s of load on an instance that has served nothing yet, against the same instance warm ---
cold_vs_warm() { # label url header
  wrk -t2 -c8 -d10s -H "$3" "$2" > "$dir/$1-cold.txt"
  wrk -t2 -c8 -d30s -H "$3" "$2" > /dev/null
  wrk -t2 -c8 -d10s -H "$3" "$2" > "$dir/$1-warm.txt"
  echo "$(awk '/Requests\/sec/{print $2}' "$dir/$1-cold.txt") $(awk '/Requests\/sec/{print $2}' "$dir/$1-warm.txt")"
}
read -r gw_cold gw_warm < <(cold_vs_warm gateway-fresh "http://127.0.0.1:$alone_port_edge_gateway/dashboard" \
  "Cookie: session=$cookie")
read -r img_cold img_warm < <(cold_vs_warm image-fresh "http://127.0.0.1:$alone_port_image_service$image" \
  "Accept: image/webp")

total_idle=0; total_after=0
echo "Footprint: $(nproc) cores, one run; Next.js 16 ('next start') measured alongside"
printf '%-16s %10s %12s %14s %16s\n' "" "RSS idle" "RSS loaded" "ready alone" "started in (all)"
for s in edge-gateway auth-service content-service image-service; do
  printf '%-16s %7s MiB %9s MiB %11s ms %14s s\n' "$s" "${idle[$s]}" "${after[$s]}" "${alone_ms[$s]}" "${started[$s]}"
  total_idle=$((total_idle + idle[$s])); total_after=$((total_after + after[$s]))
done
printf '%-16s %7s MiB %9s MiB\n' "all four" "$total_idle" "$total_after"
printf '%-16s %7s MiB %9s MiB %11s ms\n' "next start" "$next_idle" "$next_after" "$next_ready_ms"
echo "bin/up, launch to 'Frontdoor is up' (built, AOT cache trained): $together_ms ms"
for s in edge-gateway auth-service content-service image-service; do
  grep -q -- "-XX:AOTCache=" "/proc/${pid[$s]}/cmdline" 2>/dev/null || echo "  note: $s ran without an AOT cache"
done
echo "all four ÷ next start, RSS loaded: $(bench_ratio "$total_after" "$next_after")   (target <= 2.5)"
echo "first 10 s ÷ warm: dashboard via a fresh gateway $(bench_ratio "$gw_cold" "$gw_warm") ($gw_cold vs $gw_warm req/s);" \
  "image hits on a fresh image-service $(bench_ratio "$img_cold" "$img_warm") ($img_cold vs $img_warm req/s)   (target >= 0.7)"
