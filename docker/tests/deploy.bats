#!/usr/bin/env bats
# deploy_via_compose.sh end to end: ssh runs the remote half (deploy_remote.sh) on this
# machine against stub docker and curl, in a scratch "droplet" directory.

# Each bats test runs in its own subshell: an export in one test is meant to stay there.
# shellcheck disable=SC2030,SC2031

load test_helper

setup() {
  use_stubs
  REMOTE=$BATS_TEST_TMPDIR/droplet/opt/projectmeats
  mkdir -p "$REMOTE/env"
  # What CI's "Upload env files" step leaves on the droplet.
  cp "$DOCKER_DIR/env/uat.env.example" "$REMOTE/env/uat.env"
  cp "$DOCKER_DIR/env/dev.env.example" "$REMOTE/env/dev.env"
  KEY=$BATS_TEST_TMPDIR/deploy_key
  echo "not a real key" >"$KEY"
  export REMOTE_DIR=$REMOTE GHCR_USERNAME=ci-bot GHCR_TOKEN=$TOKEN
  export HEALTH_TIMEOUT=5 LOCAL_TIMEOUT=1 PUBLIC_TIMEOUT=1 POLL_INTERVAL=0.05
}

deploy() {
  run "$DOCKER_DIR/deploy_via_compose.sh" 203.0.113.10 deploy "$KEY" "$1" "$2" "$3"
}

@test "a release logs in, pulls, migrates, brings it up and checks health, in that order" {
  given_app_replicas "$OLD_IMAGE" 2
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  echo "$output"
  [ "$status" -eq 0 ]
  login=$(line_of '^docker login ghcr.io --username ci-bot --password-stdin')
  pull=$(line_of '^docker compose pull')
  migrate=$(line_of '^docker compose run --rm --no-deps -T --label traefik.enable=false app migrate$')
  up=$(line_of '^docker compose up -d')
  local_health=$(line_of '^curl http://127.0.0.1:8000/healthz$')
  public_health=$(line_of '^curl https://uat.meatscentral.com/healthz$')
  [ "$login" -lt "$pull" ]
  [ "$pull" -lt "$migrate" ]
  [ "$migrate" -lt "$up" ]
  [ "$up" -lt "$local_health" ]
  [ "$local_health" -lt "$public_health" ]
  [[ $output == *"deployed $NEW_IMAGE to uat"* ]]
}

@test "the GHCR token reaches docker login on stdin and is never on a command line or printed" {
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  [ "$status" -eq 0 ]
  [ "$(cat "$STUB_STATE/login_password")" = "$TOKEN" ]
  not grep -qF "$TOKEN" "$STUB_LOG"
  [[ $output != *"$TOKEN"* ]]
  # …and the droplet logs out again, so the token does not stay in ~/.docker/config.json.
  grep -q '^docker logout ghcr.io' "$STUB_LOG"
}

@test "uploads the Compose file and scripts, and records the image in env/image.env and .env" {
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  [ "$status" -eq 0 ]
  [ -f "$REMOTE/compose.uat.yml" ]
  [ -x "$REMOTE/bin/deploy_remote.sh" ] || [ -f "$REMOTE/bin/deploy_remote.sh" ]
  [ -f "$REMOTE/bin/remote-docker-cleanup.sh" ]
  grep -qx "IMAGE=$NEW_IMAGE" "$REMOTE/env/image.env"
  grep -qx "IMAGE=$NEW_IMAGE" "$REMOTE/.env"
  grep -qx "COMPOSE_FILE=compose.uat.yml" "$REMOTE/.env"
  grep -qx "COMPOSE_PROJECT_NAME=projectmeats" "$REMOTE/.env"
  grep -qx "APP_DOMAIN=uat.meatscentral.com" "$REMOTE/.env"
  # Secrets stay in env/uat.env; .env (read by every compose command) holds none.
  not grep -q 'SECRET_KEY\|DATABASE_URL' "$REMOTE/.env"
}

@test "two replicas are replaced one at a time and two always serve" {
  given_app_replicas "$OLD_IMAGE" 2
  given_previous_deploy "$REMOTE" "$OLD_IMAGE"
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  echo "$output"
  [ "$status" -eq 0 ]
  # Scale up by one, wait, retire one old; twice.
  [ "$(grep -c -- '--no-recreate --scale app=3 app$' "$STUB_LOG")" -eq 2 ]
  first_up=$(grep -n -- '--scale app=3' "$STUB_LOG" | sed -n 1p | cut -d: -f1)
  second_up=$(grep -n -- '--scale app=3' "$STUB_LOG" | sed -n 2p | cut -d: -f1)
  first_stop=$(line_of '^docker stop old0+1$')
  second_stop=$(line_of '^docker stop old0+2$')
  [ "$first_up" -lt "$first_stop" ]
  [ "$first_stop" -lt "$second_up" ]
  [ "$second_up" -lt "$second_stop" ]
  # Never more than one extra container, never fewer than two healthy ones.
  cat "$STUB_STATE/timeline"
  not grep -E 'total=([4-9]|[1-9][0-9])' "$STUB_STATE/timeline"
  not grep -E 'serving=[01]$' "$STUB_STATE/timeline"
  # The end state: exactly two healthy replicas of the new image.
  [ "$(app_state)" = "$NEW_IMAGE running healthy
$NEW_IMAGE running healthy" ]
}

@test "a failed migration stops the deploy before up, and the running replicas are untouched" {
  given_app_replicas "$OLD_IMAGE" 2
  given_previous_deploy "$REMOTE" "$OLD_IMAGE"
  export STUB_MIGRATE_FAIL=1
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  echo "$output"
  [ "$status" -ne 0 ]
  [[ $output == *"migrations failed"* ]]
  [[ $output == *'relation "lots" already exists'* ]]
  not grep -q '^docker compose up' "$STUB_LOG"
  not grep -q '^docker stop' "$STUB_LOG"
  [ "$(app_state)" = "$OLD_IMAGE running healthy
$OLD_IMAGE running healthy" ]
  # The files on the droplet still name the version that serves.
  grep -qx "IMAGE=$OLD_IMAGE" "$REMOTE/.env"
  grep -qx "IMAGE=$OLD_IMAGE" "$REMOTE/env/image.env"
}

@test "an unhealthy new version fails the deploy, prints its logs, and the old replicas keep serving" {
  given_app_replicas "$OLD_IMAGE" 2
  given_previous_deploy "$REMOTE" "$OLD_IMAGE"
  export STUB_UNHEALTHY_IMAGE=$NEW_IMAGE
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  echo "$output"
  [ "$status" -ne 0 ]
  [[ $output == *"never became healthy"* ]]
  [[ $output == *"stub log of c0"*"cannot bind 8000"* ]]
  [[ $output == *"previous version keeps serving with 2 replica(s)"* ]]
  [[ $output == *"FAILED"* ]]
  # No old replica was stopped; nothing of the new image is left.
  not grep -q '^docker stop old' "$STUB_LOG"
  [ "$(app_state)" = "$OLD_IMAGE running healthy
$OLD_IMAGE running healthy" ]
  # The health URLs were never declared good.
  not grep -q '^curl' "$STUB_LOG"
  # A later `docker compose up -d` on the droplet would start the old image, not the broken one.
  grep -qx "IMAGE=$OLD_IMAGE" "$REMOTE/.env"
  grep -qx "IMAGE=$OLD_IMAGE" "$REMOTE/env/image.env"
  [[ $output == *"restored .env and env/image.env"* ]]
}

@test "when the second new replica fails, the first is removed too and the remaining old one serves" {
  given_app_replicas "$OLD_IMAGE" 2
  export STUB_UNHEALTHY_NTH=2
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  echo "$output"
  [ "$status" -ne 0 ]
  [[ $output == *"previous version keeps serving with 1 replica(s)"* ]]
  [ "$(app_state)" = "$OLD_IMAGE running healthy" ]
}

@test "a public URL that does not answer fails the deploy with the logs printed" {
  given_previous_deploy "$REMOTE" "$OLD_IMAGE"
  export STUB_CURL_FAIL_URL=https://uat.meatscentral.com
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  echo "$output"
  [ "$status" -ne 0 ]
  [[ $output == *"https://uat.meatscentral.com/healthz does not answer 200"* ]]
  grep -q '^docker compose logs --no-color --tail 200 app traefik' "$STUB_LOG"
  [[ $output == *"stub compose log line"* ]]
  # Cleanup runs only after a good deploy.
  not grep -q '^docker image prune' "$STUB_LOG"
  # Only the new version runs now, and the files say so.
  grep -qx "IMAGE=$NEW_IMAGE" "$REMOTE/.env"
}

@test "127.0.0.1:8000 not answering fails the deploy before the public check" {
  export STUB_CURL_FAIL_URL=http://127.0.0.1:8000
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  [ "$status" -ne 0 ]
  [[ $output == *"http://127.0.0.1:8000/healthz (Traefik's host entry point) does not answer 200"* ]]
  not grep -q '^curl https://' "$STUB_LOG"
}

@test "DEV runs a single replica, replaced by a healthy new one" {
  given_app_replicas "$OLD_IMAGE" 1
  deploy dev "$NEW_IMAGE" dev.meatscentral.com
  echo "$output"
  [ "$status" -eq 0 ]
  grep -q -- '--scale app=2 app$' "$STUB_LOG"
  not grep -q -- '--scale app=3' "$STUB_LOG"
  [ "$(app_state)" = "$NEW_IMAGE running healthy" ]
}

@test "old images are cleaned up after a successful deploy, not before" {
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  [ "$status" -eq 0 ]
  [ "$(line_of '^curl https://uat.meatscentral.com/healthz$')" -lt "$(line_of '^docker image prune')" ]
}

@test "an APP_DOMAIN that differs from the env file stops the deploy before anything runs" {
  deploy uat "$NEW_IMAGE" wrong.example.com
  [ "$status" -ne 0 ]
  [[ $output == *"says APP_DOMAIN=uat.meatscentral.com but this deploy is for wrong.example.com"* ]]
  not grep -q '^docker' "$STUB_LOG"
}

@test "a missing env file on the droplet stops the deploy with what to do" {
  rm "$REMOTE/env/uat.env"
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  [ "$status" -ne 0 ]
  [[ $output == *"env/uat.env is missing"* ]]
  not grep -q '^docker' "$STUB_LOG"
}

@test "an unreachable droplet fails the deploy" {
  export STUB_SSH_FAIL=1
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  [ "$status" -ne 0 ]
  [[ $output == *"Connection refused"* ]]
}

@test "bad arguments are refused before any connection" {
  run "$DOCKER_DIR/deploy_via_compose.sh" 203.0.113.10 deploy "$KEY" staging "$NEW_IMAGE" uat.meatscentral.com
  [ "$status" -eq 2 ]
  run "$DOCKER_DIR/deploy_via_compose.sh" 203.0.113.10 deploy "$KEY" uat 'ghcr.io/x/y:tag;rm -rf /' uat.meatscentral.com
  [ "$status" -ne 0 ]
  unset GHCR_TOKEN
  deploy uat "$NEW_IMAGE" uat.meatscentral.com
  [ "$status" -ne 0 ]
  [[ $output == *"GHCR_TOKEN is not set"* ]]
  [ ! -s "$STUB_LOG" ]
}
