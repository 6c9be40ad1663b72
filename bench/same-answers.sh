#!/usr/bin/env bash
# Do two builds answer the same searches? Each jar (BEFORE, then AFTER) runs on its own copy of a
# seed-demo database that `bench/run.sh --keep` left for scenario 6 (it holds "Acme Meats"), is
# asked every URL in bench/search-answers.txt with an owner's token of Acme Meats, and the two
# answers to each URL (status and body) are compared byte for byte. A change to how search reads
# its matches (bench/CHANGES.md 39-40) must not change what it answers. DB itself is not written;
# the copies are dropped at the end. Exit 0 when every answer is the same, 1 otherwise.
#
#   bench/same-answers.sh BEFORE.jar AFTER.jar DB [PORT]      (java on PATH must be >= 21)
#
# DB must be at BEFORE's schema or older: each jar migrates its own copy forward at start.
# The copies are made from one copy of DB on which BEFORE has run once: a start marks the day's
# overdue invoices with its own time, which two starts would then answer differently.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
BEFORE=$1 AFTER=$2 DB=$3 PORT=${4:-18700}
BENCH=$(cd "$(dirname "$0")" && pwd)
URLS=$BENCH/search-answers.txt
export PGHOST=127.0.0.1 PGUSER=postgres PGOPTIONS='-c client_min_messages=warning'
WORK=$(mktemp -d)
COPIES=()
PID=

cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  for copy in "${COPIES[@]}"; do dropdb --if-exists "$copy" 2>/dev/null || true; done
}
trap cleanup EXIT

# start JAR COPY LOG: the jar serving COPY on PORT (its pid in PID), once /healthz answers.
start() {
  PORT=$PORT DATABASE_URL="postgres://postgres@127.0.0.1:5432/$2" java -jar "$1" > "$3" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && return 0
    kill -0 "$PID" 2>/dev/null || { echo "$1 stopped at start; its log: $3" >&2; exit 2; }
    sleep 1
  done
  echo "$1 not ready in 120 s; its log: $3" >&2
  exit 2
}

stop() {
  kill "$PID"; wait "$PID" 2>/dev/null || true
  PID=
}

# The base: a copy of DB after one start of BEFORE, whose overdue job has run for today (it runs
# beside readiness, so wait until its record of runs stops growing).
BASE="${DB}_answers_base"
dropdb --if-exists "$BASE"
createdb -T "$DB" "$BASE"
COPIES+=("$BASE")
start "$BEFORE" "$BASE" "$WORK/base.log"
last=-1
for _ in $(seq 1 30); do
  runs=$(psql -d "$BASE" -qAtc "SELECT count(*) FROM daily_job_runs")
  [ "$runs" = "$last" ] && break
  last=$runs
  sleep 1
done
stop

# answers NAME JAR: the jar on a fresh copy of the base; WORK/NAME/<n> holds the status line and body.
answers() {
  local name=$1 jar=$2 copy="${DB}_answers_$1" owner company token n=0 url
  dropdb --if-exists "$copy"
  createdb -T "$BASE" "$copy"
  COPIES+=("$copy")
  read -r owner company <<< "$(psql -d "$copy" -qAtF' ' -c "SELECT m.user_id, m.company_id
    FROM memberships m JOIN companies c ON c.id = m.company_id
    WHERE c.name = 'Acme Meats' AND m.role = 'owner' ORDER BY m.user_id LIMIT 1")"
  if [ -z "$company" ]; then
    echo "$DB has no owner of Acme Meats: not a scenario 6 data set" >&2
    exit 2
  fi
  token="pmt_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  psql -d "$copy" -qAtc "INSERT INTO api_tokens (token_hash, prefix, name, user_id, company_id, created_on)
    VALUES ('$(printf %s "$token" | sha256sum | cut -d' ' -f1)', '${token:0:12}', 'same-answers', $owner, $company, now())" > /dev/null
  start "$jar" "$copy" "$WORK/$name.log"
  mkdir -p "$WORK/$name"
  while read -r url; do
    n=$((n + 1))
    curl -s -o "$WORK/$name/$n.body" -w '%{http_code}\n' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$PORT$url" > "$WORK/$name/$n.status"
  done < "$URLS"
  stop
  echo "$name: $n answers from $jar"
}

answers before "$BEFORE"
answers after "$AFTER"

same=0 differ=0 n=0
while read -r url; do
  n=$((n + 1))
  if cmp -s "$WORK/before/$n.status" "$WORK/after/$n.status" && cmp -s "$WORK/before/$n.body" "$WORK/after/$n.body"; then
    same=$((same + 1))
  else
    differ=$((differ + 1))
    echo "differs: $url (status $(cat "$WORK/before/$n.status") -> $(cat "$WORK/after/$n.status"); bodies in $WORK/{before,after}/$n.body)"
  fi
done < "$URLS"
non200=$(cat "$WORK"/after/*.status | grep -vc '^200$' || true)
echo "$same of $n answers the same, $differ differ ($non200 of AFTER's not 200)"
[ "$differ" = 0 ] || exit 1
rm -rf "$WORK"
