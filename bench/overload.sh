#!/usr/bin/env bash
# Overload benchmark for the gateway's admission control: 300 requests at once (hey, 300 connections) to an upstream
# that takes 5 s and is limited to 50 in flight with no waiting room (bench/SlowUpstream.java). Reports how many were
# refused (503), the refusals' latency, what reached the upstream, and the management port's health latency during
# the spike; first cold (right after start), then again after a warm-up. Fails when a request got anything but 200
# or 503, or when the upstream saw more than the limit.
# Needs hey (apt-get install hey) and a built gateway (./mvnw package -pl edge-gateway -am).
# Usage: bench/overload.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk25.sh
. bench/lib.sh
bench_require hey hey; bench_require curl curl
jar=edge-gateway/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build the gateway first: ./mvnw -B package -DskipTests -pl edge-gateway -am" >&2; exit 1; }
dir="$bench_work/overload"; rm -rf "$dir"; mkdir -p "$dir"
spike=300; limit=50
gateway_pid=""; upstream_pid=""
cleanup() {
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null || true
  [ -n "$upstream_pid" ] && kill "$upstream_pid" 2>/dev/null || true
}
trap cleanup EXIT
java bench/SlowUpstream.java 18095 5000 > "$dir/upstream.log" 2>&1 &
upstream_pid=$!
# shellcheck disable=SC2046 # one option per word
java $(bench_jvm edge-gateway) -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18092 -Dquarkus.management.port=18093 \
  -Dfrontdoor.gateway.upstreams.auth.urls=http://127.0.0.1:18095 \
  -Dfrontdoor.gateway.upstreams.content.urls=http://127.0.0.1:18095 \
  -Dfrontdoor.gateway.upstreams.image.urls=http://127.0.0.1:18095 \
  -Dfrontdoor.gateway.upstreams.content.max-in-flight=$limit -Dfrontdoor.gateway.upstreams.content.max-waiting=0 \
  -Dfrontdoor.gateway.session.jwks-url=http://127.0.0.1:18095/jwks.json \
  -Dfrontdoor.gateway.rate-limits.enabled=false -Dquarkus.redis.hosts=redis://127.0.0.1:1 \
  -jar "$jar" > "$dir/gateway.log" 2>&1 &
gateway_pid=$!
bench_wait http://127.0.0.1:18095/count 60
bench_wait http://127.0.0.1:18093/q/health/live 60

# spike label: 300 requests at once, health probed every 20 ms meanwhile; prints one line of figures.
spike() {
  local label=$1 before after
  before=$(curl -s http://127.0.0.1:18095/count)
  : > "$dir/health-$label.txt"
  ( for _ in $(seq 1 200); do
      curl -s -o /dev/null -w '%{time_total}\n' http://127.0.0.1:18093/q/health/live >> "$dir/health-$label.txt"
      sleep 0.02
      [ -f "$dir/spike-$label.done" ] && break
    done ) &
  local prober=$!
  hey -n "$spike" -c "$spike" -t 30 -o csv http://127.0.0.1:18092/blog/overload > "$dir/spike-$label.csv"
  touch "$dir/spike-$label.done"; wait "$prober"
  after=$(curl -s http://127.0.0.1:18095/count)
  # hey's csv: response-time (s), DNS+dialup, DNS, request-write, response-delay, response-read, status-code, offset
  awk -F, 'NR > 1 && $7 == 503 { printf "%.3f\n", $1 * 1000 }' "$dir/spike-$label.csv" | sort -n > "$dir/refused-$label.txt"
  # hey's own share: 300 connections set up at once by a client on the same 2 cores. The wait from the request
  # written to the first byte of the answer is the gateway's.
  awk -F, 'NR > 1 && $7 == 503 { printf "%.3f\n", $5 * 1000 }' "$dir/spike-$label.csv" | sort -n \
    | awk -v label="$label" '{ t[n++] = $1 } END { printf "%-5s refusals, request written to answer: p50 %.1f ms, p99 %.1f ms\n",
        label, t[int(n * 0.5)], t[int(n * 0.99) < n ? int(n * 0.99) : n - 1] }'
  local refused served other
  refused=$(wc -l < "$dir/refused-$label.txt")
  served=$(awk -F, 'NR > 1 && $7 == 200' "$dir/spike-$label.csv" | wc -l)
  other=$(awk -F, 'NR > 1 && $7 != 200 && $7 != 503' "$dir/spike-$label.csv" | wc -l)
  awk -v label="$label" -v spike="$spike" -v refused="$refused" -v served="$served" -v seen="$((after - before))" \
      -v limit="$limit" '{ t[n++] = $1 } END {
        printf "%-5s %d requests: %d refused (503) p50 %.1f ms p99 %.1f ms; %d served; upstream saw %d (limit %d)\n",
          label, spike, refused, t[int(n * 0.5)], t[int(n * 0.99) < n ? int(n * 0.99) : n - 1], served, seen, limit }' \
      "$dir/refused-$label.txt"
  if [ "$other" -gt 0 ] || [ $((after - before)) -gt "$limit" ] || [ "$refused" -lt $((spike - limit)) ]; then
    echo "FAILED: $other answers other than 200/503, or more than the limit reached the upstream" >&2; exit 1
  fi
  sort -n "$dir/health-$label.txt" | awk -v label="$label" '{ t[n++] = $1 * 1000 }
    END { printf "%-5s health during the spike: %d probes, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", label, n,
          t[int(n * 0.5)], t[int(n * 0.99)], t[n - 1] }'
  sleep 5.5   # the admitted requests finish
}

echo "Overload benchmark: $(nproc) cores shared with hey; $spike requests at once, upstream 5 s, limit $limit in flight"
spike cold
# Warm the forwarding and refusal paths up: fast requests would not exercise refusals, so repeat spikes.
for _ in 1 2 3; do hey -n "$spike" -c "$spike" -t 30 http://127.0.0.1:18092/blog/warm > /dev/null; sleep 5.5; done
spike warm
