#!/usr/bin/env bash
# Writes a class-data-sharing archive for the service: the classes a start-up loads, already parsed
# and verified, which the JVM maps from the archive instead of reading them from the jar. It halves
# the CPU a start costs (measured in bench/CHANGES.md), which is what a replica restarted at 2 a.m.
# spends before /healthz says 200.
#
#   docker/cds-archive.sh JAR ARCHIVE [JAVA]
#
# Starts the jar once on a throw-away SQLite file with -XX:ArchiveClassesAtExit, waits for /healthz,
# sends the requests every start-up serves (health, the SPA, an API call refused for lack of
# credentials), stops it with TERM and checks the archive was written. The archive is only valid
# for the same JVM and the same jar at the same path: run with -XX:SharedArchiveFile=ARCHIVE.
set -euo pipefail

jar=${1:?usage: cds-archive.sh JAR ARCHIVE [JAVA]}
archive=${2:?usage: cds-archive.sh JAR ARCHIVE [JAVA]}
java=${3:-java}

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$((20000 + RANDOM % 20000))
rm -f "$archive"
DATABASE_URL="sqlite:$work/training.db" PORT=$port APP_ENV=dev LOG_FORMAT=json \
  "$java" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" > "$work/service.log" 2>&1 &
pid=$!

ready=
for _ in $(seq 1 240); do
  if curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz"; then ready=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "cds-archive: the service did not become healthy; its output:" >&2
  cat "$work/service.log" >&2
  exit 1
fi

curl -sS -o /dev/null "http://127.0.0.1:$port/"
curl -sS -o /dev/null -H 'Authorization: Bearer pmt_not-a-token' "http://127.0.0.1:$port/api/v1/purchase-orders"
curl -sS -o /dev/null -H 'Content-Type: application/json' -d '{"email":"a@example.com","password":"x"}' \
  "http://127.0.0.1:$port/api/v1/auth/login"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
if [ "$status" -ne 0 ] || [ ! -s "$archive" ]; then
  echo "cds-archive: no archive written (exit $status); the service's output:" >&2
  cat "$work/service.log" >&2
  exit 1
fi
echo "cds-archive: wrote $archive ($(du -h "$archive" | cut -f1))"
