# shellcheck shell=bash
# Sourced by the scripts that drive a real Docker engine (base-images.sh, build-image.sh,
# image-checks.sh, deploy-checks.sh). Puts a `docker` first on PATH that
#   - runs Debian's client (/usr/bin/docker, from docker.io): it matches Debian's engine and builds
#     with BuildKit by itself, where a newer client elsewhere on PATH would want the buildx plugin;
#   - turns `docker compose …` into Debian's `docker-compose …` (1.29) when the Compose v2 plugin
#     is missing, which is the case wherever only Debian's packages can be had.
# DOCKER_HOST is honoured as usual (CI runs the engine on the default socket).

ENGINE_SHIM_DIR=$(mktemp -d)
cat >"$ENGINE_SHIM_DIR/docker" <<'SHIM'
#!/usr/bin/env bash
set -euo pipefail
client=/usr/bin/docker
[[ -x $client ]] || client=$(command -v -p docker)
if [[ ${1:-} == compose ]] && ! "$client" compose version >/dev/null 2>&1; then
  shift
  exec docker-compose "$@"
fi
exec "$client" "$@"
SHIM
chmod +x "$ENGINE_SHIM_DIR/docker"
export PATH="$ENGINE_SHIM_DIR:$PATH" DOCKER_BUILDKIT=1
