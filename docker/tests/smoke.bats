#!/usr/bin/env bats
# smoke_check.sh, the outside check CI runs after each deploy, against a stub curl.

load test_helper

setup() {
  use_stubs
  export SMOKE_TIMEOUT=1 SMOKE_INTERVAL=0.1
}

@test "a healthy deployment passes every smoke check" {
  run "$DOCKER_DIR/smoke_check.sh" uat.meatscentral.com
  echo "$output"
  [ "$status" -eq 0 ]
  [ "$(grep -c '^smoke: ok' <<<"$output")" -eq 4 ]
  grep -qx 'curl https://uat.meatscentral.com/healthz' "$STUB_LOG"
  grep -qx 'curl https://uat.meatscentral.com/metrics' "$STUB_LOG"
}

@test "/metrics served publicly fails the smoke check" {
  export STUB_METRICS_CODE=200
  run "$DOCKER_DIR/smoke_check.sh" uat.meatscentral.com
  [ "$status" -ne 0 ]
  [[ $output == *"FAIL - https://uat.meatscentral.com/metrics answers 200"* ]]
}

@test "a /healthz that answers but is not UP fails" {
  export STUB_HEALTH_BODY='{"status":"DOWN"}'
  run "$DOCKER_DIR/smoke_check.sh" uat.meatscentral.com
  [ "$status" -ne 0 ]
  [[ $output == *"healthz is not UP"* ]]
}

@test "an unreachable site fails (and does not pass the /metrics check by accident)" {
  export STUB_CURL_FAIL_URL=uat.meatscentral.com
  run "$DOCKER_DIR/smoke_check.sh" uat.meatscentral.com
  [ "$status" -ne 0 ]
  [ "$(grep -c '^smoke: ok' <<<"$output")" -eq 0 ]
}

@test "missing HSTS or a missing http->https redirect fails" {
  STUB_NO_HSTS=1 run "$DOCKER_DIR/smoke_check.sh" uat.meatscentral.com
  [ "$status" -ne 0 ]
  STUB_NO_REDIRECT=1 run "$DOCKER_DIR/smoke_check.sh" uat.meatscentral.com
  [ "$status" -ne 0 ]
}
