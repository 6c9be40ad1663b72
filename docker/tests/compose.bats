#!/usr/bin/env bats
# What the Compose files promise, read from `docker-compose config` (every variable resolved
# from the example env files) rather than from the raw YAML.

# Traefik rules contain backticks and ${…} that must stay literal.
# shellcheck disable=SC2016

load test_helper

setup_file() {
  for e in dev uat prod; do
    render_compose "$e" "$BATS_FILE_TMPDIR/$e" >"$BATS_FILE_TMPDIR/$e.yml"
    node "$TESTS_DIR/lib/yaml2json.cjs" "$BATS_FILE_TMPDIR/$e.yml" >"$BATS_FILE_TMPDIR/$e.json"
  done
}

# docker-compose prints volumes and ports in short or long syntax depending on the entry;
# these jq functions turn either into one string form: "source:target:ro|rw", "ip:published:target".
JQ_DEFS='
def vols: (. // []) | map(if type == "string" then . else "\(.source):\(.target):\(if .read_only then "ro" else "rw" end)" end);
def ports: (. // []) | map(if type == "string" then sub("/tcp$"; "") else "\(if .host_ip then .host_ip + ":" else "" end)\(.published):\(.target)" end);
'
# q ENV JQ-FILTER: run a jq filter (-e: false/null fail) on one rendered Compose file.
q() { jq -e "$JQ_DEFS $2" "$BATS_FILE_TMPDIR/$1.json" >/dev/null; }
traefik_args() { jq -r '.services.traefik.command[]' "$BATS_FILE_TMPDIR/$1.json"; }
traefik_label() { jq -r --arg k "$2" '.services.traefik.labels[$k] // empty' "$BATS_FILE_TMPDIR/$1.json"; }

@test "every environment runs exactly traefik and app, from the image in env/image.env" {
  for e in dev uat prod; do
    q "$e" '(.services | keys) == ["app", "traefik"]'
    q "$e" '.services.app.image | test("^ghcr\\.io/[a-z0-9-]+/projectmeats:[0-9a-f]{40}$")'
  done
}

@test "replicas: DEV 1, UAT 2, PROD 2, and deploy_remote.sh rolls the same numbers" {
  q dev '.services.app.deploy.replicas == 1'
  q uat '.services.app.deploy.replicas == 2'
  q prod '.services.app.deploy.replicas == 2'
  grep -qE '^  dev\) REPLICAS=1 ;;$' "$DOCKER_DIR/deploy_remote.sh"
  grep -qE '^  uat \| prod\) REPLICAS=2 ;;$' "$DOCKER_DIR/deploy_remote.sh"
}

@test "DEV keeps SQLite on a named volume at /app/data; UAT and PROD use the env file's PostgreSQL" {
  q dev '.services.app.environment.DATABASE_URL == "sqlite:/app/data/projectmeats.db"'
  q dev '.services.app.volumes | vols | index("app_data:/app/data:rw")'
  q dev '.volumes | has("app_data")'
  for e in uat prod; do
    q "$e" '.services.app.environment.DATABASE_URL | startswith("postgres://")'
    q "$e" '.services.app.volumes == null'
  done
}

@test "APP_ENV is pinned per file and SECRET_KEY reaches UAT and PROD" {
  for e in dev uat prod; do q "$e" ".services.app.environment.APP_ENV == \"$e\""; done
  for e in uat prod; do q "$e" '.services.app.environment.SECRET_KEY | length > 0'; done
}

@test "memory limits fit the droplets, with room for one extra replica during a rollout" {
  # DEV/UAT: s-2vcpu-2gb, PROD: s-4vcpu-8gb. (replicas + 1) x app + traefik must fit.
  to_mb() { jq -r "$2" "$BATS_FILE_TMPDIR/$1.json" | awk '/g$/ {print $0 * 1024; next} /m$/ {print $0 + 0}'; }
  for pair in dev:2048 uat:2048 prod:8192; do
    e=${pair%%:*} ram=${pair#*:}
    app=$(to_mb "$e" '.services.app.deploy.resources.limits.memory')
    proxy=$(to_mb "$e" '.services.traefik.deploy.resources.limits.memory')
    replicas=$(jq -r '.services.app.deploy.replicas' "$BATS_FILE_TMPDIR/$e.json")
    echo "$e: ($replicas + 1) x ${app} + ${proxy} MB vs ${ram} MB"
    [ "$app" -gt 0 ] && [ "$proxy" -gt 0 ]
    [ $(((replicas + 1) * app + proxy)) -le "$ram" ]
  done
}

@test "health checks, restart policies and rotated json-file logs on every service" {
  for e in dev uat prod; do
    for s in app traefik; do
      q "$e" ".services.$s.restart == \"unless-stopped\""
      q "$e" ".services.$s.healthcheck.test | length > 0"
      q "$e" ".services.$s.logging.driver == \"json-file\""
      q "$e" ".services.$s.logging.options[\"max-size\"] and .services.$s.logging.options[\"max-file\"]"
    done
    q "$e" '.services.app.healthcheck.test | join(" ") | contains("/healthz")'
  done
}

@test "Traefik v3: docker provider, not exposed by default, web redirects to websecure" {
  for e in dev uat prod; do
    q "$e" '.services.traefik.image | test("^traefik:v3\\.")'
    args=$(traefik_args "$e")
    grep -qx -- '--providers.docker=true' <<<"$args"
    grep -qx -- '--providers.docker.exposedbydefault=false' <<<"$args"
    grep -qx -- '--entrypoints.web.address=:80' <<<"$args"
    grep -qx -- '--entrypoints.web.http.redirections.entrypoint.to=websecure' <<<"$args"
    grep -qx -- '--entrypoints.web.http.redirections.entrypoint.scheme=https' <<<"$args"
    grep -qx -- '--entrypoints.websecure.address=:443' <<<"$args"
    q "$e" '.services.traefik.volumes | vols | index("/var/run/docker.sock:/var/run/docker.sock:ro")'
  done
}

@test "Let's Encrypt: HTTP challenge on web, LETSENCRYPT_EMAIL, certificates on a volume" {
  for e in dev uat prod; do
    args=$(traefik_args "$e")
    grep -qx -- '--certificatesresolvers.le.acme.email=ops@meatscentral.com' <<<"$args"
    grep -qx -- '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web' <<<"$args"
    grep -qx -- '--certificatesresolvers.le.acme.storage=/letsencrypt/acme.json' <<<"$args"
    q "$e" '.services.traefik.volumes | vols | index("letsencrypt:/letsencrypt:rw")'
    q "$e" '.volumes | has("letsencrypt")'
  done
}

@test "streamed answers survive: no write timeout, read >= 10 min, idle >= 180 s" {
  for e in dev uat prod; do
    args=$(traefik_args "$e")
    for ep in websecure internal; do
      grep -qx -- "--entrypoints.$ep.transport.respondingTimeouts.writeTimeout=0s" <<<"$args"
      read_s=$(sed -n "s/^--entrypoints.$ep.transport.respondingTimeouts.readTimeout=\([0-9]*\)s$/\1/p" <<<"$args")
      idle_s=$(sed -n "s/^--entrypoints.$ep.transport.respondingTimeouts.idleTimeout=\([0-9]*\)s$/\1/p" <<<"$args")
      [ "$read_s" -ge 600 ]
      [ "$idle_s" -ge 180 ]
    done
  done
}

@test "routers for /healthz, /api and / on Host(APP_DOMAIN), TLS by Let's Encrypt" {
  for pair in dev:dev.meatscentral.com uat:uat.meatscentral.com prod:meatscentral.com; do
    e=${pair%%:*} host=${pair#*:}
    [ "$(traefik_label "$e" traefik.http.routers.app-health.rule)" = "Host(\`$host\`) && Path(\`/healthz\`)" ]
    [ "$(traefik_label "$e" traefik.http.routers.app-api.rule)" = "Host(\`$host\`) && PathPrefix(\`/api\`)" ]
    [ "$(traefik_label "$e" traefik.http.routers.app-web.rule)" = "Host(\`$host\`) && PathPrefix(\`/\`) && !PathPrefix(\`/metrics\`)" ]
    for r in app-health app-api app-web; do
      [ "$(traefik_label "$e" "traefik.http.routers.$r.entrypoints")" = websecure ]
      [ "$(traefik_label "$e" "traefik.http.routers.$r.tls.certresolver")" = le ]
      [ "$(traefik_label "$e" "traefik.http.routers.$r.service")" = app ]
      [[ $(traefik_label "$e" "traefik.http.routers.$r.middlewares") == *security-headers* ]]
    done
    # More specific routers win over the catch-all one.
    [ "$(traefik_label "$e" traefik.http.routers.app-health.priority)" -gt "$(traefik_label "$e" traefik.http.routers.app-api.priority)" ]
    [ "$(traefik_label "$e" traefik.http.routers.app-api.priority)" -gt "$(traefik_label "$e" traefik.http.routers.app-web.priority)" ]
  done
}

@test "/metrics is never on a public router; the host-only entry point is bound to 127.0.0.1:8000" {
  for e in dev uat prod; do
    # Every router on websecure either excludes /metrics or matches a path that is not it.
    for r in app-health app-api app-web; do
      rule=$(traefik_label "$e" "traefik.http.routers.$r.rule")
      [[ $rule == *'Path(`/healthz`)'* || $rule == *'PathPrefix(`/api`)'* || $rule == *'!PathPrefix(`/metrics`)'* ]]
    done
    # Only three routers are public; the fourth lives on the internal entry point.
    [ "$(jq -r '.services.traefik.labels | keys[] | select(test("^traefik\\.http\\.routers\\.[^.]+\\.entrypoints$"))' "$BATS_FILE_TMPDIR/$e.json" | wc -l)" -eq 4 ]
    [ "$(traefik_label "$e" traefik.http.routers.app-internal.entrypoints)" = internal ]
    grep -qx -- '--entrypoints.internal.address=:8000' <<<"$(traefik_args "$e")"
    # The only published ports: 80 and 443 to the world, 8000 to the droplet itself.
    q "$e" '(.services.traefik.ports | ports | sort) == ["127.0.0.1:8000:8000", "443:443", "80:80"]'
    q "$e" '.services.app.ports == null'
  done
}

@test "security headers and compression that leaves text/event-stream alone" {
  for e in dev uat prod; do
    [ "$(traefik_label "$e" traefik.http.middlewares.security-headers.headers.stsSeconds)" -ge 15552000 ]
    [ "$(traefik_label "$e" traefik.http.middlewares.security-headers.headers.contentTypeNosniff)" = true ]
    [ "$(traefik_label "$e" traefik.http.middlewares.security-headers.headers.frameDeny)" = true ]
    [ "$(traefik_label "$e" traefik.http.middlewares.compress.compress.excludedcontenttypes)" = text/event-stream ]
    [[ $(traefik_label "$e" traefik.http.routers.app-api.middlewares) == *compress* ]]
  done
}

@test "replicas carry only the service labels, so old and new versions never conflict mid-rollout" {
  for e in dev uat prod; do
    q "$e" '.services.app.labels["traefik.enable"] == "true"'
    q "$e" '.services.app.labels["traefik.http.services.app.loadbalancer.server.port"] == "8000"'
    q "$e" '.services.app.labels["traefik.http.services.app.loadbalancer.healthcheck.path"] == "/healthz"'
    q "$e" '[.services.app.labels | keys[] | select(startswith("traefik.http.routers.") or startswith("traefik.http.middlewares."))] | length == 0'
  done
}

@test "the three files differ only where the environments do" {
  # Normalise the known differences; anything else that differs is drift.
  norm() {
    sed -e 's/\b\(dev\|uat\|prod\)\b/ENV/g; s/\(DEV\|UAT\|PROD\)/ENV/g' \
      -e '/^#/d; /memory:/d; /replicas:/d' "$DOCKER_DIR/compose.$1.yml"
  }
  diff <(norm uat) <(norm prod)
  # DEV adds only the SQLite volume and its DATABASE_URL (and comments).
  diff <(norm uat) <(norm dev) | grep '^>' | grep -v '^> *#' | sed 's/^> *//' | sort >"$BATS_TEST_TMPDIR/dev-extra"
  cat "$BATS_TEST_TMPDIR/dev-extra"
  [ "$(cat "$BATS_TEST_TMPDIR/dev-extra")" = "$(printf '%s\n' 'DATABASE_URL: sqlite:/app/data/projectmeats.db' 'app_data:' 'volumes:' '- app_data:/app/data' | sort)" ]
}
