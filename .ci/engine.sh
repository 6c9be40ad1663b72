# Sourced by .ci/run: `start_engine LOG` makes sure a Docker engine answers on the default socket,
# starting Debian's dockerd when none does.
#
# CI runs on a machine as the last session left it, and an engine that was killed with that session
# leaves its pid files behind (/var/run/docker.pid, and containerd's under /var/run/docker). Once
# the PIDs in them belong to other processes, dockerd refuses to start ("pid file found"), or takes
# containerd for running and waits on a socket nobody serves until it gives up. A pid file whose
# process is not the program that wrote it is therefore removed before the start.
# shellcheck shell=bash

DOCKERD_PIDFILE=${DOCKERD_PIDFILE:-/var/run/docker.pid}
CONTAINERD_PIDFILE=${CONTAINERD_PIDFILE:-/var/run/docker/containerd/containerd.pid}
# The engine's own client, never a stub that a test put first on PATH.
DOCKER_CLI=${DOCKER_CLI:-/usr/bin/docker}
DOCKERD=${DOCKERD:-dockerd}

# clear_stale_pidfile FILE PROGRAM: removes FILE unless the process it names is PROGRAM.
clear_stale_pidfile() {
  local file=$1 program=$2 pid comm=""
  [ -e "$file" ] || return 0
  pid=$(tr -dc '0-9' <"$file")
  if [ -n "$pid" ]; then comm=$(cat "/proc/$pid/comm" 2>/dev/null || true); fi
  [ "$comm" = "$program" ] && return 0
  echo "removing $file: process ${pid:-(none)} is ${comm:-not running}, not $program (left by an earlier run)"
  rm -f "$file"
}

# start_engine LOG: returns 0 once `docker info` answers, within 60 s. Sets started_engine to the
# PID of the dockerd it started (empty when one was already running). On failure it prints the end
# of LOG, where dockerd says why, and returns 1.
start_engine() {
  local log=$1
  started_engine=""
  "$DOCKER_CLI" info >/dev/null 2>&1 && return 0
  clear_stale_pidfile "$DOCKERD_PIDFILE" dockerd
  clear_stale_pidfile "$CONTAINERD_PIDFILE" containerd
  "$DOCKERD" >"$log" 2>&1 &
  started_engine=$!
  for _ in $(seq 1 60); do
    "$DOCKER_CLI" info >/dev/null 2>&1 && return 0
    # A dockerd that has exited will not answer later: say why now rather than after a minute.
    kill -0 "$started_engine" 2>/dev/null || break
    sleep 1
  done
  echo "FAILED: no Docker engine answers on the default socket; the end of $log:"
  tail -n 20 "$log"
  return 1
}
