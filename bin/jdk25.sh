# Sourced by the scripts in bin/: points JAVA_HOME at a JDK 25 (the machine's default java may be older).
# Honours an existing JAVA_HOME that is already 25+.
frontdoor_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(frontdoor_java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 25 ] 2>/dev/null; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/*jdk*; do
    [ -x "$candidate/bin/java" ] || continue
    major=$(frontdoor_java_major "$candidate" 2>/dev/null || echo 0)
    if [ "${major:-0}" -ge 25 ] 2>/dev/null; then JAVA_HOME="$candidate"; break; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "Frontdoor needs a JDK 25 or newer: set JAVA_HOME or install one under /usr/lib/jvm." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven on JDK 25 warns about sun.misc.Unsafe (used by its libraries) unless told to allow it. Not in
# .mvn/jvm.config: an older JDK would refuse to start Maven at all, before the enforcer can say what is wrong.
case " ${MAVEN_OPTS:-} " in *" --sun-misc-unsafe-memory-access=allow "*) ;; *)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
esac
