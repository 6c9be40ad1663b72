#!/usr/bin/env bats
# remote-docker-cleanup.sh against a stub docker holding a listing of images and containers.

load test_helper

APP=ghcr.io/meats-central/projectmeats

setup() {
  use_stubs
  # repository|tag|id|created, deliberately not in date order.
  cat >"$STUB_STATE/images" <<'LIST'
ghcr.io/meats-central/projectmeats|3333|sha256:a3|2026-11-03 10:00:00 +0000 UTC
ghcr.io/meats-central/projectmeats|5555|sha256:a5|2026-11-05 10:00:00 +0000 UTC
ghcr.io/meats-central/projectmeats|latest|sha256:a5|2026-11-05 10:00:00 +0000 UTC
ghcr.io/meats-central/projectmeats|1111|sha256:a1|2026-11-01 10:00:00 +0000 UTC
ghcr.io/meats-central/projectmeats|4444|sha256:a4|2026-11-04 10:00:00 +0000 UTC
ghcr.io/meats-central/projectmeats|2222|sha256:a2|2026-11-02 10:00:00 +0000 UTC
traefik|v3.6|sha256:t3|2026-10-30 10:00:00 +0000 UTC
traefik|v3.5|sha256:t2|2026-09-30 10:00:00 +0000 UTC
traefik|v3.4|sha256:t1|2026-08-30 10:00:00 +0000 UTC
postgres|15|sha256:p1|2026-08-01 10:00:00 +0000 UTC
<none>|<none>|sha256:d1|2026-07-01 10:00:00 +0000 UTC
LIST
}

# given_container NAME IMAGE_ID STATUS
given_container() {
  printf '%s\n' "service=$1" "image=x" "image_id=$2" "project=projectmeats" "oneoff=False" \
    "status=$3" "health=healthy" "becomes=healthy" >"$STUB_STATE/containers/$1"
}

removed() { grep '^docker image rm ' "$STUB_LOG" | sed 's/^docker image rm //' | sort; }

@test "keeps the newest two images per repository and removes the rest" {
  run "$DOCKER_DIR/remote-docker-cleanup.sh"
  echo "$output"
  [ "$status" -eq 0 ]
  [ "$(removed)" = "$(printf '%s\n' "$APP:1111" "$APP:2222" "$APP:3333" "traefik:v3.4" | sort)" ]
}

@test "an image with two tags (sha and latest) counts once" {
  run "$DOCKER_DIR/remote-docker-cleanup.sh"
  [ "$status" -eq 0 ]
  # 5555 and latest are one image: the second newest, 4444, is kept as well.
  not grep -q "rm $APP:4444" "$STUB_LOG"
  not grep -q "rm $APP:latest" "$STUB_LOG"
}

@test "never removes an image a container uses, running or stopped" {
  given_container app-old sha256:a2 running
  given_container migrate-leftover sha256:a1 exited
  run "$DOCKER_DIR/remote-docker-cleanup.sh"
  echo "$output"
  [ "$status" -eq 0 ]
  [ "$(removed)" = "$(printf '%s\n' "$APP:3333" "traefik:v3.4" | sort)" ]
  [[ $output == *"keeping $APP:2222"*"a container uses it"* ]]
  [[ $output == *"keeping $APP:1111"*"a container uses it"* ]]
}

@test "never forces a removal, and prunes only dangling images" {
  run "$DOCKER_DIR/remote-docker-cleanup.sh"
  [ "$status" -eq 0 ]
  not grep -qE '^docker (image )?rm(i)? .*(-f|--force)' "$STUB_LOG"
  not grep -q "rm sha256:d1" "$STUB_LOG"
  grep -qx 'docker image prune --force' "$STUB_LOG"
}

@test "KEEP changes how many are kept" {
  KEEP=1 run "$DOCKER_DIR/remote-docker-cleanup.sh"
  [ "$status" -eq 0 ]
  grep -q "rm $APP:4444" "$STUB_LOG"
  grep -q "rm traefik:v3.5" "$STUB_LOG"
  not grep -q "rm $APP:5555" "$STUB_LOG"
}

@test "a removal Docker refuses fails the cleanup loudly" {
  export STUB_IMAGE_RM_FAIL=1
  run "$DOCKER_DIR/remote-docker-cleanup.sh"
  [ "$status" -ne 0 ]
  [[ $output == *"stub refuses"* ]]
}

@test "a host with nothing to clean is fine" {
  : >"$STUB_STATE/images"
  run "$DOCKER_DIR/remote-docker-cleanup.sh"
  [ "$status" -eq 0 ]
  not grep -q '^docker image rm' "$STUB_LOG"
}

@test "two images made in the same second are ordered by their exact creation time" {
  # image ls shows both at 10:00:00 (the fifth field is what inspect answers, to the nanosecond):
  # only inspect tells that 7777 is the newer.
  cat >"$STUB_STATE/images" <<'LIST'
ghcr.io/meats-central/projectmeats|6666|sha256:b6|2026-11-06 10:00:00 +0000 UTC|2026-11-06T10:00:00.100000000Z
ghcr.io/meats-central/projectmeats|7777|sha256:b7|2026-11-06 10:00:00 +0000 UTC|2026-11-06T10:00:00.900000000Z
ghcr.io/meats-central/projectmeats|5555|sha256:a5|2026-11-05 10:00:00 +0000 UTC
LIST
  KEEP=1 run "$DOCKER_DIR/remote-docker-cleanup.sh"
  echo "$output"
  [ "$status" -eq 0 ]
  [ "$(removed)" = "$(printf '%s\n' "$APP:5555" "$APP:6666")" ]
}
