#!/usr/bin/env bats
# .ci/engine.sh: CI starts the Docker engine on a machine an earlier session left, whose pid files
# may name processes that are no longer the engine's.

load test_helper

setup() {
  # shellcheck source=.ci/engine.sh
  source "$REPO_DIR/.ci/engine.sh"
  # A process whose name is known (sleep), standing for whatever now holds a recycled PID.
  sleep 300 &
  other=$!
}

teardown() {
  kill "$other" 2>/dev/null || true
  if [ -n "${started_engine:-}" ]; then kill "$started_engine" 2>/dev/null || true; fi
}

@test "a pid file whose PID now belongs to another program is removed, and says so" {
  printf %s "$other" >"$BATS_TEST_TMPDIR/docker.pid"
  run clear_stale_pidfile "$BATS_TEST_TMPDIR/docker.pid" dockerd
  [ "$status" -eq 0 ]
  [ ! -e "$BATS_TEST_TMPDIR/docker.pid" ]
  [[ $output == *"process $other is sleep, not dockerd"* ]]
}

@test "a pid file of a process that has exited is removed" {
  kill "$other"
  wait "$other" 2>/dev/null || true
  echo "$other" >"$BATS_TEST_TMPDIR/containerd.pid"
  run clear_stale_pidfile "$BATS_TEST_TMPDIR/containerd.pid" containerd
  [ ! -e "$BATS_TEST_TMPDIR/containerd.pid" ]
  [[ $output == *"is not running, not containerd"* ]]
}

@test "a pid file of the running program itself is kept" {
  printf %s "$other" >"$BATS_TEST_TMPDIR/sleep.pid"
  run clear_stale_pidfile "$BATS_TEST_TMPDIR/sleep.pid" sleep
  [ "$status" -eq 0 ]
  [ -e "$BATS_TEST_TMPDIR/sleep.pid" ]
  [ -z "$output" ]
}

@test "no pid file is fine" {
  run clear_stale_pidfile "$BATS_TEST_TMPDIR/absent.pid" dockerd
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

# A client that answers once the stub daemon has written its "socket", and a daemon stub that
# refuses to start while a pid file is there, as dockerd does.
stub_engine() {
  local bin=$BATS_TEST_TMPDIR/bin
  mkdir -p "$bin"
  cat >"$bin/docker" <<STUB
#!/usr/bin/env bash
[ -e "$BATS_TEST_TMPDIR/sock" ]
STUB
  cat >"$bin/dockerd" <<STUB
#!/usr/bin/env bash
echo "Starting up"
if [ -e "$BATS_TEST_TMPDIR/docker.pid" ]; then
  echo "failed to start daemon: pid file found, ensure docker is not running or delete $BATS_TEST_TMPDIR/docker.pid"
  exit 1
fi
touch "$BATS_TEST_TMPDIR/sock"
exec sleep 300
STUB
  chmod +x "$bin/docker" "$bin/dockerd"
  DOCKER_CLI=$bin/docker DOCKERD=$bin/dockerd
  DOCKERD_PIDFILE=$BATS_TEST_TMPDIR/docker.pid CONTAINERD_PIDFILE=$BATS_TEST_TMPDIR/containerd.pid
}

@test "the engine starts although an earlier run's pid files name other processes" {
  stub_engine
  printf %s "$other" >"$DOCKERD_PIDFILE"
  printf %s "$other" >"$CONTAINERD_PIDFILE"
  start_engine "$BATS_TEST_TMPDIR/dockerd.log"
  [ -n "$started_engine" ]
  [ ! -e "$DOCKERD_PIDFILE" ]
  [ ! -e "$CONTAINERD_PIDFILE" ]
}

@test "a daemon that exits fails at once, with its own words" {
  stub_engine
  # A pid file left in place (as one naming a live dockerd would be): the daemon then refuses.
  printf %s "$other" >"$DOCKERD_PIDFILE"
  clear_stale_pidfile() { :; }
  SECONDS=0
  run start_engine "$BATS_TEST_TMPDIR/dockerd.log"
  [ "$status" -eq 1 ]
  ((SECONDS < 10))
  [[ $output == *"FAILED: no Docker engine answers"* ]]
  [[ $output == *"pid file found"* ]]
}

@test "an engine that already answers is used as it is" {
  stub_engine
  touch "$BATS_TEST_TMPDIR/sock"
  printf %s "$other" >"$DOCKERD_PIDFILE"
  start_engine "$BATS_TEST_TMPDIR/dockerd.log"
  [ -z "$started_engine" ]
  [ -e "$DOCKERD_PIDFILE" ]
}
