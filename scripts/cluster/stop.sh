#!/usr/bin/env bash
# Stops what scripts/cluster/start.sh started under CLUSTER_DIR (apps first, then proxies, nodes, etcd), by their pids.
# CLUSTER_KEEP=1 keeps the directory (data and logs).
set -uo pipefail
DIR="${CLUSTER_DIR:-/tmp/motcua-cluster}"
[ -d "$DIR/pids" ] || exit 0
stop_group() { # names…: CONT and TERM, then KILL after 20 s
  local pids=()
  for name in "$@"; do
    local f="$DIR/pids/$name.pid"
    [ -f "$f" ] || continue
    local pid; pid=$(cat "$f")
    # Each was started with setsid: its process group holds its children (postgres under patroni). A group stopped by
    # the failover test (SIGSTOP: its network cut) is continued first, else the TERM would wait for ever.
    kill -CONT -- "-$pid" 2>/dev/null
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    pids+=("$pid"); rm -f "$f"
  done
  for _ in $(seq 1 80); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && return 0; sleep 0.25
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null; done
}
stop_group $(cd "$DIR/pids" && ls app*.pid 2>/dev/null | sed 's/\.pid$//')
stop_group haproxy pgbouncer1 pgbouncer2 pgbouncer3
postmaster() { # n: the pid of node n's running postmaster, if any
  local pgpid; pgpid=$(head -n1 "$DIR/node$1/data/postmaster.pid" 2>/dev/null) || return 1
  [ -n "$pgpid" ] && grep -q "$DIR/node$1/data" "/proc/$pgpid/cmdline" 2>/dev/null && echo "$pgpid"
}
# Patroni starts each postmaster in a session of its own (its group holds the backends): continue a frozen one too.
for n in 1 2 3; do pgpid=$(postmaster $n) && kill -CONT -- "-$pgpid" 2>/dev/null; done
stop_group node1 node2 node3
# A postmaster killed with -9 leaves its backends; patroni is gone, so end what still runs on these data directories.
for n in 1 2 3; do pgpid=$(postmaster $n) && { kill -KILL -- "-$pgpid" 2>/dev/null || kill -KILL "$pgpid" 2>/dev/null; }; done
stop_group etcd
[ "${CLUSTER_KEEP:-0}" = 1 ] || rm -rf "$DIR"
