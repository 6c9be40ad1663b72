#!/usr/bin/env bash
# Runs the built image as production runs it and checks what production relies on:
#
#   docker/tests/image-checks.sh [IMAGE]      default IMAGE projectmeats:local (build-image.sh)
#
#   - the container runs as the image's non-root user, and its HEALTHCHECK turns healthy
#   - through a port published on 127.0.0.1: /healthz, the web app from inside the image (index.html
#     naming /assets/…, an asset served as JavaScript), an API call with a token made the way a
#     user makes one (create-user in the container, sign in, create a token)
#   - SQLite on a named volume: a record survives `docker restart` and a new container on the volume
#   - DATABASE_URL at the host's PostgreSQL (127.0.0.1:5432, reached with --network host): it
#     migrates and serves
#   - `docker stop` lets a request still uploading finish, then the JVM exits 0
#   - the class-data archive is mapped (classes load from it), and start → /healthz 200 is measured
#     with and without it
#
# Prints one line per check and closes with "N passed, N failed"; exits non-zero if any failed.
# Every container and volume it makes is named pm-check-* and removed at the end.
set -euo pipefail

TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=docker/tests/lib/engine.bash
source "$TESTS_DIR/lib/engine.bash"
IMAGE=${1:-projectmeats:local}
PGHOST_ADDR=${PGHOST_ADDR:-127.0.0.1}
PGPORT_NUM=${PGPORT_NUM:-5432}
run_id=$$
volume=pm-check-data-$run_id
pg_db=pm_check_$run_id
work=$(mktemp -d)
passed=0 failed=0
started=$SECONDS

cleanup() {
  docker ps -aq --filter "name=pm-check-.*-$run_id" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume rm -f "$volume" >/dev/null 2>&1 || true
  psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work" "$ENGINE_SHIM_DIR"
}
trap cleanup EXIT

pass() {
  passed=$((passed + 1))
  echo "ok      $1"
}
flunk() {
  failed=$((failed + 1))
  echo "FAILED  $1"
  if [[ -n ${2:-} ]]; then printf '%s\n' "$2" | sed 's/^/        | /'; fi
}
# check NAME CMD…: CMD's output is shown when it fails; its "figure:" lines always.
check() {
  local name=$1
  shift
  if "$@" >"$work/out" 2>&1; then pass "$name"; else flunk "$name" "$(tail -n 40 "$work/out")"; fi
  grep '^figure: ' "$work/out" | sed 's/^/        /' || true
}
say() { printf '[image-checks %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

docker image inspect "$IMAGE" >/dev/null 2>&1 || {
  echo "no image $IMAGE: run docker/tests/build-image.sh first"
  exit 1
}

# --- helpers -----------------------------------------------------------------------------------
host_port() { docker port "$1" 8000/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -n 1; }
health() { docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1"; }

# wait_healthy CONTAINER [SECONDS]: Docker's own HEALTHCHECK says healthy.
wait_healthy() {
  local deadline=$((SECONDS + ${2:-120})) state
  while ((SECONDS < deadline)); do
    state=$(health "$1")
    [[ $state == healthy ]] && return 0
    [[ $(docker inspect --format '{{.State.Running}}' "$1") == true ]] || {
      echo "$1 stopped"
      docker logs --tail 40 "$1"
      return 1
    }
    sleep 0.5
  done
  echo "$1 is '$state' after ${2:-120} s"
  docker logs --tail 40 "$1"
  return 1
}

# millis_to_200 URL: polls every 50 ms; prints the milliseconds until it answered 200.
millis_to_200() {
  local from now
  from=$(date +%s%N)
  for _ in $(seq 1 2400); do
    if curl -fs -o /dev/null --max-time 1 "$1"; then
      now=$(date +%s%N)
      echo $(((now - from) / 1000000))
      return 0
    fi
    sleep 0.05
  done
  return 1
}

# run_app NAME [docker run options…]: a detached container of IMAGE, port 8000 on 127.0.0.1.
run_app() {
  local name=$1
  shift
  docker run -d --name "$name" -p 127.0.0.1::8000 -e LOG_FORMAT=text -e PASSWORD_HASH_ITERATIONS=1000 "$@" "$IMAGE" >/dev/null
}

# --- 1. SQLite on a volume: user, health, the web app, the API ---------------------------------
app=pm-check-sqlite-$run_id
docker volume create "$volume" >/dev/null
run_app "$app" -v "$volume:/app/data"
check "HEALTHCHECK turns healthy (SQLite on volume $volume)" wait_healthy "$app"
port=$(host_port "$app")
base=http://127.0.0.1:$port
say "container $app answers on $base"

runs_as_app_user() {
  [[ $(docker inspect --format '{{.Config.User}}' "$IMAGE") == 10001:10001 ]]
  # The JVM (PID 1) itself, not only `docker exec`'s default user.
  docker exec "$app" sh -c 'grep -E "^(Uid|Gid):" /proc/1/status' | tee /dev/stderr | awk '{ if ($2 != 10001 || $3 != 10001) bad = 1 } END { exit bad }'
  # and it can write its data folder (the SQLite file is there, owned by it)
  [[ $(docker exec "$app" stat -c '%u' /app/data/projectmeats.db) == 10001 ]]
}
check "runs as the non-root user 10001:10001 and owns /app/data" runs_as_app_user

healthz_up() {
  local body
  body=$(curl -fsS --max-time 3 "$base/healthz")
  echo "$body"
  jq -e '.status == "UP" and (.checks[] | select(.id == "database") | .status == "UP")' <<<"$body" >/dev/null
}
check "GET /healthz through 127.0.0.1:$port: 200 UP, database UP" healthz_up

web_app_served() {
  local headers index asset type
  index=$(curl -fsS -D "$work/index.headers" "$base/")
  grep -qi '^content-type: text/html' "$work/index.headers"
  asset=$(grep -oE '/assets/[A-Za-z0-9._-]+\.js' <<<"$index" | head -n 1)
  [[ -n $asset ]] || { echo "index.html names no /assets/*.js:"; head -c 600 <<<"$index"; return 1; }
  headers=$(curl -fsS -o "$work/asset.js" -D - "$base$asset")
  type=$(grep -i '^content-type:' <<<"$headers" | tr -d '\r')
  echo "$asset: $type, $(wc -c <"$work/asset.js") bytes"
  grep -qiE 'content-type: (text|application)/javascript' <<<"$type"
  [[ -s $work/asset.js ]]
  # A client route the SPA owns answers index.html too.
  curl -fsS "$base/purchase-orders" | grep -qF "$asset"
}
check "GET / is the built index.html; its /assets/*.js answers as JavaScript" web_app_served

password='a long passphrase for the image checks'
api_with_token() {
  docker exec -e PROJECTMEATS_PASSWORD="$password" "$app" \
    java -jar /app/projectmeats.jar create-user --email owner@example.com --company "Image Checks" --role owner
  curl -fsS -c "$work/jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"owner@example.com\",\"password\":\"$password\"}" "$base/api/v1/auth/login" >/dev/null
  token=$(curl -fsS -b "$work/jar" -H 'X-Requested-With: image-checks' -H 'Content-Type: application/json' \
    -d '{"name":"image checks"}' "$base/api/v1/auth/tokens" | jq -r .token)
  [[ $token == pmt_* ]] || { echo "no token: $token"; return 1; }
  echo "$token" >"$work/token"
  # Without the token the API refuses; with it, it writes and reads.
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/suppliers") == 401 ]]
  supplier=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"Volume Packing","state":"TX"}' "$base/api/v1/suppliers" | jq -r .id)
  [[ $supplier =~ ^[0-9]+$ ]]
  echo "$supplier" >"$work/supplier"
  curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/suppliers?q=Volume" | jq -e '.count == 1' >/dev/null
}
check "API with a token: create-user in the container, sign in, token, POST and GET /api/v1/suppliers" api_with_token

supplier_still_there() {
  local token supplier
  token=$(cat "$work/token") supplier=$(cat "$work/supplier")
  curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/suppliers/$supplier" | jq -e '.name == "Volume Packing"'
}
restart_keeps_data() {
  docker restart "$app" >/dev/null
  wait_healthy "$app"
  port=$(host_port "$app") base=http://127.0.0.1:$port
  supplier_still_there
}
check "docker restart: healthy again, the token and the supplier are still there" restart_keeps_data

new_container_keeps_data() {
  docker rm -f "$app" >/dev/null
  app=pm-check-sqlite2-$run_id
  run_app "$app" -v "$volume:/app/data"
  wait_healthy "$app"
  port=$(host_port "$app") base=http://127.0.0.1:$port
  supplier_still_there
}
check "a new container on the same volume: the token and the supplier are still there" new_container_keeps_data

# --- 2. SIGTERM drains ---------------------------------------------------------------------------
stop_drains() {
  local body_file=$work/slow-body.json code stop_started stop_ended answered_at status
  # A sign-in whose body takes about 6 s to upload is in flight when `docker stop` is sent.
  printf '{"email":"owner@example.com","password":"%s","pad":"%s"}' "$password" "$(head -c 12000 /dev/zero | tr '\0' x)" >"$body_file"
  (
    curl -s -o /dev/null -w '%{http_code}' --limit-rate 2k -H 'Content-Type: application/json' \
      --data-binary "@$body_file" "$base/api/v1/auth/login" >"$work/slow.code"
    date +%s%N >"$work/slow.at"
  ) &
  local slow=$!
  sleep 1.5
  stop_started=$(date +%s%N)
  docker stop "$app" >/dev/null
  stop_ended=$(date +%s%N)
  wait "$slow" || true
  code=$(cat "$work/slow.code") answered_at=$(cat "$work/slow.at")
  status=$(docker inspect --format '{{.State.ExitCode}}' "$app")
  echo "figure: in-flight request answered $code $(((answered_at - stop_started) / 1000000)) ms after docker stop began;" \
    "stop took $(((stop_ended - stop_started) / 1000000)) ms; exit code $status"
  docker logs "$app" 2>&1 | grep -E 'Stopping|Stopped' || true
  # Any HTTP answer (the sign-in itself may refuse the padded body) proves it was served, not cut.
  [[ $code =~ ^[1-5][0-9][0-9]$ ]] && ((answered_at > stop_started)) && [[ $status == 0 ]] &&
    docker logs "$app" 2>&1 | grep -q 'Stopped cleanly'
}
check "docker stop: a request still uploading is answered, then the JVM exits 0" stop_drains
docker rm -f "$app" >/dev/null

# --- 3. PostgreSQL -------------------------------------------------------------------------------
postgres_serves() {
  local pg_port=$((20000 + RANDOM % 20000)) pg_app=pm-check-postgres-$run_id tables
  psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -qc "CREATE DATABASE $pg_db"
  # Host networking: the container reaches the host's 127.0.0.1:5432 as the host does, with no
  # change to PostgreSQL's listen addresses or pg_hba.conf.
  docker run -d --name "$pg_app" --network host -e PORT="$pg_port" -e PASSWORD_HASH_ITERATIONS=1000 \
    -e DATABASE_URL="postgres://postgres@$PGHOST_ADDR:$PGPORT_NUM/$pg_db" "$IMAGE" >/dev/null
  wait_healthy "$pg_app"
  curl -fsS "http://127.0.0.1:$pg_port/healthz" | jq -e '.status == "UP"'
  tables=$(psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -d "$pg_db" -Atc \
    "SELECT count(*) FROM flyway_schema_history WHERE success")
  echo "figure: migrations applied on PostgreSQL: $tables"
  ((tables > 0))
  docker exec -e PROJECTMEATS_PASSWORD="$password" "$pg_app" \
    java -jar /app/projectmeats.jar create-user --email pg@example.com --company "PG Checks" --role owner
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\":\"pg@example.com\",\"password\":\"$password\"}" "http://127.0.0.1:$pg_port/api/v1/auth/login") == 200 ]]
  docker stop "$pg_app" >/dev/null
  [[ $(docker inspect --format '{{.State.ExitCode}}' "$pg_app") == 0 ]]
}
check "DATABASE_URL at the host's PostgreSQL: migrates, healthy, a user signs in, stops with 0" postgres_serves

# --- 4. class-data archive -----------------------------------------------------------------------
archive_mapped() {
  local cds_app=pm-check-cds-$run_id shared app_shared
  run_app "$cds_app" -e JDK_JAVA_OPTIONS='-Xshare:on -Xlog:class+load=info:file=/tmp/class-load.log'
  wait_healthy "$cds_app"
  # "top" is the dynamic archive the image built for this jar (the JDK's own is "shared objects file").
  shared=$(docker exec "$cds_app" grep -c 'source: shared objects file (top)' /tmp/class-load.log || true)
  app_shared=$(docker exec "$cds_app" grep -c 'com\.projectmeats\..*source: shared objects file (top)' /tmp/class-load.log || true)
  echo "figure: classes loaded from the image's archive: $shared (of them com.projectmeats: $app_shared)"
  docker rm -f "$cds_app" >/dev/null
  ((shared > 1000 && app_shared > 10))
}
check "the class-data archive is mapped: the app's classes load from it" archive_mapped

# start → /healthz 200 (polled every 50 ms through the published port), median of three starts
# each. "Without" runs the image's own entrypoint less -XX:SharedArchiveFile (the JDK's default
# archive stays on, as in any image).
measure_starts() {
  local label=$1 name times=() t i
  shift
  for i in 1 2 3; do
    name=pm-check-start-$label-$i-$run_id
    docker create --name "$name" -p 127.0.0.1::8000 -e PASSWORD_HASH_ITERATIONS=1000 "$@" >/dev/null
    docker start "$name" >/dev/null
    t=$(millis_to_200 "http://127.0.0.1:$(host_port "$name")/healthz") || { docker logs --tail 20 "$name"; return 1; }
    times+=("$t")
    docker rm -f "$name" >/dev/null
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "$median" >"$work/median-$label"
  echo "figure: start → /healthz 200 $label the archive: ${times[*]} ms (median $median ms)"
}
cds_start_times() {
  measure_starts with "$IMAGE"
  measure_starts without --entrypoint java "$IMAGE" -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -jar /app/projectmeats.jar
  # Timing alone is too noisy on a shared machine to fail on; the mapping check above is the proof.
}
check "start → /healthz 200 measured with and without the archive" cds_start_times

echo "image-checks: $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
((failed == 0))
