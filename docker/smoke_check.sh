#!/usr/bin/env bash
# Checks a deployed environment from the outside, as a user's browser sees it:
#
#   docker/smoke_check.sh APP_DOMAIN
#
#   - https://APP_DOMAIN/healthz answers 200 with "status":"UP" (retried for SMOKE_TIMEOUT s)
#   - http:// redirects to https://
#   - the SPA answers on / with an HSTS header (Traefik's security-header middleware)
#   - /metrics is NOT served publicly
# Exits non-zero, naming the failed check, if any fails.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 APP_DOMAIN" >&2; exit 2; }
domain=$1
[[ $domain =~ ^[A-Za-z0-9.-]+$ ]] || { echo "smoke: '$domain' is not a host name" >&2; exit 2; }
timeout=${SMOKE_TIMEOUT:-120}
interval=${SMOKE_INTERVAL:-5}
failed=0

pass() { echo "smoke: ok   - $1"; }
flunk() {
  echo "smoke: FAIL - $1" >&2
  failed=1
}

healthz_up() {
  local deadline=$((SECONDS + timeout)) body
  while ((SECONDS < deadline)); do
    if body=$(curl -fsS --max-time 10 "https://$domain/healthz") && [[ $body == *'"status":"UP"'* ]]; then
      return 0
    fi
    sleep "$interval"
  done
  return 1
}
redirects_to_https() {
  local location
  location=$(curl -sS -o /dev/null --max-time 10 -w '%{redirect_url}' "http://$domain/healthz")
  [[ $location == "https://$domain/"* ]]
}
spa_with_hsts() {
  local headers
  headers=$(curl -fsS -D - -o /dev/null --max-time 10 "https://$domain/")
  grep -qi '^strict-transport-security:' <<<"$headers"
}
metrics_not_public() {
  local code
  code=$(curl -sS -o /dev/null --max-time 10 -w '%{http_code}' "https://$domain/metrics")
  # A real HTTP answer that is not 200 (404 from Traefik); 000 would mean no answer at all.
  [[ $code =~ ^[1-5][0-9][0-9]$ && $code != 200 ]]
}

if healthz_up; then pass "https://$domain/healthz is UP"; else flunk "https://$domain/healthz is not UP after ${timeout}s"; fi
if redirects_to_https; then pass "http:// redirects to https://"; else flunk "http://$domain does not redirect to https://"; fi
if spa_with_hsts; then pass "https://$domain/ answers with HSTS"; else flunk "https://$domain/ fails or lacks Strict-Transport-Security"; fi
if metrics_not_public; then pass "/metrics is not public"; else flunk "https://$domain/metrics answers 200 (or not at all): it must not be public"; fi
exit "$failed"
