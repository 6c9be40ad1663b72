#!/usr/bin/env bash
# Rolls real containers with the production deploy scripts, on this machine's Docker engine:
#
#   docker/tests/deploy-checks.sh [IMAGE]     default IMAGE projectmeats:local (build-image.sh)
#
# docker/deploy_remote.sh (what deploy_via_compose.sh runs on a droplet over SSH) runs here with
# docker/compose.uat.yml (two replicas, PostgreSQL) in a scratch project directory:
#   1. version 1 is deployed; a user signs in and makes a token
#   2. version 1 → version 2, one replica at a time, while a client reads /healthz and an API list
#      every 50 ms through the router: every request must answer 200
#   3. version 3, whose server never answers /healthz, must fail the deploy loudly and leave two
#      version 2 replicas serving (and env/image.env naming version 2); the client still sees 0 failures
#   4. remote-docker-cleanup.sh keeps the newest two images of the repository and any in use
#
# What production has and this machine cannot, and what stands in for it, is printed first.
# Closes with "N passed, N failed"; exits non-zero if any failed.
set -euo pipefail

TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DOCKER_DIR=$(cd "$TESTS_DIR/.." && pwd)
# shellcheck source=docker/tests/lib/engine.bash
source "$TESTS_DIR/lib/engine.bash"
SOURCE_IMAGE=${1:-projectmeats:local}
ENV_NAME=uat
# A loopback address of its own, on port 80: image names cannot carry a port (deploy_remote.sh
# allows none), and the engine tries HTTPS on 443 first, where the router stand-in answers on
# 127.0.0.1.
REGISTRY_HOST=127.0.0.2
REGISTRY_ADDR=$REGISTRY_HOST:80
REPO=$REGISTRY_HOST/projectmeats
ROUTER_IMAGE=$REGISTRY_HOST/projectmeats-router:standin
BASE_IMAGE=${BASE_IMAGE:-projectmeats-local/debian:trixie}
PGPORT_NUM=${PGPORT_NUM:-5432}
# The yaml package run-checks.sh installs (it rewrites the Compose file's traefik service).
export NODE_PATH=${TOOLS_DIR:-$TESTS_DIR/.tools}/node_modules

run_id=$$
work=$(mktemp -d)
project=$work/opt-projectmeats
pg_db=pm_deploy_$run_id
passed=0 failed=0 started=$SECONDS
registry_pid="" forwarder_pid="" poller_pid=""

say() { printf '[deploy-checks %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
pass() {
  passed=$((passed + 1))
  echo "ok      $1"
}
flunk() {
  failed=$((failed + 1))
  echo "FAILED  $1"
  if [[ -n ${2:-} ]]; then printf '%s\n' "$2" | sed 's/^/        | /'; fi
}
summary() {
  echo "deploy-checks: $((SECONDS - started)) s"
  echo "$passed passed, $failed failed"
}

cleanup() {
  [[ -z $poller_pid ]] || kill "$poller_pid" 2>/dev/null || true
  if [[ -f $project/.env ]]; then
    (cd "$project" && docker compose down --remove-orphans --timeout 5 >/dev/null 2>&1) || true
  fi
  docker ps -aq --filter label=com.docker.compose.project=projectmeats | xargs -r docker rm -f >/dev/null 2>&1 || true
  [[ -z $forwarder_pid ]] || kill "$forwarder_pid" 2>/dev/null || true
  [[ -z $registry_pid ]] || kill "$registry_pid" 2>/dev/null || true
  for tag in v1 v2 v3; do docker image rm "$REPO:$tag" >/dev/null 2>&1 || true; done
  psql -h 127.0.0.1 -p "$PGPORT_NUM" -U postgres -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work" "$ENGINE_SHIM_DIR"
}
trap cleanup EXIT

docker image inspect "$SOURCE_IMAGE" >/dev/null 2>&1 || {
  echo "no image $SOURCE_IMAGE: run docker/tests/build-image.sh first"
  exit 1
}
[[ -d $NODE_PATH/yaml ]] || {
  echo "no yaml package under $NODE_PATH: run docker/tests/run-checks.sh first (it installs it)"
  exit 1
}
for port in 80 443 8000; do
  if ss -Hltn "sport = :$port" | grep -q .; then
    echo "port $port is taken on this machine; the stand-ins need 127.0.0.1:443 and :8000 and 127.0.0.2:80"
    exit 1
  fi
done

cat <<'NOTE'
Production parts replaced here (docs/deploying.md, "What the checks exercise"):
  SSH + scp (deploy_via_compose.sh)   -> deploy_remote.sh run directly, in a scratch PROJECT_DIR
  Docker Compose v2 plugin            -> Debian's docker-compose 1.29 (`docker compose` mapped onto it)
  Traefik v3 (routing, retry, :8000)  -> HAProxy from Debian, same ports, health-checked routing and retries
  Let's Encrypt certificate           -> a certificate from a local CA (curl told of it by CURL_CA_BUNDLE)
  GHCR (login, pull)                  -> login/logout skipped; pull from Debian's docker-registry on 127.0.0.2
  managed PostgreSQL 15               -> this machine's PostgreSQL, forwarded onto the Docker bridge by socat
NOTE

# --- stand-ins ---------------------------------------------------------------------------------
# A `docker` ahead of the engine's: login and logout to GHCR are skipped (nothing to log in to);
# everything else goes to the engine as usual.
standin_bin=$work/bin
mkdir -p "$standin_bin"
cat >"$standin_bin/docker" <<SHIM
#!/usr/bin/env bash
case "\${1:-}" in
  login | logout)
    cat >/dev/null || true
    echo "[stand-in] docker \$1 \${2:-}: skipped, the stand-in registry needs no login" >&2
    exit 0 ;;
esac
exec "$ENGINE_SHIM_DIR/docker" "\$@"
SHIM
chmod +x "$standin_bin/docker"

say "registry (Debian's docker-registry) on $REGISTRY_ADDR"
mkdir -p "$work/registry"
cat >"$work/registry/config.yml" <<YAML
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $work/registry/data }, delete: { enabled: true } }
http: { addr: "$REGISTRY_ADDR" }
YAML
docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://$REGISTRY_ADDR/v2/" && break; sleep 0.2; done

say "PostgreSQL on the Docker bridge (socat to 127.0.0.1:$PGPORT_NUM)"
bridge_if=$(docker network inspect bridge --format '{{index .Options "com.docker.network.bridge.name"}}')
bridge_ip=$(ip -4 -o addr show dev "$bridge_if" | awk '{sub(/\/.*/, "", $4); print $4}' | awk 'NR == 1')
[[ -n $bridge_ip ]] || { echo "no IPv4 address on Docker's bridge '$bridge_if'"; exit 1; }
socat "TCP-LISTEN:$PGPORT_NUM,bind=$bridge_ip,fork,reuseaddr" "TCP:127.0.0.1:$PGPORT_NUM" &
forwarder_pid=$!
psql -h 127.0.0.1 -p "$PGPORT_NUM" -U postgres -qc "CREATE DATABASE $pg_db"

say "local CA and a certificate for localhost"
mkdir -p "$project/standin-certs"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=deploy-checks CA' \
  -keyout "$work/ca.key" -out "$work/ca.pem" -addext basicConstraints=critical,CA:TRUE 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost' -keyout "$work/site.key" -out "$work/site.csr" 2>/dev/null
openssl x509 -req -in "$work/site.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile <(printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n') -out "$work/site.pem" 2>/dev/null
cat "$work/site.pem" "$work/site.key" >"$project/standin-certs/site.pem"
chmod 0644 "$project/standin-certs/site.pem"

say "images: versions 1-3 of the app and the router stand-in, pushed to the registry"
docker tag "$SOURCE_IMAGE" "$REPO:v1"
# Each version is pushed before the next is built on it: BuildKit looks a FROM up in its registry.
docker push -q "$REPO:v1" >/dev/null
# Version 2: the same build plus a layer of its own, as a new commit would be (a label alone would
# keep version 1's creation time, and the cleanup orders images by it).
printf 'FROM %s\nLABEL org.opencontainers.image.version=2\nRUN echo 2 >/tmp/release\n' "$REPO:v1" | docker build -q -t "$REPO:v2" - >/dev/null
docker push -q "$REPO:v2" >/dev/null
# Version 3 migrates like the others, then hangs before it ever serves: its /healthz never answers.
# shellcheck disable=SC2016 # $1 is for the container's bash
printf '%s\n' "FROM $REPO:v2" 'LABEL org.opencontainers.image.version=3' 'RUN echo 3 >/tmp/release' \
  'ENTRYPOINT ["bash", "-c", "if [ \"$1\" = migrate ]; then exec java -jar /app/projectmeats.jar migrate; fi; echo version 3 hangs before it serves; exec sleep infinity", "v3"]' |
  docker build -q -t "$REPO:v3" - >/dev/null
docker build -q --build-arg "BASE=$BASE_IMAGE" -f "$TESTS_DIR/standins/router.Dockerfile" -t "$ROUTER_IMAGE" "$TESTS_DIR/standins" >/dev/null
for image in "$REPO:v3" "$ROUTER_IMAGE"; do docker push -q "$image" >/dev/null; done

# --- the droplet's project directory -------------------------------------------------------------
# compose.uat.yml as production has it, but for its traefik service, which becomes the router
# stand-in (same service name, ports on 127.0.0.1 only).
mkdir -p "$project/bin" "$project/env"
cp "$DOCKER_DIR/deploy_remote.sh" "$DOCKER_DIR/remote-docker-cleanup.sh" "$project/bin/"
node - "$DOCKER_DIR/compose.$ENV_NAME.yml" "$project/compose.$ENV_NAME.yml" "$ROUTER_IMAGE" <<'JS'
const fs = require('node:fs');
const YAML = require('yaml');
const [src, dest, router] = process.argv.slice(2);
const doc = YAML.parse(fs.readFileSync(src, 'utf8'), { maxAliasCount: 100, merge: true });
doc.services.traefik = {
  image: router,
  restart: 'unless-stopped',
  ports: ['127.0.0.1:8000:8000', '127.0.0.1:443:443'],
  volumes: ['./standin-certs:/certs:ro'],
  networks: ['web'],
  healthcheck: { test: ['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/8000'], interval: '2s', timeout: '2s', retries: 3, start_period: '5s' },
};
fs.writeFileSync(dest, YAML.stringify(doc));
JS
cat >"$project/env/$ENV_NAME.env" <<ENV
APP_DOMAIN=localhost
LETSENCRYPT_EMAIL=ops@example.com
SECRET_KEY=deploy-checks-secret-key-of-at-least-32-characters
DATABASE_URL=postgres://postgres@$bridge_ip:$PGPORT_NUM/$pg_db
ENV

# deploy VERSION: deploy_remote.sh as deploy_via_compose.sh runs it on the droplet (token on stdin).
deploy() {
  printf 'stand-in-token' | PATH="$standin_bin:$PATH" PROJECT_DIR="$project" CURL_CA_BUNDLE="$work/ca.pem" \
    HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-90}" POLL_INTERVAL=1 LOCAL_TIMEOUT=30 PUBLIC_TIMEOUT=30 LOG_LINES=20 \
    bash "$project/bin/deploy_remote.sh" "$ENV_NAME" "$REPO:$1" localhost deploy-checks
}
running_versions() {
  docker ps --filter label=com.docker.compose.project=projectmeats --filter label=com.docker.compose.service=app \
    --filter label=com.docker.compose.oneoff=False --format '{{.Image}}' | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}'
}

# --- 1. version 1 --------------------------------------------------------------------------------
say "deploying version 1"
if deploy v1 >"$work/deploy-v1.log" 2>&1 && [[ $(running_versions) == "2×$REPO:v1 " ]]; then
  pass "version 1 deployed: $(running_versions)"
else
  flunk "version 1 deployed (running: $(running_versions))" "$(tail -n 40 "$work/deploy-v1.log")"
  summary
  exit 1
fi

password='a long passphrase for the deploy checks'
make_token() {
  local app1
  app1=$(docker ps -q --filter label=com.docker.compose.service=app --filter label=com.docker.compose.oneoff=False | awk 'NR == 1')
  docker exec -e PROJECTMEATS_PASSWORD="$password" "$app1" \
    java -jar /app/projectmeats.jar create-user --email ops@example.com --company "Deploy Checks" --role owner
  # UAT's session cookie is Secure: sign in over HTTPS, through the router, as a browser would.
  curl -sS --cacert "$work/ca.pem" -c "$work/cookies" -H 'Content-Type: application/json' \
    -d "{\"email\":\"ops@example.com\",\"password\":\"$password\"}" https://localhost/api/v1/auth/login
  token=$(curl -sS --cacert "$work/ca.pem" -b "$work/cookies" -H 'X-Requested-With: deploy-checks' \
    -H 'Content-Type: application/json' -d '{"name":"poller"}' https://localhost/api/v1/auth/tokens | tee /dev/stderr | jq -r .token)
  [[ $token == pmt_* ]]
}
token=""
if make_token >"$work/token.log" 2>&1; then
  pass "a user made in a replica signs in over https://localhost (local CA) and makes an API token"
else
  flunk "a user signs in and makes an API token" "$(tail -n 30 "$work/token.log")"
  summary
  exit 1
fi

# The client: /healthz and an API read every 50 ms through the router's host entry point, each
# outcome one line (status, path); an answer other than 200 also gets its time and the start of
# its body, which tells a replica's own answer (JSON) from the router's (HTML).
poll() {
  local body=$work/poll-body.$BASHPID code
  while :; do
    for path in /healthz /api/v1/suppliers; do
      code=$(curl -s -o "$body" -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $token" \
        "http://127.0.0.1:8000$path" || true)
      if [[ $code == 200 ]]; then
        echo "200 $path"
      else
        echo "$code $path at $(date -u +%T.%3N): $(tr -s '\n\r\t ' ' ' <"$body" 2>/dev/null | cut -c1-240)"
      fi
    done
    sleep 0.05
  done
}
requests_summary() {
  local total bad
  total=$(wc -l <"$1")
  bad=$(grep -vc '^200 ' "$1" || true)
  echo "$total requests, $bad not 200$( ((bad == 0)) || printf ': %s' "$(grep -v '^200 ' "$1" | sort | uniq -c | tr '\n' ';')")"
}

# --- 2. version 1 → version 2 under load ------------------------------------------------------------
poll >"$work/poll-v2.log" &
poller_pid=$!
sleep 1
say "deploying version 2 while the client polls"
v2_start=$SECONDS
v2_status=0
deploy v2 >"$work/deploy-v2.log" 2>&1 || v2_status=$?
sleep 1
kill "$poller_pid"
wait "$poller_pid" 2>/dev/null || true
poller_pid=""
grep -E '^\[deploy' "$work/deploy-v2.log" | sed 's/^/        /'
if ((v2_status == 0)) && [[ $(running_versions) == "2×$REPO:v2 " ]]; then
  pass "version 1 → 2 one replica at a time in $((SECONDS - v2_start)) s: $(running_versions)"
else
  flunk "version 1 → 2 (exit $v2_status; running: $(running_versions))" "$(tail -n 40 "$work/deploy-v2.log")"
fi
replaced=$(grep -c 'retiring replica' "$work/deploy-v2.log" || true)
if ((replaced == 2)) && grep -q 'replica 2/2: started' "$work/deploy-v2.log"; then
  pass "each of the 2 old replicas was retired only after a new one was healthy"
else
  flunk "one replica at a time (retired: $replaced)" "$(grep -E '^\[deploy' "$work/deploy-v2.log")"
fi
result=$(requests_summary "$work/poll-v2.log")
if [[ $result =~ ^[1-9][0-9]*\ requests,\ 0\ not\ 200$ ]]; then
  pass "client during the rollout: $result"
else
  flunk "client during the rollout: $result"
fi

# --- 3. version 3 never turns healthy ------------------------------------------------------------------
poll >"$work/poll-v3.log" &
poller_pid=$!
say "deploying version 3, which never answers /healthz (HEALTH_TIMEOUT=${V3_HEALTH_TIMEOUT:-45} s)"
v3_status=0
HEALTH_TIMEOUT=${V3_HEALTH_TIMEOUT:-45} deploy v3 >"$work/deploy-v3.log" 2>&1 || v3_status=$?
kill "$poller_pid"
wait "$poller_pid" 2>/dev/null || true
poller_pid=""
grep -E '^\[deploy|FAILED' "$work/deploy-v3.log" | sed 's/^/        /'
if ((v3_status != 0)) && grep -q 'FAILED: new version unhealthy: removed it; the previous version keeps serving with' "$work/deploy-v3.log"; then
  pass "version 3 fails the deploy loudly (exit $v3_status, FAILED line, its log printed)"
else
  flunk "version 3 fails the deploy (exit $v3_status)" "$(tail -n 30 "$work/deploy-v3.log")"
fi
if [[ $(running_versions) == "2×$REPO:v2 " ]] && grep -qx "IMAGE=$REPO:v2" "$project/env/image.env" &&
  curl -fsS -H "Authorization: Bearer $token" http://127.0.0.1:8000/api/v1/suppliers >/dev/null; then
  pass "version 2 still serves with 2 replicas; env/image.env names it again"
else
  flunk "version 2 still serves (running: $(running_versions); $(cat "$project/env/image.env"))"
fi
result=$(requests_summary "$work/poll-v3.log")
if [[ $result =~ ^[1-9][0-9]*\ requests,\ 0\ not\ 200$ ]]; then
  pass "client during the failed deploy: $result"
else
  flunk "client during the failed deploy: $result"
fi

# --- 4. image cleanup --------------------------------------------------------------------------------
tags_of_repo() { docker image ls --format '{{.Tag}}' "$REPO" | sort | tr '\n' ' '; }
say "images before cleanup: $(tags_of_repo)"
# As the deploy runs it (KEEP=2): v3 and v2 are the newest two, v1 goes. Every deploy ends with
# this cleanup, so v1 may already be gone (all three versions were pulled before the first
# rollout); it must have been removed exactly once, by a deploy or by this run.
cleanup_out=$(bash "$project/bin/remote-docker-cleanup.sh" 2>&1) || true
printf '%s\n' "$cleanup_out" | sed 's/^/        /'
v1_removals=$(cat "$work/deploy-v2.log" "$work/deploy-v3.log" - <<<"$cleanup_out" | grep -cF "removing $REPO:v1 " || true)
if [[ $(tags_of_repo) == "v2 v3 " ]] && ((v1_removals == 1)); then
  pass "cleanup kept the newest two images of $REPO and removed the older: $(tags_of_repo)"
else
  flunk "cleanup keeps the newest two (left: $(tags_of_repo))" "$cleanup_out"
fi
# KEEP=1: v3 is the newest; v2 is older but the replicas run it, so it stays too.
cleanup_out=$(KEEP=1 bash "$project/bin/remote-docker-cleanup.sh" 2>&1) || true
printf '%s\n' "$cleanup_out" | sed 's/^/        /'
if [[ $(tags_of_repo) == "v2 v3 " ]] && grep -qF "keeping $REPO:v2 " <<<"$cleanup_out" && grep -q 'a container uses it' <<<"$cleanup_out" &&
  [[ $(running_versions) == "2×$REPO:v2 " ]]; then
  pass "cleanup never removes an image a container runs (KEEP=1 kept v2 for its replicas)"
else
  flunk "cleanup keeps images in use (left: $(tags_of_repo); running: $(running_versions))" "$cleanup_out"
fi

summary
((failed == 0))
