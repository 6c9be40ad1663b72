#!/usr/bin/env bash
# Renders one environment's env files from environment variables (CI maps GitHub environment
# secrets and variables onto them):
#
#   docker/render_env.sh ENV OUT_DIR IMAGE   ->  OUT_DIR/ENV.env  OUT_DIR/image.env
#
# Variables: APP_DOMAIN, LETSENCRYPT_EMAIL (always); SECRET_KEY and DATABASE_URL (uat, prod);
# optional: OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_MODELS, CORS_ALLOWED_ORIGINS,
# LOG_FORMAT (default json); uat and prod: DB_POOL_SIZE (default 2) and DB_CONNECTION_LIMIT (the
# database plan's connection limit, default 22). Names are those of DESIGN.md, so the app reads
# them unchanged.
#
# Values are written single-quoted, which Docker Compose v2 takes literally ($, #, spaces stay
# as they are). Values are never printed. Files are created mode 600.
set -euo pipefail

fail() {
  echo "render_env: $*" >&2
  exit 1
}
[[ $# -eq 3 ]] || { echo "usage: $0 ENV(dev|uat|prod) OUT_DIR IMAGE" >&2; exit 2; }
env_name=$1 out_dir=$2 image=$3
case "$env_name" in dev | uat | prod) ;; *) fail "ENV must be dev, uat or prod, not '$env_name'" ;; esac
[[ $image =~ ^[a-z0-9][a-z0-9./_-]*:[A-Za-z0-9_.-]+$ ]] || fail "IMAGE '$image' is not a lowercase repository:tag"

umask 077
mkdir -p "$out_dir"
body=""
missing=()

# add KEY VALUE: appends KEY='VALUE'. A single quote or a line break cannot be written inside
# single quotes, so such a value is refused (by name only) rather than silently mangled.
add() {
  local key=$1 value=$2
  if [[ $value == *"'"* || $value == *$'\n'* || $value == *$'\r'* ]]; then
    fail "$key contains a quote or a line break; change the secret"
  fi
  body+="$key='$value'"$'\n'
}
required() {
  if [[ -z ${!1:-} ]]; then missing+=("$1"); else add "$1" "${!1}"; fi
}
optional() {
  if [[ -n ${!1:-} ]]; then add "$1" "${!1}"; fi
}

add APP_ENV "$env_name"
add PORT 8000
required APP_DOMAIN
required LETSENCRYPT_EMAIL
if [[ $env_name == dev ]]; then
  # DEV keeps its data in SQLite on the app_data volume (compose.dev.yml pins it as well).
  add DATABASE_URL "${DATABASE_URL:-sqlite:/app/data/projectmeats.db}"
  optional SECRET_KEY
else
  required DATABASE_URL
  required SECRET_KEY
fi
optional OPENAI_API_KEY
optional OPENAI_BASE_URL
optional OPENAI_MODEL
optional OPENAI_MODELS
optional CORS_ALLOWED_ORIGINS
add LOG_FORMAT "${LOG_FORMAT:-json}"
if [[ $env_name != dev ]]; then
  # A replica opens up to 3 x DB_POOL_SIZE + 1 PostgreSQL connections (statements, transactions,
  # searches, and one LISTEN), and a rollout runs three replicas at once (two, plus the new one).
  # The default fits the smallest managed database: 3 x (3 x 2 + 1) = 21 of its 22.
  pool=${DB_POOL_SIZE:-2} limit=${DB_CONNECTION_LIMIT:-22}
  [[ $pool =~ ^[1-9][0-9]{0,2}$ ]] || fail "DB_POOL_SIZE for $env_name must be a whole number from 1 to 999, not '$pool'"
  [[ $limit =~ ^[1-9][0-9]{0,5}$ ]] || fail "DB_CONNECTION_LIMIT for $env_name must be a whole number, not '$limit'"
  peak=$((3 * (3 * pool + 1)))
  ((peak <= limit)) || fail "DB_POOL_SIZE=$pool lets a rollout's three replicas open $peak PostgreSQL connections, more than DB_CONNECTION_LIMIT=$limit; lower DB_POOL_SIZE or use a larger database (docs/deploying.md)"
  add DB_POOL_SIZE "$pool"
fi

((${#missing[@]} == 0)) || fail "missing for $env_name: ${missing[*]} (GitHub environment '$env_name' secrets/variables)"
if [[ $env_name != dev ]]; then
  # Two replicas share one database: an SQLite file would give each replica its own.
  [[ $DATABASE_URL =~ ^postgres(ql)?:// ]] || fail "DATABASE_URL for $env_name must be a postgres:// URL"
  ((${#SECRET_KEY} >= 32)) || fail "SECRET_KEY for $env_name is shorter than 32 characters (openssl rand -hex 32)"
fi
[[ $APP_DOMAIN =~ ^[A-Za-z0-9.-]+$ ]] || fail "APP_DOMAIN '$APP_DOMAIN' is not a host name"

printf '%s' "$body" >"$out_dir/$env_name.env"
printf 'IMAGE=%s\n' "$image" >"$out_dir/image.env"
echo "render_env: wrote $out_dir/$env_name.env ($(grep -c . "$out_dir/$env_name.env") settings) and $out_dir/image.env"
