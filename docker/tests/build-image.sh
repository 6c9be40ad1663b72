#!/usr/bin/env bash
# Builds the production image from docker/Dockerfile, unchanged, on a Docker engine that reaches
# no image registry: the public base images are replaced, through the Dockerfile's own ARGs, by
# stand-ins base-images.sh makes from Debian packages. Every stage runs as in production (npm ci
# from the npm registry, Maven from Maven Central, apt-get for curl, the class-data archive).
#
#   docker/tests/build-image.sh [TAG]     default TAG projectmeats:local
#
# Prints the image's size and each layer's size and the instruction that made it.
set -euo pipefail

TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$TESTS_DIR/../.." && pwd)
# shellcheck source=docker/tests/lib/engine.bash
source "$TESTS_DIR/lib/engine.bash"
tag=${1:-projectmeats:local}

say() { printf '[build-image %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

started=$SECONDS
build_args=()
while IFS= read -r arg; do build_args+=(--build-arg "$arg"); done < <(bash "$TESTS_DIR/base-images.sh")
[[ ${#build_args[@]} -eq 6 ]] || { say "FAILED: base-images.sh did not name the three base images"; exit 1; }
say "base images ready in $((SECONDS - started)) s: ${build_args[*]}"

started=$SECONDS
git_sha=$(git -C "$REPO_DIR" rev-parse HEAD 2>/dev/null || echo unknown)
say "docker build -f docker/Dockerfile -t $tag (GIT_SHA=$git_sha)"
docker build --progress=plain -f "$REPO_DIR/docker/Dockerfile" "${build_args[@]}" \
  --build-arg "GIT_SHA=$git_sha" -t "$tag" "$REPO_DIR"
say "image built in $((SECONDS - started)) s"

mb() { awk '{printf "%.1f MB", $1 / 1e6}'; }
echo "image $tag: $(docker image inspect --format '{{.Size}}' "$tag" | mb)"
echo "layers (newest first; size, instruction):"
docker history --no-trunc --format '{{.Size}}|{{.CreatedBy}}' "$tag" |
  while IFS='|' read -r size created_by; do
    printf '  %9s  %s\n' "$size" "$(sed -E 's/^RUN \|[0-9]+ ([A-Z_]+=[^ ]* )*//; s/^(RUN )?\/bin\/sh -c (#\(nop\) )?//; s/^$/(docker import of the debootstrapped root file system)/; s/[[:space:]]+/ /g' <<<"$created_by" | cut -c1-110)"
  done
