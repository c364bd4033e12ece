#!/bin/sh
# Records the JDK's AOT cache of the service in the current directory (app.aot, next to quarkus-run.jar), run by
# jvm.Dockerfile while the image is built, as the user and with the JDK and paths the container will have. There is no
# PostgreSQL, Redis or other service during an image build, so this trains on start-up alone: the service starts
# without migrating or connecting (it connects lazily), is stopped once it reports "started", and writes the cache as
# it exits. bin/up trains on a mixed workload instead (AotTraining), which also records method profiles.
set -eu
log=$(mktemp)
# shellcheck disable=SC2086 # TRAINING_OPTS is a list of options
java @jvm.options -XX:AOTCacheOutput=app.aot -Dquarkus.flyway.migrate-at-start=false \
  -Dfrontdoor.auth.keys.generate-if-missing=true ${TRAINING_OPTS:-} -jar quarkus-run.jar > "$log" 2>&1 &
pid=$!
i=0
while [ $i -lt 600 ] && kill -0 $pid 2>/dev/null && ! grep -q "started in" "$log"; do
  sleep 0.1; i=$((i + 1))
done
grep -q "started in" "$log" || { cat "$log" >&2; echo "the service did not start for AOT training" >&2; exit 1; }
kill -TERM $pid
wait $pid || true
test -s app.aot || { cat "$log" >&2; echo "no AOT cache was written" >&2; exit 1; }
rm -f "$log"
echo "AOT cache: $(wc -c < app.aot) bytes"
