#!/usr/bin/env bats
# render_env.sh: what CI writes into env/<env>.env and env/image.env from GitHub secrets.

# Secret values with $ and # are meant literally here.
# shellcheck disable=SC2016

load test_helper

setup() {
  OUT=$BATS_TEST_TMPDIR/env
  export APP_DOMAIN=uat.meatscentral.com LETSENCRYPT_EMAIL=ops@meatscentral.com
  export DATABASE_URL='postgres://projectmeats:p$ss#word@db.internal:25060/projectmeats?sslmode=require'
  export SECRET_KEY=0123456789abcdef0123456789abcdef0123456789abcdef
  export OPENAI_API_KEY=sk-test-not-real
  unset OPENAI_BASE_URL OPENAI_MODEL OPENAI_MODELS CORS_ALLOWED_ORIGINS LOG_FORMAT DB_POOL_SIZE DB_CONNECTION_LIMIT
}

@test "renders every setting single-quoted, in files only the owner can read" {
  run "$DOCKER_DIR/render_env.sh" uat "$OUT" "$NEW_IMAGE"
  echo "$output"
  [ "$status" -eq 0 ]
  grep -qx "APP_ENV='uat'" "$OUT/uat.env"
  grep -qx "PORT='8000'" "$OUT/uat.env"
  grep -qx "APP_DOMAIN='uat.meatscentral.com'" "$OUT/uat.env"
  # $ and # survive: Compose v2 takes single-quoted values literally.
  grep -qxF "DATABASE_URL='$DATABASE_URL'" "$OUT/uat.env"
  grep -qx "LOG_FORMAT='json'" "$OUT/uat.env"
  grep -qx "IMAGE=$NEW_IMAGE" "$OUT/image.env"
  [ "$(stat -c %a "$OUT/uat.env")" = 600 ]
  [ "$(stat -c %a "$OUT/image.env")" = 600 ]
}

@test "UAT and PROD size the connection pools to fit a rollout on the managed database" {
  run "$DOCKER_DIR/render_env.sh" prod "$OUT" "$NEW_IMAGE"
  [ "$status" -eq 0 ]
  # Three replicas during a rollout, each 3 x 2 + 1: 21 of the smallest plan's 22.
  grep -qx "DB_POOL_SIZE='2'" "$OUT/prod.env"
  DB_POOL_SIZE=4 DB_CONNECTION_LIMIT=47 run "$DOCKER_DIR/render_env.sh" prod "$OUT" "$NEW_IMAGE"
  [ "$status" -eq 0 ]
  grep -qx "DB_POOL_SIZE='4'" "$OUT/prod.env"
  # DEV runs on SQLite: no pools to size.
  run "$DOCKER_DIR/render_env.sh" dev "$OUT" "$NEW_IMAGE"
  [ "$status" -eq 0 ]
  not grep -q '^DB_POOL_SIZE=' "$OUT/dev.env"
}

@test "refuses a pool size the database cannot hold during a rollout, saying what to change" {
  rm -rf "$OUT"
  DB_POOL_SIZE=3 run "$DOCKER_DIR/render_env.sh" uat "$OUT" "$NEW_IMAGE"
  [ "$status" -ne 0 ]
  [[ $output == *"DB_POOL_SIZE=3 lets a rollout's three replicas open 30 PostgreSQL connections, more than DB_CONNECTION_LIMIT=22"* ]]
  [ ! -e "$OUT/uat.env" ]
  DB_POOL_SIZE=two run "$DOCKER_DIR/render_env.sh" uat "$OUT" "$NEW_IMAGE"
  [ "$status" -ne 0 ]
  [[ $output == *"DB_POOL_SIZE for uat must be a whole number"* ]]
}

@test "never prints a secret value" {
  run "$DOCKER_DIR/render_env.sh" uat "$OUT" "$NEW_IMAGE"
  [ "$status" -eq 0 ]
  [[ $output != *"$SECRET_KEY"* ]]
  [[ $output != *"p\$ss"* ]]
  [[ $output != *"$OPENAI_API_KEY"* ]]
}

@test "leaves unset optional settings out, so the app sees them as unset" {
  run "$DOCKER_DIR/render_env.sh" uat "$OUT" "$NEW_IMAGE"
  [ "$status" -eq 0 ]
  not grep -q '^OPENAI_MODEL=' "$OUT/uat.env"
  not grep -q '^CORS_ALLOWED_ORIGINS=' "$OUT/uat.env"
}

@test "UAT and PROD refuse to render without their secrets, naming what is missing" {
  unset SECRET_KEY DATABASE_URL
  run "$DOCKER_DIR/render_env.sh" prod "$OUT" "$NEW_IMAGE"
  [ "$status" -ne 0 ]
  [[ $output == *"missing for prod: DATABASE_URL SECRET_KEY"* ]]
  [ ! -e "$OUT/prod.env" ]
}

@test "UAT and PROD refuse SQLite: two replicas need one shared database" {
  export DATABASE_URL=sqlite:/app/data/projectmeats.db
  run "$DOCKER_DIR/render_env.sh" uat "$OUT" "$NEW_IMAGE"
  [ "$status" -ne 0 ]
  [[ $output == *"must be a postgres:// URL"* ]]
}

@test "a short SECRET_KEY is refused outside dev" {
  export SECRET_KEY=short
  run "$DOCKER_DIR/render_env.sh" prod "$OUT" "$NEW_IMAGE"
  [ "$status" -ne 0 ]
  [[ $output == *"SECRET_KEY for prod is shorter than 32"* ]]
  [[ $output != *"short'"* ]]
}

@test "a value with a quote is refused by name, not mangled" {
  export OPENAI_API_KEY="sk-it's-bad"
  run "$DOCKER_DIR/render_env.sh" uat "$OUT" "$NEW_IMAGE"
  [ "$status" -ne 0 ]
  [[ $output == *"OPENAI_API_KEY contains a quote"* ]]
  [[ $output != *"it's-bad"* ]]
}

@test "DEV defaults to SQLite on the data volume and needs no SECRET_KEY" {
  unset SECRET_KEY DATABASE_URL
  export APP_DOMAIN=dev.meatscentral.com
  run "$DOCKER_DIR/render_env.sh" dev "$OUT" "$NEW_IMAGE"
  [ "$status" -eq 0 ]
  grep -qx "DATABASE_URL='sqlite:/app/data/projectmeats.db'" "$OUT/dev.env"
  grep -qx "APP_ENV='dev'" "$OUT/dev.env"
}

@test "the image must be a lowercase repository:tag" {
  run "$DOCKER_DIR/render_env.sh" uat "$OUT" ghcr.io/Meats-Central/projectmeats:abc
  [ "$status" -ne 0 ]
}

@test "the rendered file is what deploy_remote.sh reads APP_DOMAIN and LETSENCRYPT_EMAIL from" {
  run "$DOCKER_DIR/render_env.sh" uat "$OUT" "$NEW_IMAGE"
  [ "$status" -eq 0 ]
  REMOTE=$BATS_TEST_TMPDIR/droplet
  mkdir -p "$REMOTE/env"
  cp "$OUT/uat.env" "$OUT/image.env" "$REMOTE/env/"
  use_stubs
  export PROJECT_DIR=$REMOTE HEALTH_TIMEOUT=5 LOCAL_TIMEOUT=1 PUBLIC_TIMEOUT=1 POLL_INTERVAL=0.05
  cp "$DOCKER_DIR/compose.uat.yml" "$REMOTE/"
  mkdir -p "$REMOTE/bin" && cp "$DOCKER_DIR/remote-docker-cleanup.sh" "$REMOTE/bin/"
  run bash -c "printf token | '$DOCKER_DIR/deploy_remote.sh' uat '$NEW_IMAGE' uat.meatscentral.com ci-bot"
  echo "$output"
  [ "$status" -eq 0 ]
  grep -qx "LETSENCRYPT_EMAIL=ops@meatscentral.com" "$REMOTE/.env"
}
