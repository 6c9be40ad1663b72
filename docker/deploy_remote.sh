#!/usr/bin/env bash
# Remote half of deploy_via_compose.sh. Runs ON the droplet as the deploy user, in
# /opt/projectmeats (PROJECT_DIR), after the env files and the Compose file have been uploaded:
#
#   deploy_remote.sh ENV IMAGE APP_DOMAIN GHCR_USER   < token-on-stdin
#
# Steps, each stopping the deploy on failure:
#   1. log in to GHCR (token read from stdin, so it never shows in `ps` or a log)
#   2. pull the images
#   3. run the migrations in a one-off container of the NEW image, before it takes traffic;
#      if they fail nothing else changes and the running version keeps serving
#   4. `up -d` Traefik, then roll the app: start one new replica, wait until Docker says it is
#      healthy (Traefik only routes to healthy containers), retire one old replica, repeat.
#      A new replica that never becomes healthy is removed, its logs printed, and the old
#      replicas keep serving.
#   5. wait until http://127.0.0.1:8000/healthz (Traefik's host-only entry point) and
#      https://APP_DOMAIN/healthz both answer 200
#   6. remove old images (remote-docker-cleanup.sh)
#
# Operators can run it by hand on the droplet too; docs/deploying.md says how.
set -euo pipefail

PROJECT_DIR=${PROJECT_DIR:-/opt/projectmeats}
REGISTRY=ghcr.io
# Seconds a new replica may take to turn healthy (JVM start; migrations already ran).
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-180}
# Seconds for the URLs to answer; the first deploy waits for Let's Encrypt as well.
LOCAL_TIMEOUT=${LOCAL_TIMEOUT:-60}
PUBLIC_TIMEOUT=${PUBLIC_TIMEOUT:-180}
POLL_INTERVAL=${POLL_INTERVAL:-3}
LOG_LINES=${LOG_LINES:-200}

log() { printf '[deploy %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() {
  printf '[deploy %s] FAILED: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2
  exit 1
}

usage() {
  echo "usage: $0 ENV(dev|uat|prod) IMAGE APP_DOMAIN GHCR_USER   (GHCR token on stdin)" >&2
  exit 2
}

[[ $# -eq 4 ]] || usage
ENV_NAME=$1 IMAGE=$2 APP_DOMAIN=$3 GHCR_USER=$4

# Replica counts must equal deploy.replicas in compose.<env>.yml (docker/tests check they do).
case "$ENV_NAME" in
  dev) REPLICAS=1 ;;
  uat | prod) REPLICAS=2 ;;
  *) usage ;;
esac
# These values end up unquoted in .env and in Traefik rules: allow only what they can contain.
[[ $IMAGE =~ ^[a-z0-9][a-z0-9./_-]*:[A-Za-z0-9_.-]+$ ]] || fail "IMAGE '$IMAGE' is not repository:tag"
[[ $APP_DOMAIN =~ ^[A-Za-z0-9.-]+$ ]] || fail "APP_DOMAIN '$APP_DOMAIN' is not a host name"
[[ $GHCR_USER =~ ^[A-Za-z0-9._-]+(\[bot\])?$ ]] || fail "GHCR_USER '$GHCR_USER' is not a GitHub user name"

cd "$PROJECT_DIR"
COMPOSE_FILE_NAME=compose.$ENV_NAME.yml
ENV_FILE=env/$ENV_NAME.env
[[ -f $COMPOSE_FILE_NAME ]] || fail "$PROJECT_DIR/$COMPOSE_FILE_NAME is missing (deploy_via_compose.sh uploads it)"
[[ -f $ENV_FILE ]] || fail "$PROJECT_DIR/$ENV_FILE is missing: render it (docker/render_env.sh) and upload it first"

# Value of KEY in a Compose env file (last one wins, as in Compose), without surrounding quotes.
read_env_value() {
  local key=$1 file=$2 line value
  line=$(grep -E "^${key}=" "$file" | tail -n 1) || return 1
  value=${line#*=}
  if [[ $value =~ ^\'(.*)\'$ || $value =~ ^\"(.*)\"$ ]]; then
    value=${BASH_REMATCH[1]}
  fi
  printf '%s' "$value"
}

# --- what this host should run ------------------------------------------------------------------
env_domain=$(read_env_value APP_DOMAIN "$ENV_FILE") || fail "$ENV_FILE has no APP_DOMAIN"
# The app builds cookies and links from the env file, Traefik routes the argument: they must agree.
[[ $env_domain == "$APP_DOMAIN" ]] || fail "$ENV_FILE says APP_DOMAIN=$env_domain but this deploy is for $APP_DOMAIN"
le_email=$(read_env_value LETSENCRYPT_EMAIL "$ENV_FILE") || fail "$ENV_FILE has no LETSENCRYPT_EMAIL"
[[ $le_email =~ ^[^[:space:]\'\"]+@[^[:space:]\'\"]+$ ]] || fail "LETSENCRYPT_EMAIL in $ENV_FILE is not an e-mail address"

# What the host ran before this deploy (.env is written by this script only; CI's upload has
# already replaced env/image.env), to be put back if the new version never takes over.
previous_env=""
if [[ -f .env ]]; then previous_env=$(cat .env); fi
new_version_serving=0
logged_in=0

on_exit() {
  local status=$?
  # The CI token expires with the job anyway; do not leave it in ~/.docker/config.json.
  if ((logged_in)); then docker logout "$REGISTRY" >/dev/null || log "(docker logout failed)"; fi
  # A failed deploy that left the old version serving must leave the files saying so too, or
  # the next plain `docker compose up -d` (or an operator's) would start the broken image.
  if ((status != 0 && new_version_serving == 0)) && [[ -n $previous_env ]]; then
    printf '%s\n' "$previous_env" >.env
    grep '^IMAGE=' .env >env/image.env || log "(could not restore env/image.env)"
    log "restored .env and env/image.env to the version still serving"
  fi
  exit "$status"
}
trap on_exit EXIT

# env/image.env records the image this host runs; the argument is the truth (CI renders the same).
printf 'IMAGE=%s\n' "$IMAGE" >env/image.env.tmp
mv env/image.env.tmp env/image.env
# .env is what Compose reads by itself in this directory: with it, an operator's plain
# `docker compose ps|logs|exec` here sees the same project, file and image as this script.
{
  echo "# Written by deploy_remote.sh on each deploy; edit env/$ENV_NAME.env or redeploy instead."
  echo "COMPOSE_PROJECT_NAME=projectmeats"
  echo "COMPOSE_FILE=$COMPOSE_FILE_NAME"
  cat env/image.env
  echo "APP_DOMAIN=$APP_DOMAIN"
  echo "LETSENCRYPT_EMAIL=$le_email"
} >.env.tmp
mv .env.tmp .env
PROJECT=projectmeats

# Called on the way to a failure: report a failing diagnostic instead of letting it mask the
# real error.
print_diagnostics() {
  log "docker compose ps:"
  docker compose ps -a >&2 || log "(docker compose ps failed too)"
  log "last $LOG_LINES log lines of app and traefik:"
  docker compose logs --no-color --tail "$LOG_LINES" app traefik >&2 || log "(docker compose logs failed too)"
}

# to_array NAME TEXT: the lines of TEXT as array NAME; empty TEXT gives an empty array. Callers
# capture command output with $(…) first, so a failing docker command stops the script (a
# failure inside <(…) would go unnoticed).
to_array() {
  local -n _arr=$1
  _arr=()
  if [[ -n $2 ]]; then mapfile -t _arr <<<"$2"; fi
}

# --- 1. registry login ------------------------------------------------------------------------
[[ ! -t 0 ]] || fail "pipe the GHCR token on stdin (see docs/deploying.md)"
token=$(cat)
[[ -n $token ]] || fail "no GHCR token on stdin"
log "logging in to $REGISTRY as $GHCR_USER"
printf '%s' "$token" | docker login "$REGISTRY" --username "$GHCR_USER" --password-stdin >/dev/null
logged_in=1
unset token

# --- 2. pull ---------------------------------------------------------------------------------
log "pulling $IMAGE and traefik"
docker compose pull --quiet

# --- 3. migrations, before the new version takes traffic -----------------------------------------
# A one-off container of the new image, never routed (traefik.enable=false), with the same env
# file and, on DEV, the same SQLite volume. Migrations must keep working for the version still
# serving: the old replicas run against the new schema until the rollout ends.
log "running database migrations with $IMAGE"
if ! docker compose run --rm --no-deps -T --label traefik.enable=false app migrate; then
  fail "migrations failed; nothing was started or stopped, the running version keeps serving"
fi

# --- 4. up: Traefik, then the app one replica at a time ----------------------------------------
container_health() {
  docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1"
}

# Waits until container $1 is running and healthy; returns 1 as soon as it cannot become so.
wait_healthy() {
  local id=$1 deadline=$((SECONDS + HEALTH_TIMEOUT)) state
  while ((SECONDS < deadline)); do
    state=$(container_health "$id")
    case "$state" in
      "running healthy") return 0 ;;
      "running starting" | "created starting" | "created none") ;;
      *)
        log "container ${id:0:12} is '$state'"
        return 1
        ;;
    esac
    sleep "$POLL_INTERVAL"
  done
  log "container ${id:0:12} not healthy after ${HEALTH_TIMEOUT}s (last state: ${state:-unknown})"
  return 1
}

# App containers of this project, not counting one-off `run` containers. Extra docker ps
# arguments (-a, --filter status=…) pass through.
app_containers() {
  docker ps -q --no-trunc "$@" \
    --filter "label=com.docker.compose.project=$PROJECT" \
    --filter "label=com.docker.compose.service=app" \
    --filter "label=com.docker.compose.oneoff=False"
}

retire() {
  log "retiring replica ${1:0:12}"
  # docker stop honours stop_grace_period, so in-flight requests and streams can finish.
  docker stop "$1" >/dev/null
  docker rm "$1" >/dev/null
}

# Arrays filled by to_array (declared here so their scope is plain to readers and shellcheck).
stale=() old=() before=() new=() started=()

log "starting traefik"
docker compose up -d --no-deps --remove-orphans traefik
traefik_id=$(docker compose ps -q traefik)
[[ -n $traefik_id ]] || fail "traefik did not start"
if ! wait_healthy "$traefik_id"; then
  print_diagnostics
  fail "traefik is not healthy; the app replicas were not touched"
fi

# Stopped leftovers (a crash, an interrupted deploy) would be restarted by `up --scale`: drop them.
ids=$(app_containers -a --filter status=exited --filter status=created --filter status=dead)
to_array stale "$ids"
for id in "${stale[@]}"; do
  log "removing stopped app container ${id:0:12}"
  docker rm "$id" >/dev/null
done

ids=$(app_containers)
to_array old "$ids"
log "rolling ${#old[@]} running replica(s) over to $REPLICAS replica(s) of $IMAGE, one at a time"
for ((i = 1; i <= REPLICAS; i++)); do
  ids=$(app_containers)
  to_array before "$ids"
  # --no-recreate keeps the running replicas as they are; compose adds one container built
  # from the current configuration, that is, the new image.
  docker compose up -d --no-deps --no-recreate --scale "app=$((${#before[@]} + 1))" app
  after=$(app_containers)
  ids=$(comm -13 <(printf '%s\n' "${before[@]}" | sort) <(printf '%s\n' "$after" | sort))
  to_array new "$ids"
  [[ ${#new[@]} -eq 1 && -n ${new[0]} ]] || fail "expected one new app container, found ${#new[@]}"
  log "replica $i/$REPLICAS: started ${new[0]:0:12}, waiting until it is healthy"
  if ! wait_healthy "${new[0]}"; then
    log "replica ${new[0]:0:12} of $IMAGE never became healthy; its last $LOG_LINES log lines:"
    docker logs --tail "$LOG_LINES" "${new[0]}" 2>&1 | sed 's/^/  | /' >&2 || log "(docker logs failed too)"
    retire "${new[0]}"
    # Back to the previous version where one still runs; with nothing old left (first deploy,
    # or DEV's single replica already retired) the healthy new ones are all that serves.
    remaining_old=0
    for id in "${old[@]}"; do
      if docker inspect "$id" >/dev/null 2>&1; then remaining_old=$((remaining_old + 1)); fi
    done
    if ((remaining_old > 0)); then
      for id in "${started[@]}"; do retire "$id"; done
      print_diagnostics
      fail "new version unhealthy: removed it; the previous version keeps serving with $remaining_old replica(s)"
    fi
    new_version_serving=1
    print_diagnostics
    fail "new version unhealthy: removed the failing replica; ${#started[@]} healthy replica(s) of it keep serving"
  fi
  started+=("${new[0]}")
  # One healthy new replica in, one old replica out.
  if ((${#old[@]} > 0)); then
    retire "${old[0]}"
    old=("${old[@]:1}")
  fi
done
# More old replicas than wanted (a scale-down, or leftovers of an interrupted deploy).
for id in "${old[@]}"; do retire "$id"; done
# From here on only the new version runs: whatever fails next, the files must name it.
new_version_serving=1

# --- 5. the URLs users and the smoke check use ---------------------------------------------
wait_http() {
  local url=$1 timeout=$2 deadline
  deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if curl -fsS -o /dev/null --max-time 5 "$url"; then
      log "$url answers 200"
      return 0
    fi
    sleep "$POLL_INTERVAL"
  done
  return 1
}

if ! wait_http "http://127.0.0.1:8000/healthz" "$LOCAL_TIMEOUT"; then
  print_diagnostics
  fail "replicas are healthy but http://127.0.0.1:8000/healthz (Traefik's host entry point) does not answer 200 within ${LOCAL_TIMEOUT}s"
fi
if ! wait_http "https://$APP_DOMAIN/healthz" "$PUBLIC_TIMEOUT"; then
  print_diagnostics
  fail "https://$APP_DOMAIN/healthz does not answer 200 within ${PUBLIC_TIMEOUT}s: check DNS, ports 80/443 and the certificate (traefik logs)"
fi

# --- 6. image cleanup ------------------------------------------------------------------------
log "removing old images"
if ! bash "$PROJECT_DIR/bin/remote-docker-cleanup.sh"; then
  fail "the deploy succeeded and serves $IMAGE, but image cleanup failed (see above)"
fi
log "deployed $IMAGE to $ENV_NAME ($APP_DOMAIN)"
