# Sourced by .ci/run, bench/run.sh and bench/faults.sh: `use_jdk` exports JAVA_HOME (and PATH) for
# a JDK >= 21. The machine's default java may be older; any JDK >= 21 under /usr/lib/jvm will do
# (JAVA_HOME first, if it is one), and Debian's openjdk-21 is installed when there is none.
# shellcheck shell=bash

java_major() {
  # awk reads its input to the end: under pipefail, a reader that stops early could fail java with SIGPIPE.
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ && !v {v = $2} END {print v}'
}

find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-*-jdk-* /usr/lib/jvm/java-2[1-9]-* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

use_jdk() {
  if ! JAVA_HOME=$(find_jdk); then
    apt-get update -qq || true
    # Debian 12 (bookworm) has no openjdk-21; say what to do rather than fail on apt's words.
    if ! apt-cache show openjdk-21-jdk-headless >/dev/null 2>&1; then
      echo "No JDK >= 21 under /usr/lib/jvm, and this system's packages have no openjdk-21." >&2
      echo "Install a JDK 21 or newer under /usr/lib/jvm (Temurin, or Debian 13's openjdk-21), or set JAVA_HOME to one." >&2
      return 1
    fi
    echo "No JDK >= 21 found under /usr/lib/jvm; installing Debian's openjdk-21" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-21-jdk-headless
    JAVA_HOME=$(find_jdk)
  fi
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
}
