# Sourced by ./mvnw and ./holdfast: finds a JDK 25 (or newer) and exports JAVA_HOME.
# Order: HOLDFAST_JAVA_HOME, JAVA_HOME, the JDKs installed under /usr/lib/jvm and /opt, `java` on PATH.
# The major version from the JDK's release file (no JVM started: the launcher runs this before every
# command); a JDK without one is asked.
holdfast_java_major() {
  if [ -f "$1/release" ]; then
    # Read with the shell's own builtins: no process is started for this on every command.
    local line
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=*)
          line=${line#JAVA_VERSION=\"}
          echo "${line%%[!0-9]*}"
          return
          ;;
      esac
    done <"$1/release"
    return
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

holdfast_find_jdk() {
  local candidate major
  for candidate in "${HOLDFAST_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/*jdk* /opt/java/* path; do
    if [ "$candidate" = path ]; then # the JDK of `java` on PATH, looked up only when nothing else fits
      candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")
    fi
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(holdfast_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "holdfast: no JDK 25 or newer found; install one (for example Temurin 25) or set HOLDFAST_JAVA_HOME" >&2
  return 1
}
