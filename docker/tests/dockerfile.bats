#!/usr/bin/env bats
# docker/Dockerfile, read as text (no Docker engine here to build it).

# ${PORT}, ${GIT_SHA} and ${{ … }} are Dockerfile and workflow text, matched literally.
# shellcheck disable=SC2016

load test_helper

DOCKERFILE=$DOCKER_DIR/Dockerfile

# Instructions of the final stage (after the last FROM).
final_stage() { awk '/^FROM /{buf=""} {buf = buf $0 "\n"} END {printf "%s", buf}' "$DOCKERFILE"; }

@test "three stages: Node 20 builds the web app, Maven 3.9 on Temurin 21 the jar, a Temurin 21 JRE runs it" {
  grep -qE '^ARG NODE_IMAGE=node:20(-|$)' "$DOCKERFILE"
  grep -qE '^ARG MAVEN_IMAGE=maven:3\.9-eclipse-temurin-21$' "$DOCKERFILE"
  grep -qE '^ARG RUNTIME_IMAGE=eclipse-temurin:21-jre$' "$DOCKERFILE"
  [ "$(grep -c '^FROM ' "$DOCKERFILE")" -eq 3 ]
}

@test "the jar is built without tests and without re-running npm, from the SPA of the Node stage" {
  grep -q 'mvn -B -ntp package -DskipTests -Dskip.npm=true' "$DOCKERFILE"
  grep -q '^COPY --from=web /build/webroot/dist ./webroot/dist$' "$DOCKERFILE"
  grep -q '^RUN npm run build$' "$DOCKERFILE"
}

@test "the runtime runs as a non-root user, with curl for the health check" {
  final_stage | grep -qE '^USER 10001:10001$'
  final_stage | grep -q 'apt-get install -y --no-install-recommends curl'
  not grep -qE '^USER (root|0)' <<<"$(final_stage)"
}

@test "HEALTHCHECK on /healthz, port 8000 exposed, SQLite in /app/data by default" {
  final_stage | grep -qE '^HEALTHCHECK .*'
  final_stage | grep -q 'http://127.0.0.1:${PORT}/healthz'
  final_stage | grep -qx 'EXPOSE 8000'
  final_stage | grep -q 'DATABASE_URL=sqlite:/app/data/projectmeats.db'
}

@test "container-aware heap, exit on OOM, sub-commands pass through the entrypoint" {
  final_stage | grep -qF 'ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=/app/projectmeats.jsa", "-jar", "/app/projectmeats.jar"]'
  not grep -q '^CMD ' <<<"$(final_stage)"
}

@test "the class-data archive the entrypoint maps is written in the image, for the jar at the same path" {
  final_stage | grep -qx 'COPY --chown=root:root docker/cds-archive.sh /usr/local/bin/cds-archive.sh'
  final_stage | grep -qx 'RUN /usr/local/bin/cds-archive.sh /app/projectmeats.jar /app/projectmeats.jsa'
  # Written after the jar is in place and before the non-root user: the archive names the jar's path and size.
  [ "$(final_stage | grep -n 'projectmeats.jar /app/projectmeats.jar$' | cut -d: -f1)" -lt \
    "$(final_stage | grep -n '^RUN /usr/local/bin/cds-archive.sh' | cut -d: -f1)" ]
  [ "$(final_stage | grep -n '^RUN /usr/local/bin/cds-archive.sh' | cut -d: -f1)" -lt \
    "$(final_stage | grep -n '^USER 10001:10001$' | cut -d: -f1)" ]
}

@test "no # syntax= line: the built-in frontend is enough, and a named one is pulled from a registry" {
  not grep -qiE '^#[[:space:]]*syntax[[:space:]]*=' "$DOCKERFILE"
}

@test "OCI labels carry the git revision passed as GIT_SHA" {
  final_stage | grep -qx 'ARG GIT_SHA=unknown'
  final_stage | grep -q 'org.opencontainers.image.revision="${GIT_SHA}"'
  # CI passes it.
  grep -q 'GIT_SHA=${{ github.sha }}' "$REPO_DIR/.github/workflows/ci-cd.yml"
}

@test "the build context is trimmed by Dockerfile.dockerignore (BuildKit reads it next to the Dockerfile)" {
  ignore=$DOCKER_DIR/Dockerfile.dockerignore
  [ "$(sed -n '/^[^#]/{p;q}' "$ignore")" = '*' ]
  for keep in '!pom.xml' '!src/' '!webroot/' '!docker/cds-archive.sh'; do grep -qxF -- "$keep" "$ignore"; done
  grep -qx 'webroot/node_modules/' "$ignore"
}
