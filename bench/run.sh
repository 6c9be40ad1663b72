#!/usr/bin/env bash
# ProjectMeats benchmarks (issue 8): builds what it needs, makes its own bench_* databases on the
# PostgreSQL at 127.0.0.1:5432, runs the scenarios with the load generator in its own process,
# and writes bench/RESULTS.md. See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/run.sh [--quick] [--only 1,2,3,4,5,6] [--sizes 10000,100000,1000000] [--runs N]
                    [--duration S] [--streams N] [--demo-sizes 10000,100000] [--keep] [--reuse]
                    [--unpinned] [--out FILE]

  --quick      small sizes, short runs: for developing the harness (default: the full run)
  --only L     run only these scenarios (1 read, 2 list/search, 3 create, 4 streaming, 5 start-up,
               6 seed-demo and search on its data)
  --sizes L    purchase orders of the measured company per data set (multiples of 10)
  --runs N     measurements per figure (median, min-max)            full 3, quick 2
  --duration S seconds per HTTP measurement                          full 10, quick 3
  --streams N  scenario 4's largest level (levels every N/4)         full 2000, quick 200
  --demo-sizes L  scenario 6: orders seed-demo writes for the measured company (the nine others
               get a tenth each); the first size is also the timed seed-demo (BENCH_SEED_ORDERS
               overrides it, 0 skips it)                         full 10000,100000, quick 1000
  --keep       keep the bench_* databases and the work folder (default: drop them)
  --reuse      use bench_* data sets left by an earlier --keep run when they match
  --unpinned   let every process run on any core (default: the load generator, test server and
               wrk on core 0, the service, the baseline and PostgreSQL on core 1, when nproc >= 2)
  --out FILE   where to write the results (default bench/RESULTS.md; --quick: bench/RESULTS-quick.md)
EOF
}

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
QUICK=0 ONLY="1,2,3,4,5,6" SIZES="" RUNS="" DURATION="" STREAMS="" DEMO_SIZES="" KEEP=0 REUSE=0 OUT="" PIN=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --only) ONLY=$2; shift ;;
    --sizes) SIZES=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --streams) STREAMS=$2; shift ;;
    --demo-sizes) DEMO_SIZES=$2; shift ;;
    --keep) KEEP=1 ;;
    --reuse) REUSE=1; KEEP=1 ;;
    --unpinned) PIN=0 ;;
    --out) OUT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if [ "$QUICK" = 1 ]; then
  : "${SIZES:=2000,10000}" "${DEMO_SIZES:=1000}" "${RUNS:=2}" "${DURATION:=3}" "${STREAMS:=200}" "${OUT:=$BENCH/RESULTS-quick.md}"
  WARMUP=2
  : "${BENCH_COST_READS:=5000}" "${BENCH_COST_CREATES:=1000}" "${BENCH_COST_STREAMS:=100}"
else
  : "${SIZES:=10000,100000,1000000}" "${DEMO_SIZES:=10000,100000}" "${RUNS:=3}" "${DURATION:=10}" "${STREAMS:=2000}" "${OUT:=$BENCH/RESULTS.md}"
  WARMUP=8
  : "${BENCH_COST_READS:=40000}" "${BENCH_COST_CREATES:=4000}" "${BENCH_COST_STREAMS:=250}"
fi
# Pinned: whatever makes the load (wrk, bench/loadgen, the fake model, the samplers) on core 0, what
# is measured (the service, the baseline, PostgreSQL's processes) on core 1, so that the harness
# cannot take the service's CPU and the figures say what the service does with one core.
if [ "$PIN" = 1 ] && [ "$(nproc)" -ge 2 ]; then
  LOADCPU="taskset -c 0" SVCCPU="taskset -c 1"
else
  PIN=0 LOADCPU="" SVCCPU=""
fi
# Ports and database names, so that two runs (two engineers' worktrees) can share the machine and
# the PostgreSQL: the product on BENCH_PORT (a second replica on +1), the baseline on +90, the fake
# model on +95; databases named BENCH_DB_PREFIX_*.
P0=${BENCH_PORT:-18000} DBP=${BENCH_DB_PREFIX:-bench}
P1=$((P0 + 1)) PB=$((P0 + 90)) PF=$((P0 + 95))
wants() { [[ ",$ONLY," == *",$1,"* ]]; }
log() { printf '\n== %s  [load %s]\n' "$*" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
# All CPUs' busy clock ticks so far (scenario 4's machine CPU), counted as settle counts them.
busy_ticks() { $LIB busyticks; }
# Each scenario (and each start-up) begins once the CPUs are quiet, not in the tail of the one before.
settle() { $LIB settle "${BENCH_SETTLE_S:-60}" 15; }

# ---- tools --------------------------------------------------------------------------------------
# shellcheck source=.ci/jdk.sh
source "$ROOT/.ci/jdk.sh"
use_jdk
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v mvn >/dev/null || missing+=(maven)
command -v curl >/dev/null || missing+=(curl)
command -v jq >/dev/null || missing+=(jq)
command -v unzip >/dev/null || missing+=(unzip)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing from Debian: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
pg_isready -q || { echo "PostgreSQL is not answering at $PGHOST:$PGPORT" >&2; exit 1; }
LIB="$LOADCPU python3 $BENCH/lib/benchlib.py"

# ---- work folder, processes, clean-up ---------------------------------------------------------
WORK=$(mktemp -d /tmp/projectmeats-bench.XXXXXX)
mkdir -p "$WORK/logs"
RESULTS=$WORK/results.jsonl
: > "$RESULTS"
PIDS=()
DBS=()
# PostgreSQL is shared: its processes are pinned to the service's core only while a scenario runs,
# and given back their own mask afterwards (also when the run stops early).
PG_MASK=""
pg_pin() { if [ "$PIN" = 1 ]; then PG_MASK=$($LIB pgpin 1); echo "  PostgreSQL pinned to core 1 (was $PG_MASK)"; fi; }
pg_unpin() { if [ -n "$PG_MASK" ]; then $LIB pgunpin "$PG_MASK"; PG_MASK=""; fi; }
cleanup() {
  local pid
  pg_unpin
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$KEEP" = 0 ]; then
    local db
    for db in "${DBS[@]}"; do psql -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
  else
    echo "kept: databases ${DBS[*]:-none}; work folder $WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
JAR=${BENCH_JAR:-$ROOT/target/projectmeats.jar}
# The product as deployed (docker/Dockerfile's flags), in a container of about 680 MB: heap 512 MB;
# and, unless BENCH_CDS=0, with the image's class-data archive, written below by the image's script.
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m -XX:+ExitOnOutOfMemoryError}
CDS_OPTS=
if [ "${BENCH_CDS:-1}" != 0 ]; then CDS_OPTS="-XX:SharedArchiveFile=$WORK/projectmeats.jsa"; fi
SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')

# start NAME PORT ENV... : the product on PORT with ENV (NAME=VALUE...), sampled; sets $PID.
start_product() {
  local name=$1 port=$2; shift 2
  env PORT="$port" APP_ENV=prod APP_DOMAIN=localhost SECRET_KEY="$SECRET" LOG_FORMAT=json "$@" \
    $SVCCPU java $JAVA_OPTS $CDS_OPTS ${EXTRA_JAVA_OPTS:-} -jar "$JAR" > "$WORK/logs/$name.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  $LIB sample "$PID" "$WORK/logs/$name.samples" &
  PIDS+=("$!")
  if ! $LIB waitready "http://127.0.0.1:$port/healthz" "$(date +%s%N)" 120 >/dev/null; then
    echo "$name did not become ready; its log:" >&2; tail -30 "$WORK/logs/$name.log" >&2; exit 1
  fi
}
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# ---- build --------------------------------------------------------------------------------------
fresh() { # fresh JAR SOURCES...: true when JAR is newer than every file under SOURCES
  local jar=$1; shift
  [ -f "$jar" ] && [ -z "$(find "$@" -newer "$jar" -type f 2>/dev/null | head -1)" ]
}
log "Build"
# The SPA takes part in no scenario: the product jar is built without it (-Dskip.npm=true).
# BENCH_JAR measures another build (a "before" for bench/CHANGES.md) with this harness.
if [ -n "${BENCH_JAR:-}" ]; then
  echo "product jar: $JAR"
elif fresh "$JAR" "$ROOT/src/main" "$ROOT/pom.xml"; then
  echo "product jar is fresh"
else
  (cd "$ROOT" && mvn -B -q -ntp package -DskipTests -Dskip.npm=true)
fi
for tool in baseline loadgen; do
  if ! fresh "$BENCH/$tool/target/bench-$tool.jar" "$BENCH/$tool/src" "$BENCH/$tool/pom.xml"; then
    (cd "$BENCH/$tool" && mvn -B -q -ntp package -DskipTests)
  fi
done
if [ -n "$CDS_OPTS" ]; then
  "$ROOT/docker/cds-archive.sh" "$JAR" "$WORK/projectmeats.jsa" java
fi
HAS_ASSISTANT=0
unzip -l "$JAR" > "$WORK/jar-contents.txt"
if grep -q 'com/projectmeats/assistant/Assistant.class' "$WORK/jar-contents.txt"; then HAS_ASSISTANT=1; fi

# ---- machine ------------------------------------------------------------------------------------
python3 - "$WORK/meta.json" <<EOF
import json, os, platform, subprocess, sys, datetime
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
pg = subprocess.run(["psql", "-Atc", "SHOW server_version", "postgres"], capture_output=True, text=True).stdout.strip()
commit = subprocess.run(["git", "-C", "$ROOT", "log", "-1", "--format=%h %s"], capture_output=True, text=True).stdout.strip()
json.dump({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "nproc": os.cpu_count(),
           "memory_gb": round(mem / 1024 / 1024, 1), "cpu": cpu, "kernel": platform.release(), "java": java,
           "postgres": pg, "commit": commit, "quick": $QUICK, "runs": $RUNS, "duration": $DURATION, "sizes": "$SIZES",
           "streams": $STREAMS, "demo_sizes": "$DEMO_SIZES", "pinned": $PIN, "java_opts": "$JAVA_OPTS $CDS_OPTS", "load_start": open("/proc/loadavg").read().split()[:3],
           "assistant": $HAS_ASSISTANT, "only": "$ONLY", "jit_share": ${BENCH_JIT_SHARE:-3}}, open(sys.argv[1], "w"))
EOF

# ---- data ---------------------------------------------------------------------------------------
new_token() { echo "pmt_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"; }
token_hash() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
# add_token DB USER COMPANY TOKEN: prints the token's id
add_token() {
  psql -d "$1" -qAtc "INSERT INTO api_tokens (token_hash, prefix, name, user_id, company_id, created_on)
    VALUES ('$(token_hash "$4")', '${4:0:12}', 'bench', $2, $3, now()) RETURNING id"
}
# dataset SIZE DB: DB holds the measured company with SIZE orders (sql/generate.sql), migrated and analysed.
dataset() {
  local size=$1 db=$2 mark
  mark="$(sha256sum "$BENCH/sql/generate.sql" | cut -c1-16)-$size"
  DBS+=("$db")
  if [ "$REUSE" = 1 ] && [ "$(psql -d "$db" -qAtc 'SELECT mark FROM bench_mark' 2>/dev/null)" = "$mark" ]; then
    echo "reusing $db"
    DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" java -jar "$JAR" migrate >> "$WORK/logs/migrate.log" 2>&1
    psql -d "$db" -qc 'VACUUM (ANALYZE)'
    return
  fi
  local t0; t0=$(now_ms)
  psql -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" java -jar "$JAR" migrate >> "$WORK/logs/migrate.log" 2>&1
  psql -d "$db" -q -v orders="$size" -f "$BENCH/sql/generate.sql"
  psql -d "$db" -qc 'VACUUM (ANALYZE)'
  psql -d "$db" -qc "CREATE TABLE bench_mark (mark text); INSERT INTO bench_mark VALUES ('$mark')"
  local secs=$(( ($(now_ms) - t0) / 1000 ))
  echo "$db: $size orders for the measured company (+ $((size / 10)) for each of nine others) in ${secs} s"
  $LIB record "$RESULTS" '{}' scenario=data size="$size" seconds="$secs" \
    bytes="$(psql -d "$db" -qAtc 'SELECT pg_database_size(current_database())')"
}

# wrk_measure KEY URL LUA CONNS EXPECT SAMPLES [key=value...]: RUNS measurements, each a record.
wrk_measure() {
  local key=$1 url=$2 lua=$3 conns=$4 expect=$5 samples=$6; shift 6
  local run out load t0 t1 json win
  for run in $(seq 1 "$RUNS"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(now_ms)
    out=$(BENCH_EXPECT=$expect $LOADCPU wrk -t2 -c"$conns" -d"${DURATION}s" --timeout 10s -s "$BENCH/lua/$lua" "$url")
    t1=$(now_ms)
    json=$(grep '^BENCH_JSON ' <<< "$out" | cut -d' ' -f2-)
    win='{}'
    [ -n "$samples" ] && win=$($LIB window "$samples" "$t0" "$t1")
    $LIB record "$RESULTS" "$json" key="$key" run="$run" load="$load" conns="$conns" window="$win" "$@"
    printf '  %-28s run %d: %8s req/s  p50 %7s ms  p99 %7s ms  errors %s/%s  load %s\n' "$key" "$run" \
      "$(jq -r .rps <<< "$json")" "$(jq -r .p50 <<< "$json")" "$(jq -r .p99 <<< "$json")" \
      "$(jq -r .bad_status <<< "$json")" "$(jq -r .socket_errors <<< "$json")" "$load"
  done
}
# idle_snap FILE NAME=PID...: the processes' (and their backends') CPU over an idle window as long
# as the work that follows is expected to take (BENCH_IDLE_S, default the measurement's duration),
# written to FILE as two snaps; cost_between subtracts its rate.
idle_snap() {
  local file=$1; shift
  $LIB snap "$@" > "$file"
  sleep "${BENCH_IDLE_S:-$DURATION}"
  $LIB snap "$@" >> "$file"
}
# cost_run IDLEFILE NAME=PID... -- COMMAND...: runs COMMAND (a fixed amount of work) and prints the
# CPU it cost each NAME (process and its PostgreSQL backends), idle subtracted, as JSON.
cost_run() {
  local idle=$1; shift
  local who=()
  while [ "$1" != -- ]; do who+=("$1"); shift; done
  shift
  local s0 s1
  s0=$($LIB snap "${who[@]}")
  COST_OUT=$("$@")
  s1=$($LIB snap "${who[@]}")
  COST=$($LIB cost "$s0" "$s1" "$(sed -n 1p "$idle")" "$(sed -n 2p "$idle")")
}
warm() { BENCH_EXPECT=$4 $LOADCPU wrk -t2 -c"$3" -d"${WARMUP}s" -s "$BENCH/lua/$2" "$1" > /dev/null; }

export BENCH_LUA_DIR=$BENCH/lua
IFS=, read -r -a SIZE_LIST <<< "$SIZES"
LARGEST=${SIZE_LIST[-1]}
for size in "${SIZE_LIST[@]}"; do
  if (( size % 10 != 0 )); then echo "sizes must be multiples of 10: $size" >&2; exit 2; fi
done

if wants 1 || wants 2; then
  log "Data: ${SIZES//,/, } purchase orders"
  for size in "${SIZE_LIST[@]}"; do
    if wants 2 || [ "$size" = "$LARGEST" ]; then dataset "$size" "${DBP}_po_$size"; fi
  done
fi

# ---- scenario 1: read one record, product vs baseline -----------------------------------------
if wants 1; then
  log "Scenario 1: GET /api/v1/purchase-orders/{id}, 64 connections, $LARGEST orders"
  settle
  pg_pin
  DB=${DBP}_po_$LARGEST
  TOKEN=$(new_token); add_token "$DB" 1 1 "$TOKEN" > /dev/null
  export BENCH_TOKEN=$TOKEN BENCH_ORDERS=$LARGEST
  start_product s1-product $P0 DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
  PRODUCT=$PID
  PORT=$PB PGDATABASE=$DB COMPANY_ID=1 $SVCCPU java $JAVA_OPTS -jar "$BENCH/baseline/target/bench-baseline.jar" > "$WORK/logs/s1-baseline.log" 2>&1 &
  BASELINE=$!; PIDS+=("$BASELINE")
  $LIB sample "$BASELINE" "$WORK/logs/s1-baseline.samples" & PIDS+=("$!")
  for _ in $(seq 1 600); do curl -sf -o /dev/null localhost:$PB/api/v1/purchase-orders/1 && break; sleep 0.1; done
  same=true
  for id in 1 2 3 20 $(( (LARGEST / 10 - 1) * 19 + 10 )); do
    a=$(curl -s -H "Authorization: Bearer $TOKEN" "localhost:$P0/api/v1/purchase-orders/$id")
    b=$(curl -s "localhost:$PB/api/v1/purchase-orders/$id")
    [ "$a" = "$b" ] && [ -n "$a" ] || { same=false; echo "  bodies differ for order $id"; }
  done
  echo "  product and baseline bodies identical: $same"
  warm http://127.0.0.1:$PB read.lua 64 200
  warm http://127.0.0.1:$P0 read.lua 64 200
  # Interleaved, so both see the same machine. BENCH_COST_ONLY=1 skips them (a build's cost alone).
  for run in $(seq 1 "$RUNS"); do
    [ "${BENCH_COST_ONLY:-0}" = 1 ] && break
    RUNS=1 wrk_measure baseline http://127.0.0.1:$PB read.lua 64 200 "$WORK/logs/s1-baseline.samples" scenario=1 subject=baseline
    RUNS=1 wrk_measure product http://127.0.0.1:$P0 read.lua 64 200 "$WORK/logs/s1-product.samples" scenario=1 subject=product
  done
  # Cost per read: a fixed number of reads each, interleaved, after an idle window of both; first a
  # quarter as many unrecorded, so that no run pays for the JIT compiler.
  for port in $PB $P0; do
    $LOADCPU java -cp "$BENCH/loadgen/target/bench-loadgen.jar" bench.FixedLoad kind=read url="http://127.0.0.1:$port" \
      token="$TOKEN" orders="$LARGEST" requests=$(( BENCH_COST_READS / 4 )) conns=64 > /dev/null
  done
  for run in $(seq 1 "$RUNS"); do
    idle_snap "$WORK/s1-idle.json" product="$PRODUCT" baseline="$BASELINE"
    for subject in baseline product; do
      port=$PB; pid=$BASELINE
      [ "$subject" = product ] && port=$P0 pid=$PRODUCT
      load=$(cut -d' ' -f1 /proc/loadavg)
      cost_run "$WORK/s1-idle.json" "$subject=$pid" -- $LOADCPU java -cp "$BENCH/loadgen/target/bench-loadgen.jar" bench.FixedLoad \
        kind=read url="http://127.0.0.1:$port" token="$TOKEN" orders="$LARGEST" requests="$BENCH_COST_READS" conns=64
      json=$(grep '^BENCH_JSON ' <<< "$COST_OUT" | cut -d' ' -f2-)
      $LIB record "$RESULTS" "$json" scenario=1 key=cost subject="$subject" run="$run" load="$load" cost="$(jq -c ".$subject" <<< "$COST")"
      printf '  cost %-9s run %d: %s reads, %s s CPU + PostgreSQL %s s (idle less %s + %s s)  load %s\n' "$subject" "$run" \
        "$(jq -r .requests <<< "$json")" "$(jq -r ".$subject.cpu_s" <<< "$COST")" "$(jq -r ".$subject.pg_cpu_s" <<< "$COST")" \
        "$(jq -r ".$subject.idle_cpu_s" <<< "$COST")" "$(jq -r ".$subject.idle_pg_cpu_s" <<< "$COST")" "$load"
    done
  done

  # Revocation: a second replica on the same database; a token that both replicas have just
  # accepted is revoked through one of them, while the other serves load; its next request on
  # either replica must be 401.
  start_product s1-replica $P1 DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
  REPLICA=$PID
  VICTIM=$(new_token); VICTIM_ID=$(add_token "$DB" 1 1 "$VICTIM")
  BENCH_EXPECT=200 $LOADCPU wrk -t1 -c16 -d4s -s "$BENCH/lua/read.lua" http://127.0.0.1:$P0 > /dev/null &
  LOADER=$!
  sleep 1
  before_a=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $VICTIM" localhost:$P0/api/v1/purchase-orders/1)
  before_b=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $VICTIM" localhost:$P1/api/v1/purchase-orders/1)
  revoked=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $VICTIM" "localhost:$P1/api/v1/auth/tokens/$VICTIM_ID")
  after_a=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $VICTIM" localhost:$P0/api/v1/purchase-orders/1)
  after_b=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $VICTIM" localhost:$P1/api/v1/purchase-orders/1)
  wait "$LOADER" || true
  stop "$REPLICA"
  ok=false
  [ "$before_a$before_b$revoked$after_a$after_b" = "200200204401401" ] && ok=true
  echo "  revocation across replicas: before $before_a/$before_b, revoke $revoked, after $after_a/$after_b -> $ok"
  $LIB record "$RESULTS" '{}' scenario=1 key=revocation ok="$ok" detail="before $before_a/$before_b, revoke $revoked, next request $after_a/$after_b" \
    bodies_identical="$same"
  stop "$PRODUCT"; stop "$BASELINE"
  pg_unpin
fi

# ---- scenario 2: list with filter and ordering, and search, across sizes ----------------------
LIST_CONNS=${BENCH_LIST_CONNS:-8}
if wants 2; then
  for size in "${SIZE_LIST[@]}"; do
    log "Scenario 2: list and search, $size orders, $LIST_CONNS connections"
    settle
    DB=${DBP}_po_$size
    TOKEN=$(new_token); add_token "$DB" 1 1 "$TOKEN" > /dev/null
    export BENCH_TOKEN=$TOKEN BENCH_ORDERS=$size
    start_product "s2-$size" $P0 DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
    warm http://127.0.0.1:$P0 list.lua "$LIST_CONNS" 200
    warm http://127.0.0.1:$P0 search.lua "$LIST_CONNS" 200
    wrk_measure list http://127.0.0.1:$P0 list.lua "$LIST_CONNS" 200 "$WORK/logs/s2-$size.samples" scenario=2 size="$size"
    wrk_measure search http://127.0.0.1:$P0 search.lua "$LIST_CONNS" 200 "$WORK/logs/s2-$size.samples" scenario=2 size="$size"
    stop "$PID"
  done
fi

# cost_creates DATASTORE PID: the CPU of BENCH_COST_CREATES creates, RUNS times, each after an idle window.
cost_creates() {
  local store=$1 pid=$2 run load json
  for run in $(seq 1 "$RUNS"); do
    idle_snap "$WORK/s3-idle.json" product="$pid"
    load=$(cut -d' ' -f1 /proc/loadavg)
    cost_run "$WORK/s3-idle.json" product="$pid" -- $LOADCPU java -cp "$BENCH/loadgen/target/bench-loadgen.jar" bench.FixedLoad \
      kind=create url=http://127.0.0.1:$P0 token="$BENCH_TOKEN" requests="$BENCH_COST_CREATES" conns=64
    json=$(grep '^BENCH_JSON ' <<< "$COST_OUT" | cut -d' ' -f2-)
    $LIB record "$RESULTS" "$json" scenario=3 key=cost datastore="$store" run="$run" load="$load" cost="$(jq -c .product <<< "$COST")"
    printf '  cost %-10s run %d: %s creates (%s bad), %s s CPU + PostgreSQL %s s  load %s\n' "$store" "$run" \
      "$(jq -r .requests <<< "$json")" "$(jq -r .bad_status <<< "$json")" "$(jq -r .product.cpu_s <<< "$COST")" \
      "$(jq -r .product.pg_cpu_s <<< "$COST")" "$load"
  done
}

# ---- scenario 3: create with three lines, 64 writers, PostgreSQL and SQLite ------------------
if wants 3; then
  log "Scenario 3: POST /api/v1/purchase-orders (3 lines), 64 writers"
  settle
  DB=${DBP}_write
  dataset 10000 "$DB"
  settle
  pg_pin
  TOKEN=$(new_token); add_token "$DB" 1 1 "$TOKEN" > /dev/null
  export BENCH_TOKEN=$TOKEN
  start_product s3-postgres $P0 DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
  before=$(psql -d "$DB" -qAtc 'SELECT count(*) FROM purchase_orders WHERE company_id = 1')
  warm http://127.0.0.1:$P0 create.lua 64 201
  wrk_measure create http://127.0.0.1:$P0 create.lua 64 201 "$WORK/logs/s3-postgres.samples" scenario=3 datastore=postgresql
  cost_creates postgresql "$PID"
  dupes=$(psql -d "$DB" -qAtc 'SELECT count(*) - count(DISTINCT order_number) FROM purchase_orders WHERE company_id = 1')
  orphans=$(psql -d "$DB" -qAtc "SELECT count(*) FROM purchase_orders p WHERE company_id = 1 AND created_on > now() - interval '1 hour'
    AND (SELECT count(*) FROM purchase_order_lines l WHERE l.purchase_order_id = p.id) <> 3")
  $LIB record "$RESULTS" '{}' scenario=3 key=integrity datastore=postgresql duplicate_numbers="$dupes" orders_without_3_lines="$orphans" \
    created="$(( $(psql -d "$DB" -qAtc 'SELECT count(*) FROM purchase_orders WHERE company_id = 1') - before ))"
  stop "$PID"

  SQLITE=$WORK/sqlite/bench.db
  mkdir -p "$WORK/sqlite"
  DATABASE_URL="sqlite:$SQLITE" java -jar "$JAR" migrate >> "$WORK/logs/migrate.log" 2>&1
  TOKEN=$(new_token)
  $LIB seed-sqlite "$SQLITE" "$(token_hash "$TOKEN")"
  export BENCH_TOKEN=$TOKEN
  start_product s3-sqlite $P0 DATABASE_URL="sqlite:$SQLITE"
  warm http://127.0.0.1:$P0 create.lua 64 201
  wrk_measure create http://127.0.0.1:$P0 create.lua 64 201 "$WORK/logs/s3-sqlite.samples" scenario=3 datastore=sqlite
  cost_creates sqlite "$PID"
  stop "$PID"
  pg_unpin
  dupes=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('SELECT count(*) - count(DISTINCT order_number) FROM purchase_orders').fetchone()[0])" "$SQLITE")
  $LIB record "$RESULTS" '{}' scenario=3 key=integrity datastore=sqlite duplicate_numbers="$dupes"
fi

# ---- scenario 4: streaming fan-out ------------------------------------------------------------
if wants 4; then
  if [ "$HAS_ASSISTANT" = 0 ]; then
    log "Scenario 4: skipped, this build has no assistant"
    $LIB record "$RESULTS" '{}' scenario=4 key=skipped reason="the product jar has no assistant (not merged yet)"
  else
    log "Scenario 4: streaming fan-out up to $STREAMS streams, 50 deltas at 20/s"
    settle
    DB=${DBP}_stream
    dataset 2000 "$DB"
    # Twenty users (members of the measured company), so the per-user answer throttle is not what is measured.
    TOKENS=$WORK/stream-tokens.txt; : > "$TOKENS"
    psql -d "$DB" -qc "INSERT INTO users (email, name, password_hash, active, default_company_id, created_on, modified_on)
      SELECT 'chat' || i || '@bench.example', 'Chat ' || i, '!unusable', true, 1, now(), now() FROM generate_series(1, 20) i
       WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.email = 'chat' || i || '@bench.example');
      INSERT INTO memberships (user_id, company_id, role, created_on) SELECT id, 1, 'user', now() FROM users WHERE email LIKE 'chat%'
      ON CONFLICT (user_id, company_id) DO NOTHING"
    for uid in $(psql -d "$DB" -qAtc "SELECT id FROM users WHERE email LIKE 'chat%' ORDER BY id"); do
      t=$(new_token); add_token "$DB" "$uid" 1 "$t" > /dev/null; echo "$t" >> "$TOKENS"
    done
    pg_pin
    PORT=$PF $LOADCPU java -Xmx256m -cp "$BENCH/loadgen/target/bench-loadgen.jar" bench.FakeOpenAi > "$WORK/logs/s4-fake.log" 2>&1 &
    FAKE=$!; PIDS+=("$FAKE")
    EXTRA_JAVA_OPTS="-Xlog:gc:file=$WORK/logs/s4-gc.log:time" start_product s4-product $P0 \
      DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" OPENAI_API_KEY=sk-bench OPENAI_BASE_URL=http://127.0.0.1:$PF/v1 \
      ASSISTANT_MESSAGES_PER_MINUTE=10000
    PRODUCT=$PID
    # The bare relay (bench/baseline with MODEL_URL) on the product's core: the cost runs measure it
    # interleaved with the product, so that their ratio compares across hours of this VM.
    PORT=$PB MODEL_URL=http://127.0.0.1:$PF $SVCCPU java $JAVA_OPTS -jar "$BENCH/baseline/target/bench-baseline.jar" \
      > "$WORK/logs/s4-relay.log" 2>&1 &
    RELAY=$!; PIDS+=("$RELAY")
    $LIB sample "$RELAY" "$WORK/logs/s4-relay.samples" & PIDS+=("$!")
    for _ in $(seq 1 600); do curl -s -o /dev/null localhost:$PB/ && break; sleep 0.1; done
    SESSIONS=$WORK/stream-sessions.txt
    step=$(( STREAMS / 4 ))
    # Each level is long (a warm-up round, a 2.5 s ramp, 2.5 s answers, per mode): one run per level
    # unless BENCH_STREAM_RUNS asks for more.
    # Every run starts from empty sessions: the prompt carries the session's history, so answers
    # would otherwise cost more with every level and run. The vacuum is autovacuum's work, which
    # this machine's PostgreSQL does not do (conf.d/90-ci.conf: autovacuum = off) and production's
    # does: without it every deleted and every finished answer stays in the indexes, and the
    # throttle's count and the answers' updates read more of them with every run (CHANGES 71).
    clear_messages() {
      psql -d "$DB" -qc 'DELETE FROM assistant_messages' -c 'VACUUM (ANALYZE) assistant_messages, assistant_sessions' > /dev/null
    }
    levels="$step $((step * 2)) $((step * 3)) $STREAMS"
    # BENCH_COST_ONLY=1: the first level only, as a warm-up for the cost runs.
    [ "${BENCH_COST_ONLY:-0}" = 1 ] && levels=$step
    # Unrecorded warm-up levels first: the first measured level otherwise pays for the JIT, whose
    # compiler threads share the service's one core (at 15:00 its answers cost 19 ms of service CPU
    # each, 4-7 ms at the later levels, and its streams queued for that CPU: TTFB +452 ms). The bare
    # relay is measured at every level too, so it is warmed the same way.
    # Questions first, by count (61): C2 compiles a method once its profiled code has run ~5,000
    # times (Tier4InvocationThreshold; more while C2's queue is not empty, so 8,000-11,000 on one
    # core), so a method run once per question (routing, authentication, the store, opening the
    # model's request) is compiled only after that many questions, whatever the level. The rounds
    # below serve 250-700 questions each: with them alone the product's one core was still
    # compiling 60-140 methods a round at 125 streams and 14-45 at 500 (0.4-1.3 s of C2 a round;
    # roots such as Chat::answer are 0.5-1 s each), and that is what the levels measured.
    # BENCH_WARM_QUESTIONS (default 8000; 0: none) short answers (2 deltas), 200 a second in
    # batches of 1,000, through the product and then the relay: what a service at these levels has
    # served within its first minutes.
    warm_questions() {
      local port=$1 left=${BENCH_WARM_QUESTIONS:-8000} n out json
      while [ "$left" -gt 0 ]; do
        n=$(( left < 1000 ? left : 1000 ))
        [ "$port" = "$P0" ] && clear_messages
        out=$($LOADCPU java -Xmx1g -jar "$BENCH/loadgen/target/bench-loadgen.jar" mode=service url=http://127.0.0.1:$port tokens="$TOKENS" \
          streams="$n" ramp_ms=$(( n * 5 )) warmup=0 deltas=2 sessions="$SESSIONS" 2>>"$WORK/logs/s4-loadgen.log")
        json=$(grep '^BENCH_JSON ' <<< "$out" | cut -d' ' -f2-)
        left=$(( left - n ))
        printf '  warm-up  %5d questions, port %s (not recorded): ok %s  ttfb p50 %s ms  (%d to go)\n' "$n" "$port" \
          "$(jq -r .ok <<< "$json")" "$(jq -r .ttfb_p50 <<< "$json")" "$left"
      done
    }
    for port in $P0 $PB; do warm_questions "$port"; done
    for _ in $(seq 1 "${BENCH_STREAM_WARMUPS:-2}"); do
      for port in $P0 $PB; do
        [ "$port" = "$P0" ] && clear_messages
        out=$($LOADCPU java -Xmx1g -jar "$BENCH/loadgen/target/bench-loadgen.jar" mode=service url=http://127.0.0.1:$port tokens="$TOKENS" \
          streams="$step" ramp_ms=2500 warmup=0 sessions="$SESSIONS" 2>>"$WORK/logs/s4-loadgen.log")
        json=$(grep '^BENCH_JSON ' <<< "$out" | cut -d' ' -f2-)
        printf '  warm-up  %5d streams, port %s (not recorded): ok %s  ttfb p50 %s ms\n' "$step" "$port" "$(jq -r .ok <<< "$json")" "$(jq -r .ttfb_p50 <<< "$json")"
      done
    done
    # jit_shares COST: the JIT compiler's share (%) of the relay's and of the product's CPU in a
    # `benchlib cost` of both; quiet A B: true when both are under BENCH_JIT_SHARE % (default 3).
    jit_shares() {
      jq -r '[.relay, .product] | map(if .cpu_s > 0 then 100 * .jit_cpu_s / .cpu_s else 0 end) | map(. * 10 | round / 10) | "\(.[0]) \(.[1])"' <<< "$1"
    }
    quiet() { awk -v a="$1" -v b="$2" -v m="${BENCH_JIT_SHARE:-3}" 'BEGIN { exit !(a < m && b < m) }'; }
    # level_warmup LEVEL: the level's own work through the product and through the relay (the
    # recorded runs' streams, ramp and load-generator warm-up), unrecorded, repeated until the JIT
    # compiler's threads took under BENCH_JIT_SHARE % of both processes' CPU in a round, at most
    # BENCH_LEVEL_WARMUPS rounds (default 6; 0 skips them). At least one round at every level: on
    # one core the compiler was still busy at each new level's first run (54: the product's first
    # run at 250 read TTFB p50 6.2 ms against 5.1 in its third, at 500 18.5 against 6.9 and 7.7).
    level_warmup() {
      local level=$1 round s0 s1 c port relay_share product_share
      for round in $(seq 1 "${BENCH_LEVEL_WARMUPS:-6}"); do
        s0=$($LIB snap relay="$RELAY" product="$PRODUCT")
        for port in $P0 $PB; do
          [ "$port" = "$P0" ] && clear_messages
          $LOADCPU java -Xmx1g -jar "$BENCH/loadgen/target/bench-loadgen.jar" mode=service url=http://127.0.0.1:$port tokens="$TOKENS" \
            streams="$level" ramp_ms=2500 warmup=$(( level < 200 ? level : 200 )) sessions="$SESSIONS" \
            > /dev/null 2>>"$WORK/logs/s4-loadgen.log"
        done
        s1=$($LIB snap relay="$RELAY" product="$PRODUCT")
        c=$($LIB cost "$s0" "$s1")
        read -r relay_share product_share <<< "$(jit_shares "$c")"
        $LIB record "$RESULTS" '{}' scenario=4 key=level_warmup level="$level" round="$round" \
          relay="$(jq -c .relay <<< "$c")" product="$(jq -c .product <<< "$c")"
        printf '  level warm-up %5d streams round %d (not recorded): JIT compiler %s %% of the relay'"'"'s CPU, %s %% of the product'"'"'s\n' \
          "$level" "$round" "$relay_share" "$product_share"
        quiet "$relay_share" "$product_share" && break
      done
      return 0 # the cap reached with the compiler still busy is not an error
    }
    # Each level: straight to the test server, through the product, and through the bare relay
    # (bench/baseline with MODEL_URL, on the product's core): the relay's added latency is what
    # relaying alone costs on this machine at that level, the yardstick for the product's. Each
    # level starts on a quiet machine, after its warm-up rounds; the compiler's share of the
    # product's and the relay's CPU in each recorded run is recorded beside it (`jit`).
    for level in $levels; do
      level_warmup "$level"
      settle
      for run in $(seq 1 "${BENCH_STREAM_RUNS:-1}"); do
        for mode in direct service relay; do
          url=http://127.0.0.1:$PF
          [ "$mode" = service ] && url=http://127.0.0.1:$P0
          [ "$mode" = relay ] && url=http://127.0.0.1:$PB
          [ "$mode" = service ] && clear_messages
          load=$(cut -d' ' -f1 /proc/loadavg)
          proc=''; [ "$mode" = service ] && proc="product=$PRODUCT"; [ "$mode" = relay ] && proc="relay=$RELAY"
          [ -n "$proc" ] && s0=$($LIB snap "$proc")
          t0=$(now_ms); busy0=$(busy_ticks); cores0=$($LIB coreticks)
          # The relay speaks the product's API: the load generator's "service" mode.
          lmode=$mode; [ "$mode" = relay ] && lmode=service
          out=$($LOADCPU java -Xmx1g -jar "$BENCH/loadgen/target/bench-loadgen.jar" mode=$lmode url=$url tokens="$TOKENS" \
            streams="$level" ramp_ms=2500 warmup=$(( level < 200 ? level : 200 )) sessions="$SESSIONS" 2>>"$WORK/logs/s4-loadgen.log")
          t1=$(now_ms); busy1=$(busy_ticks); cores1=$($LIB coreticks)
          jit='{}' share=''
          if [ -n "$proc" ]; then
            s1=$($LIB snap "$proc")
            jit=$($LIB cost "$s0" "$s1" | jq -c ".${proc%%=*}")
            share=$(jq -r 'if .cpu_s > 0 then 100 * .jit_cpu_s / .cpu_s | . * 10 | round / 10 | "  JIT compiler \(.) %" else "" end' <<< "$jit")
          fi
          json=$(grep '^BENCH_JSON ' <<< "$out" | cut -d' ' -f2-)
          win='{}'; heap='{}'
          if [ "$mode" = service ]; then
            win=$($LIB window "$WORK/logs/s4-product.samples" "$t0" "$t1")
            heap=$($LIB gcwindow "$WORK/logs/s4-gc.log" "$t0" "$t1")
          fi
          [ "$mode" = relay ] && win=$($LIB window "$WORK/logs/s4-relay.samples" "$t0" "$t1")
          $LIB record "$RESULTS" "$json" scenario=4 key="$mode" level="$level" run="$run" load="$load" window="$win" heap="$heap" jit="$jit" \
            machine_cores="$(awk -v b="$((busy1 - busy0))" -v ms="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", b / hz / (ms / 1000) }')" \
            core_busy="$(awk -v a="$cores0" -v b="$cores1" -v ms="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" \
              'BEGIN { n = split(a, x, " "); split(b, y, " "); printf "["; for (i = 1; i <= n; i++) printf "%s%.2f", (i > 1 ? "," : ""), (y[i] - x[i]) / hz / (ms / 1000); printf "]" }')"
          printf '  %-8s %5d streams run %d: ok %s/%s  ttfb p50 %s p99 %s ms  delay p50 %s p99 %s ms  load %s%s\n' "$mode" "$level" "$run" \
            "$(jq -r .ok <<< "$json")" "$level" "$(jq -r .ttfb_p50 <<< "$json")" "$(jq -r .ttfb_p99 <<< "$json")" \
            "$(jq -r .delay_p50 <<< "$json")" "$(jq -r .delay_p99 <<< "$json")" "$load" "$share"
        done
      done
    done
    # Cost per answer and per relayed delta: BENCH_COST_STREAMS answers of 50 deltas, then as many
    # of 250 (the same 20 per second): the difference is 200 deltas an answer, whatever an answer
    # costs besides. Each after an idle window of the product.
    for _ in $(seq 1 "${BENCH_STREAM_WARMUPS:-2}"); do
      $LOADCPU java -Xmx1g -jar "$BENCH/loadgen/target/bench-loadgen.jar" mode=service url=http://127.0.0.1:$PB tokens="$TOKENS" \
        streams="$step" ramp_ms=2500 warmup=0 sessions="$SESSIONS" > /dev/null 2>>"$WORK/logs/s4-loadgen.log"
    done
    # Then the cost runs' own work, unrecorded, against both, until the JIT compiler's threads took
    # under BENCH_JIT_SHARE % (default 3) of each one's CPU in a round (at most BENCH_COST_WARMUPS
    # rounds, default 6): on one core the compiler is still converging after the latency levels,
    # and what it compiles inside a measured run moved an answer's figure by up to 1 ms.
    for round in $(seq 1 "${BENCH_COST_WARMUPS:-6}"); do
      s0=$($LIB snap relay="$RELAY" product="$PRODUCT")
      for port in $PB $P0; do
        for deltas in 50 250; do
          [ "$port" = "$P0" ] && clear_messages
          $LOADCPU java -Xmx1g -jar "$BENCH/loadgen/target/bench-loadgen.jar" mode=service url=http://127.0.0.1:$port tokens="$TOKENS" \
            streams="$BENCH_COST_STREAMS" ramp_ms=2500 warmup=0 deltas="$deltas" deadline_ms=120000 sessions="$SESSIONS" \
            > /dev/null 2>>"$WORK/logs/s4-loadgen.log"
        done
      done
      s1=$($LIB snap relay="$RELAY" product="$PRODUCT")
      c=$($LIB cost "$s0" "$s1")
      read -r relay_share product_share <<< "$(jit_shares "$c")"
      $LIB record "$RESULTS" '{}' scenario=4 key=cost_warmup round="$round" relay="$(jq -c .relay <<< "$c")" product="$(jq -c .product <<< "$c")"
      printf '  cost warm-up round %d (not a cost run): JIT compiler %s %% of the relay'"'"'s CPU, %s %% of the product'"'"'s\n' \
        "$round" "$relay_share" "$product_share"
      quiet "$relay_share" "$product_share" && break
    done
    # cost_stream NAME PID PORT DELTAS RUN: one cost run against the relay or the product (NAME, as
    # the cost's key), after an idle window of it; the product's answers are cleared first, as the
    # prompt carries the session's history.
    cost_stream() {
      local name=$1 pid=$2 port=$3 deltas=$4 run=$5 key=cost label=cost pg='' load json
      if [ "$name" = relay ]; then
        key=cost_relay label=relay
      else
        clear_messages
      fi
      BENCH_IDLE_S=${BENCH_IDLE_S:-$(( deltas / 20 + 4 ))} idle_snap "$WORK/s4-$name-idle.json" "$name=$pid"
      load=$(cut -d' ' -f1 /proc/loadavg)
      cost_run "$WORK/s4-$name-idle.json" "$name=$pid" -- $LOADCPU java -Xmx1g -jar "$BENCH/loadgen/target/bench-loadgen.jar" \
        mode=service url="http://127.0.0.1:$port" tokens="$TOKENS" streams="$BENCH_COST_STREAMS" ramp_ms=2500 warmup=0 \
        deltas="$deltas" deadline_ms=120000 sessions="$SESSIONS"
      json=$(grep '^BENCH_JSON ' <<< "$COST_OUT" | cut -d' ' -f2-)
      $LIB record "$RESULTS" "$json" scenario=4 key="$key" deltas_per_answer="$deltas" run="$run" load="$load" cost="$(jq -c ".$name" <<< "$COST")"
      [ "$name" = relay ] || pg=" + PostgreSQL $(jq -r ".$name.pg_cpu_s" <<< "$COST") s"
      printf '  %s %3d deltas run %d: %s/%s answers, %s deltas, %s s CPU (JIT compiler %s s)%s  load %s\n' "$label" "$deltas" "$run" \
        "$(jq -r .ok <<< "$json")" "$BENCH_COST_STREAMS" "$(jq -r .deltas <<< "$json")" "$(jq -r ".$name.cpu_s" <<< "$COST")" \
        "$(jq -r ".$name.jit_cpu_s" <<< "$COST")" "$pg" "$load"
    }
    for run in $(seq 1 "$RUNS"); do
      for deltas in 50 250; do
        cost_stream relay "$RELAY" "$PB" "$deltas" "$run"
        cost_stream product "$PRODUCT" "$P0" "$deltas" "$run"
      done
    done
    stop "$PRODUCT"; stop "$RELAY"; stop "$FAKE"
    pg_unpin
  fi
fi

# ---- scenario 5: start-up and footprint -------------------------------------------------------
if wants 5; then
  log "Scenario 5: start-up to /healthz 200, idle RSS"
  settle
  DB=${DBP}_start
  DBS+=("$DB")
  psql -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" postgres
  startup() { # startup KIND URL: one start, recorded
    local kind=$1 url=$2 t ms rss
    settle
    t=$(date +%s%N)
    env PORT=$P0 APP_ENV=prod APP_DOMAIN=localhost SECRET_KEY="$SECRET" LOG_FORMAT=json DATABASE_URL="$url" \
      java $JAVA_OPTS $CDS_OPTS -jar "$JAR" > "$WORK/logs/s5-$kind.log" 2>&1 &
    local pid=$!; PIDS+=("$pid")
    ms=$($LIB waitready http://127.0.0.1:$P0/healthz "$t" 120)
    sleep 5
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    stop "$pid"
    $LIB record "$RESULTS" '{}' scenario=5 key="$kind" ms="$ms" idle_rss_mb="$(( rss / 1024 ))" load="$(cut -d' ' -f1 /proc/loadavg)"
    printf '  %-22s %8s ms to 200, idle RSS %s MB\n' "$kind" "$ms" "$(( rss / 1024 ))"
  }
  rm -rf "$WORK/s5"; mkdir -p "$WORK/s5"
  startup sqlite-first "sqlite:$WORK/s5/first.db"
  startup postgresql-first "postgres://postgres@127.0.0.1:5432/$DB"
  for run in $(seq 1 "$RUNS"); do
    startup sqlite "sqlite:$WORK/s5/first.db"
    startup postgresql "postgres://postgres@127.0.0.1:5432/$DB"
  done
fi

# ---- scenario 6: seed-demo, and search on its data ---------------------------------------------
# demo_dataset SIZE DB: ten companies written by seed-demo itself (the API's rules, numbering and
# history): "Acme Meats", the measured one, with SIZE orders, and nine others with SIZE/10 each,
# seeded one after another while Acme's seed runs, so that the companies' rows interleave.
# The command-line tools get a long query timeout: on a machine busy with other work, a create-user
# or a seed's stage can take longer than the service's 5 s, which is not what is measured here.
cli() { DB_QUERY_TIMEOUT_MS=120000 PROJECTMEATS_PASSWORD=$SECRET java -jar "$JAR" "$@"; }
# The data sets this run has made or checked, by database, with their marks: a larger size copies
# the first size's set, which the loop below has already made (and measured on, which only reads).
# Without this, a run without --reuse, which never reads the marks in the databases, seeded it again.
declare -A MADE=()
demo_dataset() {
  local size=$1 db=$2 mark url i t0 secs copied=0 acme
  local base=${DEMO_LIST[0]}
  if (( size > base && size % base == 0 )) && [ "${BENCH_DEMO_SEED_ALL:-0}" = 0 ]; then copied=1; fi
  mark="$(sha256sum "$ROOT/src/main/java/com/projectmeats/demo/DemoData.java" | cut -c1-16)-$size"
  # A copied set is also marked with its copy step, so that one made by another copy step (60: one
  # that silently copied nothing) is not taken for this one.
  if [ "$copied" = 1 ]; then mark="$mark-copy-$(sha256sum "$BENCH/sql/copy-demo.sql" | cut -c1-16)"; fi
  if [ "${MADE[$db]:-}" = "$mark" ]; then
    echo "$db: made earlier in this run"
    return
  fi
  MADE[$db]=$mark
  url="postgres://postgres@127.0.0.1:5432/$db"
  DBS+=("$db")
  if [ "$REUSE" = 1 ] && [ "$(psql -d "$db" -qAtc 'SELECT mark FROM bench_mark' 2>/dev/null)" = "$mark" ]; then
    # The mark says how the set was made, not that it holds its rows: count the measured company's.
    acme=$(psql -d "$db" -qAtc "SELECT count(*) FROM purchase_orders p JOIN companies c ON c.id = p.company_id
      WHERE c.name = 'Acme Meats'" 2>/dev/null || echo "?")
    if [ "$acme" = "$size" ]; then
      echo "reusing $db ($acme purchase orders for Acme Meats)"
      DATABASE_URL=$url java -jar "$JAR" migrate >> "$WORK/logs/migrate.log" 2>&1
      psql -d "$db" -qc 'VACUUM (ANALYZE)'
      return
    fi
    echo "not reusing $db: Acme Meats holds $acme purchase orders, not $size; making it again"
  fi
  t0=$(now_ms)
  if [ "$copied" = 1 ]; then
    # Larger sizes are the first size's seed-demo data repeated: every company's orders, sales
    # orders, invoices and carrier POs copied (size/base - 1) times by SQL with their numbers
    # continued (10001…10000+N, then N+10001…), same counterparts, dates and amounts. seed-demo
    # writes ~100k orders too slowly for one sitting on a shared 2-core machine; search reads only
    # these rows and the counterparts' names. BENCH_DEMO_SEED_ALL=1 seeds them instead.
    demo_dataset "$base" "${DBP}_demo_$base"
    psql -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db TEMPLATE ${DBP}_demo_$base" postgres
    psql -d "$db" -q -v ON_ERROR_STOP=1 -v copies=$(( size / base - 1 )) -f "$BENCH/sql/copy-demo.sql" \
      || { echo "copying $db's orders failed" >&2; exit 1; }
    psql -d "$db" -qc 'VACUUM (ANALYZE)'
    psql -d "$db" -qc "DROP TABLE IF EXISTS bench_mark; CREATE TABLE bench_mark (mark text); INSERT INTO bench_mark VALUES ('$mark')"
    secs=$(( ($(now_ms) - t0) / 1000 ))
    echo "$db: the $base-order data set with its orders copied to $size for Acme Meats in ${secs} s"
    $LIB record "$RESULTS" '{}' scenario=demo-data size="$size" seconds="$secs" copied_from="$base" \
      bytes="$(psql -d "$db" -qAtc 'SELECT pg_database_size(current_database())')"
    return
  fi
  psql -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
  for i in 0 1 2 3 4 5 6 7 8 9; do
    local name="Other Company $i"; [ "$i" = 0 ] && name="Acme Meats"
    DATABASE_URL=$url cli create-user --email "owner$i@bench.example" --company "$name" --role owner \
      >> "$WORK/logs/s6-seed.log" 2>&1 || { echo "create-user failed:" >&2; tail -5 "$WORK/logs/s6-seed.log" >&2; exit 1; }
  done
  DATABASE_URL=$url cli seed-demo --company "Acme Meats" --orders "$size" > "$WORK/logs/s6-seed-acme-$size.log" 2>&1 &
  local acme=$!
  for i in 1 2 3 4 5 6 7 8 9; do
    DATABASE_URL=$url cli seed-demo --company "Other Company $i" --orders $((size / 10)) >> "$WORK/logs/s6-seed.log" 2>&1 \
      || { echo "seed-demo failed:" >&2; tail -5 "$WORK/logs/s6-seed.log" >&2; exit 1; }
  done
  wait "$acme" || { echo "seed-demo failed:" >&2; tail -20 "$WORK/logs/s6-seed-acme-$size.log" >&2; exit 1; }
  psql -d "$db" -qc 'VACUUM (ANALYZE)'
  psql -d "$db" -qc "CREATE TABLE bench_mark (mark text); INSERT INTO bench_mark VALUES ('$mark')"
  secs=$(( ($(now_ms) - t0) / 1000 ))
  echo "$db: $size orders for Acme Meats (+ $((size / 10)) for each of nine others) by seed-demo in ${secs} s"
  $LIB record "$RESULTS" '{}' scenario=demo-data size="$size" seconds="$secs" \
    bytes="$(psql -d "$db" -qAtc 'SELECT pg_database_size(current_database())')"
}

if wants 6; then
  IFS=, read -r -a DEMO_LIST <<< "$DEMO_SIZES"
  SEED_ORDERS=${BENCH_SEED_ORDERS:-${DEMO_LIST[0]}}
fi
# seed-demo exactly as a person runs it, on a fresh database, on a quiet machine (BENCH_SEED_ORDERS=0
# skips it, e.g. to make the data sets of a later --reuse run).
if wants 6 && [ "$SEED_ORDERS" != 0 ]; then
  log "Scenario 6: seed-demo --orders $SEED_ORDERS on a fresh database"
  settle
  DB=${DBP}_seed
  DBS+=("$DB")
  psql -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" postgres
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" cli create-user --email owner@bench.example \
    --company "Seed Timing" --role owner >> "$WORK/logs/s6-seed.log" 2>&1
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(now_ms)
  # As a person runs it: the service's own query timeout, no other setting.
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" java -jar "$JAR" seed-demo \
    --company "Seed Timing" --orders "$SEED_ORDERS" > "$WORK/logs/s6-seed-timed.log" 2>&1
  secs=$(awk -v ms="$(( $(now_ms) - t0 ))" 'BEGIN { printf "%.1f", ms / 1000 }')
  progress_lines=$(grep -c 'orders written' "$WORK/logs/s6-seed-timed.log" || true)
  dupes=$(psql -d "$DB" -qAtc "SELECT count(*) - count(DISTINCT order_number) FROM purchase_orders")
  gaps=$(psql -d "$DB" -qAtc "SELECT max(order_number::int) - min(order_number::int) + 1 - count(*) FROM purchase_orders")
  nohistory=$(psql -d "$DB" -qAtc "SELECT count(*) FROM purchase_orders p WHERE NOT EXISTS (SELECT 1 FROM record_history h
    WHERE h.company_id = p.company_id AND h.resource = 'purchase-orders' AND h.record_id = p.id AND h.action = 'created')")
  $LIB record "$RESULTS" '{}' scenario=6 key=seed orders="$SEED_ORDERS" seconds="$secs" load="$load" \
    progress_lines="$progress_lines" duplicate_numbers="$dupes" number_gaps="$gaps" without_history="$nohistory"
  printf '  seed-demo --orders %s: %s s (progress lines %s, duplicate numbers %s, gaps %s, orders without history %s)  load %s\n' \
    "$SEED_ORDERS" "$secs" "$progress_lines" "$dupes" "$gaps" "$nohistory" "$load"
fi
if wants 6; then
  for size in "${DEMO_LIST[@]}"; do
    log "Scenario 6: search on seed-demo data, $size orders, $LIST_CONNS connections"
    DB=${DBP}_demo_$size
    demo_dataset "$size" "$DB"
    settle
    read -r OWNER COMPANY <<< "$(psql -d "$DB" -qAtF' ' -c "SELECT m.user_id, m.company_id FROM memberships m
      JOIN companies c ON c.id = m.company_id WHERE c.name = 'Acme Meats' AND m.role = 'owner'")"
    TOKEN=$(new_token); add_token "$DB" "$OWNER" "$COMPANY" "$TOKEN" > /dev/null
    export BENCH_TOKEN=$TOKEN BENCH_ORDERS=$size
    start_product "s6-$size" $P0 DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
    for kind in prefix name fragment global; do
      export BENCH_SEARCH=$kind
      warm http://127.0.0.1:$P0 demo-search.lua "$LIST_CONNS" 200
      wrk_measure "$kind" http://127.0.0.1:$P0 demo-search.lua "$LIST_CONNS" 200 \
        "$WORK/logs/s6-$size.samples" scenario=6 size="$size"
    done
    stop "$PID"
  done
fi

log "Report"
# A run of some scenarios keeps the others' figures from the results it replaces, marked as such.
if [ "$ONLY" != "1,2,3,4,5,6" ] && [ -f "${OUT%.md}.jsonl" ] && [ "${BENCH_KEEP_OTHERS:-1}" = 1 ]; then
  $LIB keep-others "$RESULTS" "${OUT%.md}.jsonl" "$ONLY" "$WORK/meta.json"
fi
$LIB report "$RESULTS" "$WORK/meta.json" "$OUT"
echo "wrote $OUT and ${OUT%.md}.jsonl (the raw records)"
