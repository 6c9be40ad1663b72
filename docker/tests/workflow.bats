#!/usr/bin/env bats
# .github/workflows/ci-cd.yml: the promises actionlint cannot check (run-checks.sh runs
# actionlint itself), plus a lint of every `run:` script, which native actionlint delegates to
# the ShellCheck binary and its WebAssembly build cannot.

# The workflow's ${{ … }} and shell variables are matched as literal text.
# shellcheck disable=SC2016

load test_helper

WORKFLOW=$REPO_DIR/.github/workflows/ci-cd.yml

setup_file() {
  yaml_json "$WORKFLOW" >"$BATS_FILE_TMPDIR/wf.json"
}

q() { jq -e "$1" "$BATS_FILE_TMPDIR/wf.json" >/dev/null; }

@test "triggers: push to dev, main_rep, main, and manual dispatch" {
  q '.on.push.branches == ["dev", "main_rep", "main"]'
  q '.on | has("workflow_dispatch")'
}

@test "permissions: contents read, packages write" {
  q '.permissions == {"contents": "read", "packages": "write"}'
}

@test "jobs: the seed's four, chained build -> dev -> uat -> prod" {
  q '(.jobs | keys) == ["build_test_package", "deploy_dev", "deploy_prod", "promote_and_deploy_uat"]'
  q '.jobs.deploy_dev.needs == "build_test_package"'
  q '.jobs.promote_and_deploy_uat.needs | index("deploy_dev")'
  q '.jobs.deploy_prod.needs | index("promote_and_deploy_uat")'
}

@test "tests run against a PostgreSQL 15 service with the README's command, and nothing hides a failure" {
  q '.jobs.build_test_package.services.postgres.image == "postgres:15"'
  q '.jobs.build_test_package.env.DATABASE_URL == "postgres://postgres:postgres@localhost:5432/postgres"'
  q '[.jobs.build_test_package.steps[] | select(.run == "mvn -B -ntp verify")] | length == 1'
  q '.jobs.build_test_package.steps | any(.uses // "" | startswith("actions/setup-java")) and any(.uses // "" | startswith("actions/setup-node"))'
  q '.jobs.build_test_package.steps[] | select(.uses // "" | startswith("actions/setup-java")) | .with["java-version"] == "21"'
  q '.jobs.build_test_package.steps[] | select(.uses // "" | startswith("actions/setup-node")) | .with["node-version"] == "20"'
  not grep -nE '\|\| *true|continue-on-error: *true|set \+e' "$WORKFLOW"
}

@test "the image is ghcr.io/<owner lowercased>/projectmeats:<sha> and :latest, and a job output" {
  q '.jobs.build_test_package.outputs.image == "${{ steps.names.outputs.image }}"'
  names=$(jq -r '.jobs.build_test_package.steps[] | select(.id == "names") | .run' "$BATS_FILE_TMPDIR/wf.json")
  [[ $names == *'ghcr.io/${GITHUB_REPOSITORY_OWNER,,}/projectmeats'* ]]
  [[ $names == *':${GITHUB_SHA}'* ]]
  build=$(jq -c '.jobs.build_test_package.steps[] | select(.uses // "" | startswith("docker/build-push-action"))' "$BATS_FILE_TMPDIR/wf.json")
  jq -e '.with.push == true and .with.file == "docker/Dockerfile"' <<<"$build" >/dev/null
  jq -e '.with.tags | contains("${{ steps.names.outputs.image }}") and contains(":latest")' <<<"$build" >/dev/null
  jq -e '.with["build-args"] | contains("GIT_SHA=${{ github.sha }}")' <<<"$build" >/dev/null
}

@test "each deploy job: its environment, its own concurrency group, render, upload, deploy, smoke" {
  for pair in deploy_dev:dev promote_and_deploy_uat:uat deploy_prod:prod; do
    job=${pair%%:*} env=${pair#*:}
    echo "$job"
    q ".jobs.$job.environment.name == \"$env\""
    q ".jobs.$job.concurrency.group == \"deploy-$env\" and .jobs.$job.concurrency[\"cancel-in-progress\"] == false"
    runs=$(jq -r ".jobs.$job.steps[].run // empty" "$BATS_FILE_TMPDIR/wf.json")
    render=$(grep -n "docker/render_env.sh $env " <<<"$runs" | cut -d: -f1)
    upload=$(grep -n "scp .*env/$env.env" <<<"$runs" | cut -d: -f1)
    deploy=$(grep -n "docker/deploy_via_compose.sh .* $env \"\$IMAGE\" \"\$APP_DOMAIN\"" <<<"$runs" | cut -d: -f1)
    smoke=$(grep -n 'docker/smoke_check.sh "$APP_DOMAIN"' <<<"$runs" | cut -d: -f1)
    [ -n "$render" ] && [ -n "$upload" ] && [ -n "$deploy" ] && [ -n "$smoke" ]
    [ "$render" -lt "$upload" ] && [ "$upload" -lt "$deploy" ] && [ "$deploy" -lt "$smoke" ]
    # The host key is pinned: never StrictHostKeyChecking=no.
    not grep -q 'StrictHostKeyChecking=no' <<<"$runs"
  done
}

@test "the GHCR token goes to the deploy script through env, never on its command line" {
  for job in deploy_dev promote_and_deploy_uat deploy_prod; do
    q ".jobs.$job.steps[] | select(.run // \"\" | startswith(\"docker/deploy_via_compose.sh\")) | .env.GHCR_TOKEN == \"\${{ secrets.GITHUB_TOKEN }}\""
    not grep -q 'secrets\.' <<<"$(jq -r ".jobs.$job.steps[].run // empty" "$BATS_FILE_TMPDIR/wf.json")"
  done
}

@test "every run: script passes shellcheck" {
  # GitHub runs these with bash -e; ${{ … }} is replaced by a plain word first.
  i=0
  while IFS= read -r -d '' script; do
    i=$((i + 1))
    printf '#!/usr/bin/env bash\n%s\n' "$script" | sed 's/\${{[^}]*}}/GHA_EXPR/g' >"$BATS_TEST_TMPDIR/run-$i.sh"
    shellcheck -s bash "$BATS_TEST_TMPDIR/run-$i.sh" || { echo "in run: block #$i:"; cat "$BATS_TEST_TMPDIR/run-$i.sh"; false; }
  done < <(jq -j '.jobs[].steps[] | select(.run) | .run + "\u0000"' "$BATS_FILE_TMPDIR/wf.json")
  [ "$i" -ge 10 ]
}

@test "the prod deploy waits for the prod environment's reviewers and only runs from main" {
  q '.jobs.deploy_prod.environment.name == "prod"'
  q '.jobs.deploy_prod.if == "github.ref_name == '"'main'"'"'
}
