#!/usr/bin/env bash
# The slow fault suites, described in bench/FAULTS.md: a private PostgreSQL cluster killed and
# frozen under 32 writers, and SIGTERM under load. They are the JUnit tests tagged "faults", which
# the normal test run leaves out; this runs only them (Maven profile -Pfaults) and ends with one
# line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=.ci/jdk.sh
source .ci/jdk.sh
use_jdk

# The suites start their own PostgreSQL server (initdb, pg_ctl) as the postgres OS user.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "faults.sh: needs the PostgreSQL server binaries (apt-get install postgresql)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# The web app is needed for "static files keep being served"; build it only if no build is at hand.
skip_npm=false
[ -f target/classes/webroot/index.html ] && skip_npm=true

rm -f target/surefire-reports/TEST-com.projectmeats.hardening.faults.*.xml
mvn -B -ntp -Pfaults test -Dskip.npm="$skip_npm"
mvn_status=$?

tests=0; failed=0; skipped=0
for report in target/surefire-reports/TEST-com.projectmeats.hardening.faults.*.xml; do
  [ -f "$report" ] || continue
  head=$(grep -o '<testsuite [^>]*>' "$report" | head -1)
  attr() { printf '%s' "$head" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  tests=$((tests + $(attr tests)))
  failed=$((failed + $(attr failures) + $(attr errors)))
  skipped=$((skipped + $(attr skipped)))
done
echo
grep -h -E "database killed|database frozen|SIGTERM under load|AI upstream faults|vanishing readers|SIGTERM with" target/surefire-reports/com.projectmeats.hardening.faults.*-output.txt 2>/dev/null \
  | sed 's/^/  /'
if [ "$tests" -eq 0 ] && [ "$mvn_status" -ne 0 ]; then
  failed=1
fi
echo "$((tests - failed - skipped)) passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$mvn_status" -eq 0 ]
