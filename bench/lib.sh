# Shared by the benchmark scripts (sourced). Loopback only; every wrk run is bounded in time.
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_work="$bench_root/.frontdoor/bench"
. "$bench_root/bin/aot.sh"
mkdir -p "$bench_work"

bench_require() { # command, Debian package
  command -v "$1" >/dev/null || { echo "$1 is missing: apt-get install $2" >&2; exit 1; }
}

bench_wait() { # url, [seconds]
  for _ in $(seq 1 $(( ${2:-60} * 5 ))); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "$1 did not answer" >&2; return 1
}

# bench_wrk label connections duration url [header...]: warms up, measures, prints one line, and leaves
# "$bench_work/<label>.txt" (wrk's full output) and BENCH_RPS / BENCH_P50_MS for the caller.
bench_wrk() {
  local label=$1 conns=$2 secs=$3 url=$4; shift 4
  local args=() threads=$(( conns < 2 ? 1 : 2 ))
  for h in "$@"; do args+=(-H "$h"); done
  wrk -t"$threads" -c"$conns" -d3s "${args[@]}" "$url" >/dev/null
  wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "${args[@]}" "$url" > "$bench_work/$label.txt"
  BENCH_RPS=$(awk '/Requests\/sec/{print $2}' "$bench_work/$label.txt")
  BENCH_P50_MS=$(awk '$1=="50%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$bench_work/$label.txt")
  local non2xx; non2xx=$(awk '/Non-2xx/{print $5}' "$bench_work/$label.txt"); non2xx=${non2xx:-0}
  printf '%-34s %10s req/s   p50 %7s ms   p99 %8s   non-2xx %s\n' "$label" "$BENCH_RPS" "$BENCH_P50_MS" \
    "$(awk '$1=="99%"{print $2}' "$bench_work/$label.txt")" "$non2xx"
  bench_no_errors "$label"
}

# bench_no_errors label: a run that got error answers (4xx/5xx) or socket errors measured something else; stop.
bench_no_errors() {
  local file="$bench_work/$1.txt"
  if grep -q "Non-2xx" "$file" || grep -q "Socket errors" "$file"; then
    echo "$1 got error answers, so it does not count:" >&2
    grep -E "Non-2xx|Socket errors" "$file" >&2
    exit 1
  fi
}

# bench_jvm <service>: the JVM options the service runs with everywhere (its jvm.options, and its AOT cache when one
# was trained for this build, as bin/up and FrontdoorSystem decide); BENCH_JVM_OPTIONS replaces them (e.g. to measure
# the settings of an earlier version side by side).
bench_jvm() {
  if [ -n "${BENCH_JVM_OPTIONS:-}" ]; then echo "$BENCH_JVM_OPTIONS"; return; fi
  echo "@$bench_root/$1/src/main/jvm/jvm.options"
  if frontdoor_aot_current "$bench_root/$1"; then echo "-XX:AOTCache=$bench_root/$1/target/quarkus-app/app.aot"; fi
}
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# The Next.js 16 reference app, copied out of the read-only shared/ folder and built once.
nextjs_peer_start() {
  local src="$bench_root/../shared/peers/nextjs" dir="$bench_work/nextjs"
  [ -d "$src" ] || { echo "the Next.js peer is missing at $src" >&2; exit 1; }
  bench_require node nodejs; bench_require npm npm
  if [ ! -d "$dir/.next" ]; then
    rm -rf "$dir"; cp -r "$src" "$dir"; chmod -R u+w "$dir"
    (cd "$dir" && ./setup.sh) > "$bench_work/nextjs-setup.log" 2>&1 || { echo "Next.js peer setup failed: $bench_work/nextjs-setup.log" >&2; exit 1; }
  fi
  (cd "$dir" && ./stop.sh >/dev/null 2>&1 || true; ./start.sh)
}

nextjs_peer_stop() { (cd "$bench_work/nextjs" && ./stop.sh >/dev/null 2>&1 || true); }

nextjs_session() { (cd "$bench_work/nextjs" && node mint-session.mjs); }
