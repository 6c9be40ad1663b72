#!/usr/bin/env bash
# Deploys one image to one environment's droplet over SSH:
#
#   GHCR_USERNAME=… GHCR_TOKEN=… \
#     docker/deploy_via_compose.sh HOST USER SSH_KEY ENV IMAGE APP_DOMAIN
#
#   HOST        droplet address (terraform output dev_ip / uat_ip / prod_ip)
#   USER        SSH user, normally "deploy" (made by cloud-init)
#   SSH_KEY     private key file for USER
#   ENV         dev | uat | prod
#   IMAGE       ghcr.io/<owner>/projectmeats:<git sha>
#   APP_DOMAIN  public host name, e.g. uat.meatscentral.com
#
# Environment:
#   GHCR_USERNAME, GHCR_TOKEN   registry login for the droplet (token sent on ssh's stdin only)
#   SSH_KNOWN_HOSTS_FILE        known_hosts holding HOST's key; the host key is then checked
#                               strictly. Unset: ssh's own known_hosts and settings apply.
#   REMOTE_DIR                  project directory on the droplet (default /opt/projectmeats)
#   HEALTH_TIMEOUT, LOCAL_TIMEOUT, PUBLIC_TIMEOUT, POLL_INTERVAL, LOG_LINES
#                               passed on to deploy_remote.sh when set
#
# The env files (env/ENV.env, env/image.env) must already be on the droplet: CI renders them
# from GitHub secrets (docker/render_env.sh) and uploads them with scp before calling this.
# This script uploads the code half (the Compose file, deploy_remote.sh and the cleanup
# script) from this checkout, so the droplet always runs the scripts of the commit deployed,
# then runs deploy_remote.sh there. Exit status: 0 only when the new version serves on
# 127.0.0.1:8000 and https://APP_DOMAIN.
set -euo pipefail

usage() {
  echo "usage: $0 HOST USER SSH_KEY ENV(dev|uat|prod) IMAGE APP_DOMAIN" >&2
  exit 2
}
fail() {
  echo "deploy_via_compose: $*" >&2
  exit 1
}

[[ $# -eq 6 ]] || usage
host=$1 user=$2 key=$3 env_name=$4 image=$5 app_domain=$6
case "$env_name" in dev | uat | prod) ;; *) usage ;; esac
[[ -r $key ]] || fail "cannot read SSH key '$key'"
[[ $host =~ ^[A-Za-z0-9.:-]+$ ]] || fail "HOST '$host' is not a host name or address"
[[ $user =~ ^[a-z_][a-z0-9_-]*$ ]] || fail "USER '$user' is not a user name"
# Checked again on the droplet; checked here so nothing odd is ever put on a remote command line.
[[ $image =~ ^[a-z0-9][a-z0-9./_-]*:[A-Za-z0-9_.-]+$ ]] || fail "IMAGE '$image' is not repository:tag"
[[ $app_domain =~ ^[A-Za-z0-9.-]+$ ]] || fail "APP_DOMAIN '$app_domain' is not a host name"
[[ -n ${GHCR_USERNAME:-} ]] || fail "GHCR_USERNAME is not set"
[[ -n ${GHCR_TOKEN:-} ]] || fail "GHCR_TOKEN is not set"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
remote_dir=${REMOTE_DIR:-/opt/projectmeats}
target="$user@$host"

ssh_opts=(-i "$key" -o BatchMode=yes -o ConnectTimeout=15 -o ServerAliveInterval=30 -o ServerAliveCountMax=4)
if [[ -n ${SSH_KNOWN_HOSTS_FILE:-} ]]; then
  ssh_opts+=(-o "UserKnownHostsFile=$SSH_KNOWN_HOSTS_FILE" -o StrictHostKeyChecking=yes)
fi

echo "deploy_via_compose: $image -> $env_name ($target, https://$app_domain)"

# 1. Code half to the droplet. cloud-init made $remote_dir (owned by deploy); bin/ is ours.
# shellcheck disable=SC2029 # expanded here on purpose: the path is quoted with %q for the remote shell
ssh "${ssh_opts[@]}" "$target" "mkdir -p $(printf '%q' "$remote_dir")/bin $(printf '%q' "$remote_dir")/env"
scp -q "${ssh_opts[@]}" "$here/compose.$env_name.yml" "$target:$remote_dir/"
scp -q "${ssh_opts[@]}" "$here/deploy_remote.sh" "$here/remote-docker-cleanup.sh" "$target:$remote_dir/bin/"

# 2. Run it. Only names and numbers go on the command line; the token travels on stdin.
remote_env=(PROJECT_DIR="$remote_dir")
for var in HEALTH_TIMEOUT LOCAL_TIMEOUT PUBLIC_TIMEOUT POLL_INTERVAL LOG_LINES; do
  if [[ -n ${!var:-} ]]; then
    [[ ${!var} =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail "$var must be a number (seconds or lines)"
    remote_env+=("$var=${!var}")
  fi
done
remote_cmd=$(printf '%q ' env "${remote_env[@]}" bash "$remote_dir/bin/deploy_remote.sh" \
  "$env_name" "$image" "$app_domain" "$GHCR_USERNAME")
# shellcheck disable=SC2029 # remote_cmd was built with %q above
if ! printf '%s' "$GHCR_TOKEN" | ssh "${ssh_opts[@]}" "$target" "$remote_cmd"; then
  fail "deploy of $image to $env_name FAILED (the reason is printed above; docs/deploying.md, 'Troubleshooting')"
fi
echo "deploy_via_compose: $env_name now serves $image"
