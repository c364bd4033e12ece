# Sourced by bin/up and bench/lib.sh. frontdoor_aot_current <module directory>: whether the service's AOT cache
# (target/quarkus-app/app.aot) was trained on its current build and jvm.options, the rule AotCache.isCurrent
# applies for the Java launchers.
frontdoor_aot_current() {
  local app="$1/target/quarkus-app"
  [ "$app/app.aot" -nt "$app/quarkus-run.jar" ] && [ "$app/app.aot" -nt "$1/src/main/jvm/jvm.options" ]
}
