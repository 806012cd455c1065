# Sourced by the launcher and the test scripts: selects a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME, `java` on the PATH, then the usual JVM folders. Fails with a clear message.

netsec_java_major() { # prints the major version of the java binary $1, or nothing
  # A JDK's `release` file names its version; reading it saves starting a JVM (0.2 s) on every
  # launch. Without one, ask the JVM.
  local release
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ] && grep -q '^JAVA_VERSION=' "$release"; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$release" | head -n 1
    return
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

netsec_select_jdk() {
  local candidate major
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(netsec_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "netsec: no JDK 21 or newer found (looked at JAVA_HOME, java on the PATH and /usr/lib/jvm)." >&2
  echo "netsec: install one (for example 'apt-get install openjdk-21-jdk' or Temurin 21+) and set JAVA_HOME to it." >&2
  return 1
}
