#!/usr/bin/env bash
# Frees disk on a droplet: for every image repository, keeps the newest KEEP (default 2) images
# (the running release and the one before it, for a quick manual rollback) and removes the
# rest. Never removes an image that any container, running or stopped, was created from, and
# never forces a removal (no `image rm -f`): if Docker refuses one, the script fails loudly
# instead of breaking a container. Run by deploy_remote.sh after each successful deploy; safe to run by hand.
set -euo pipefail

KEEP=${KEEP:-2}
[[ $KEEP =~ ^[1-9][0-9]*$ ]] || { echo "KEEP must be a positive number" >&2; exit 2; }

# Image IDs (sha256:…) of every container on the host, whatever its state.
containers=$(docker ps -aq)
in_use=""
if [[ -n $containers ]]; then
  # shellcheck disable=SC2086 # one container id per word
  in_use=$(docker inspect --format '{{.Image}}' $containers | sort -u)
fi
is_in_use() { [[ -n $in_use ]] && grep -qxF "$1" <<<"$in_use"; }

# repository|tag|image id|created (ns since the epoch); newest first within each repository.
# `image ls` gives the creation time to the second only: two images built in one second (a
# rebuild from cache, a hotfix right after a release) would tie, and the tie would go to the
# lower tag, so the time comes from `image inspect`, to the nanosecond.
listing=$(docker image ls --no-trunc --format '{{.Repository}}|{{.Tag}}|{{.ID}}' |
  while IFS='|' read -r repo tag id _; do
    [[ -n $repo ]] || continue
    printf '%s|%s|%s|%s\n' "$repo" "$tag" "$id" "$(date -u -d "$(docker image inspect --format '{{.Created}}' "$id")" +%s%N)"
  done)
sorted=$(sort -t'|' -k1,1 -k4,4nr <<<"$listing")

removed=0 kept_in_use=0
current_repo="" kept_ids="" kept_count=0
while IFS='|' read -r repo tag id _created; do
  [[ -n $repo ]] || continue
  # Dangling images (<none>:<none>) belong to no repository; `image prune` below handles them.
  [[ $repo != "<none>" ]] || continue
  if [[ $repo != "$current_repo" ]]; then
    current_repo=$repo kept_ids="" kept_count=0
  fi
  # An image with several tags (…:<sha> and …:latest) is one image: count IDs, not tags.
  if grep -qxF "$id" <<<"$kept_ids"; then
    continue
  fi
  if ((kept_count < KEEP)); then
    kept_ids+="$id"$'\n'
    kept_count=$((kept_count + 1))
    continue
  fi
  if is_in_use "$id"; then
    echo "cleanup: keeping $repo:$tag (${id:7:12}): a container uses it"
    kept_in_use=$((kept_in_use + 1))
    continue
  fi
  # Remove by name, so the same image tagged in a repository that keeps it stays there; a
  # tagless entry (pulled by digest) can only be named by its ID.
  if [[ $tag == "<none>" ]]; then ref=$id; else ref="$repo:$tag"; fi
  echo "cleanup: removing $repo:$tag (${id:7:12})"
  docker image rm "$ref" >/dev/null
  removed=$((removed + 1))
done <<<"$sorted"

# Layers left without any tag by the removals above, or by a moved tag such as :latest. Prune
# takes only dangling images no container uses; --force merely skips its confirmation prompt.
docker image prune --force >/dev/null
echo "cleanup: removed $removed image reference(s), kept $kept_in_use older one(s) in use, newest $KEEP per repository kept"
