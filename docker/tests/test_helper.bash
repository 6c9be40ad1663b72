# Shared set-up for the bats suites: stub docker/ssh/scp/curl first on PATH, a fresh call log
# and container state per test.
# shellcheck shell=bash

TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DOCKER_DIR=$(cd "$TESTS_DIR/.." && pwd)
REPO_DIR=$(cd "$DOCKER_DIR/.." && pwd)
export TESTS_DIR DOCKER_DIR REPO_DIR

# Used by the suites that load this file.
# shellcheck disable=SC2034
{
  OLD_IMAGE=ghcr.io/meats-central/projectmeats:1111111111111111111111111111111111111111
  NEW_IMAGE=ghcr.io/meats-central/projectmeats:2222222222222222222222222222222222222222
  TOKEN=ghs_fake_token_that_must_never_be_printed
}

use_stubs() {
  export STUB_LOG=$BATS_TEST_TMPDIR/calls.log
  export STUB_STATE=$BATS_TEST_TMPDIR/state
  mkdir -p "$STUB_STATE/containers"
  : >"$STUB_LOG"
  export PATH="$TESTS_DIR/stubs:$PATH"
}

# given_app_replicas IMAGE N: N healthy, running app containers of IMAGE, as a previous
# release left them.
given_app_replicas() {
  local image=$1 n=$2 i id
  for ((i = 1; i <= n; i++)); do
    id=$(printf 'old%061d' "$i")
    printf '%s\n' "service=app" "image=$image" "image_id=sha256:$(sha256sum <<<"$image" | cut -c1-64)" \
      "project=projectmeats" "oneoff=False" "status=running" "health=healthy" "becomes=healthy" \
      >"$STUB_STATE/containers/$id"
  done
}

# given_previous_deploy DIR IMAGE: the files an earlier deploy of IMAGE left in DIR.
given_previous_deploy() {
  mkdir -p "$1/env"
  printf '%s\n' "# Written by deploy_remote.sh" "COMPOSE_PROJECT_NAME=projectmeats" "COMPOSE_FILE=compose.uat.yml" \
    "IMAGE=$2" "APP_DOMAIN=uat.meatscentral.com" "LETSENCRYPT_EMAIL=ops@meatscentral.com" >"$1/.env"
  echo "IMAGE=$2" >"$1/env/image.env"
}

# App containers now present, one "image status health" line each.
app_state() {
  local f
  for f in "$STUB_STATE"/containers/*; do
    [[ -e $f ]] || continue
    grep -qx 'service=app' "$f" || continue
    echo "$(sed -n 's/^image=//p' "$f") $(sed -n 's/^status=//p' "$f") $(sed -n 's/^health=//p' "$f")"
  done
}

# Line number of the first call-log line matching an extended regex (fails if none).
line_of() {
  local n
  n=$(grep -nE -m1 -- "$1" "$STUB_LOG" | cut -d: -f1)
  [[ -n $n ]] || { echo "no call matching /$1/ in $STUB_LOG:" >&2; cat "$STUB_LOG" >&2; return 1; }
  echo "$n"
}

# not CMD…: succeeds only if CMD fails. Bash's errexit ignores `! cmd`, so in the middle of a
# bats test `! grep …` could never fail it; this can.
not() {
  if "$@"; then
    echo "expected to fail, but succeeded: $*" >&2
    return 1
  fi
}

# npm tools installed by run-checks.sh (node resolves require() through NODE_PATH).
export TOOLS_DIR=${TOOLS_DIR:-$TESTS_DIR/.tools}
export NODE_PATH=$TOOLS_DIR/node_modules${NODE_PATH:+:$NODE_PATH}

# render_compose ENV DIR: lays DIR out as deploy_remote.sh lays out /opt/projectmeats, with the
# example env files in place of the rendered ones, and prints `docker-compose config` (the
# file with every variable resolved). Fails as Compose would on a bad file or a missing value.
render_compose() {
  local env_name=$1 dir=$2
  mkdir -p "$dir/env"
  cp "$DOCKER_DIR/compose.$env_name.yml" "$dir/"
  cp "$DOCKER_DIR/env/$env_name.env.example" "$dir/env/$env_name.env"
  cp "$DOCKER_DIR/env/image.env.example" "$dir/env/image.env"
  {
    echo "COMPOSE_PROJECT_NAME=projectmeats"
    echo "COMPOSE_FILE=compose.$env_name.yml"
    cat "$dir/env/image.env"
    grep -E '^(APP_DOMAIN|LETSENCRYPT_EMAIL)=' "$dir/env/$env_name.env"
  } >"$dir/.env"
  (cd "$dir" && docker-compose config)
}

# yaml_json FILE: FILE as JSON (docker/tests/lib/yaml2json.cjs).
yaml_json() { node "$TESTS_DIR/lib/yaml2json.cjs" "$1"; }
