#!/usr/bin/env bash
# Makes local stand-ins for the public base images of docker/Dockerfile, for an engine that can
# reach Debian's package mirror but no image registry:
#
#   docker/tests/base-images.sh        prints NODE_IMAGE=… MAVEN_IMAGE=… RUNTIME_IMAGE=… (build args)
#
#   1. debootstrap a minimal Debian (SUITE, default trixie: the first with Node 20, Maven 3.9 and
#      JDK 21 packaged) from MIRROR; the root file system is cached as a tarball in CACHE_DIR
#      and reused while younger than CACHE_DAYS, so only a fresh machine pays for it
#   2. `docker import` it as projectmeats-local/debian:SUITE (skipped when the engine already
#      holds an import of that very tarball)
#   3. build node, maven and jre on it from base-images.Dockerfile (Debian packages; the engine's
#      layer cache makes a rerun cheap)
#
# Progress goes to stderr; stdout holds only the three build arguments.
set -euo pipefail

SUITE=${SUITE:-trixie}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
CACHE_DIR=${CACHE_DIR:-/var/cache/projectmeats/base-images}
CACHE_DAYS=${CACHE_DAYS:-7}
REPO=projectmeats-local
TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=docker/tests/lib/engine.bash
source "$TESTS_DIR/lib/engine.bash"

say() { printf '[base-images %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() {
  say "FAILED: $*"
  exit 1
}
command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt-get install debootstrap)"
docker info >/dev/null 2>&1 || fail "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-default})"

# --- 1. root file system -------------------------------------------------------------------------
mkdir -p "$CACHE_DIR"
tarball=$CACHE_DIR/debian-$SUITE-minbase.tar
if [[ -s $tarball ]] && [[ -n $(find "$tarball" -mtime "-$CACHE_DAYS" -print) ]]; then
  say "reusing $tarball ($(du -h "$tarball" | cut -f1), made $(date -u -r "$tarball" '+%F %H:%M'))"
else
  work=$(mktemp -d "$CACHE_DIR/rootfs.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  say "debootstrap --variant=minbase $SUITE from $MIRROR"
  started=$SECONDS
  if ! debootstrap --variant=minbase "$SUITE" "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1; then
    tail -n 30 "$work/debootstrap.log" >&2
    fail "debootstrap failed"
  fi
  # Security updates too, as the public images have them; downloaded packages and lists only
  # bloat the image (every stage runs apt-get update first).
  echo "deb ${MIRROR%/debian}/debian-security $SUITE-security main" >"$work/rootfs/etc/apt/sources.list.d/security.list"
  rm -rf "$work/rootfs/var/cache/apt/"* "$work/rootfs/var/lib/apt/lists/"*
  tar --numeric-owner -C "$work/rootfs" -cf "$work/rootfs.tar" .
  mv "$work/rootfs.tar" "$tarball"
  say "debootstrap took $((SECONDS - started)) s; cached $tarball ($(du -h "$tarball" | cut -f1))"
fi

# --- 2. import ---------------------------------------------------------------------------------
base=$REPO/debian:$SUITE
checksum=$(sha256sum "$tarball" | cut -c1-16)
if [[ $(docker image inspect --format '{{index .Config.Labels "projectmeats.rootfs"}}' "$base" 2>/dev/null) == "$checksum" ]]; then
  say "$base is already this root file system ($checksum)"
else
  say "docker import $tarball as $base"
  docker import --change "LABEL projectmeats.rootfs=$checksum" --change 'CMD ["bash"]' "$tarball" "$base" >/dev/null
fi

# --- 3. the three stand-ins ---------------------------------------------------------------------
declare -A tags=([node]=$REPO/node:20 [maven]=$REPO/maven:3.9-jdk-21 [jre]=$REPO/jre:21)
# The context holds only the certificate authorities this machine added (see the Dockerfile).
context=$(mktemp -d)
mkdir "$context/local-ca"
find /usr/local/share/ca-certificates -maxdepth 1 -name '*.crt' -exec cp {} "$context/local-ca/" \; 2>/dev/null || true
for target in node maven jre; do
  say "building ${tags[$target]} (target $target)"
  started=$SECONDS
  if ! DOCKER_BUILDKIT=1 docker build --quiet -f "$TESTS_DIR/base-images.Dockerfile" --build-arg "BASE=$base" \
    --target "$target" -t "${tags[$target]}" "$context" >/dev/null; then
    fail "building ${tags[$target]} failed"
  fi
  say "${tags[$target]}: $(docker image inspect --format '{{.Size}}' "${tags[$target]}" | awk '{printf "%.0f MB", $1 / 1e6}') in $((SECONDS - started)) s"
done

rm -rf "$context"
echo "NODE_IMAGE=${tags[node]}"
echo "MAVEN_IMAGE=${tags[maven]}"
echo "RUNTIME_IMAGE=${tags[jre]}"
