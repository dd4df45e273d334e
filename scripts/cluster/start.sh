#!/usr/bin/env bash
# Starts a Một Cửa cell on this machine, for trying it and for the failover test: etcd, three PostgreSQL 15 nodes under
# Patroni (synchronous replication), haproxy in front of the nodes and of the app instances, optionally one pgbouncer
# per node (transaction mode), and the app instances. Loopback only; everything lives under CLUSTER_DIR.
# Across machines see docs/CLUSTER.md. Stop with scripts/cluster/stop.sh (same CLUSTER_DIR).
#
# Settings (environment):
#   CLUSTER_DIR        where data, logs, pids and cluster.env go (default /tmp/motcua-cluster)
#   CLUSTER_BASE_PORT  first of ~50 loopback ports used (default 27000: below Linux's ephemeral range 32768–60999,
#                      where an outgoing connection could hold a port the cell needs)
#   CLUSTER_APPS       app instances behind haproxy (default 2; 0: database side only)
#   CLUSTER_PGBOUNCER  1: the apps reach each node through its own pgbouncer in transaction mode (default 0)
#   CLUSTER_APP_ENV    extra "NAME=value" words passed to each app instance (e.g. "REPORT_DAILY_AT=16:05")
#   PG_BIN             PostgreSQL 15 binaries (default /usr/lib/postgresql/15/bin)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${CLUSTER_DIR:-/tmp/motcua-cluster}"
BASE="${CLUSTER_BASE_PORT:-27000}"
APPS="${CLUSTER_APPS:-2}"
BOUNCER="${CLUSTER_PGBOUNCER:-0}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
H=127.0.0.1
ETCD_PORT=$BASE; ETCD_PEER=$((BASE + 1))
HA_WRITE=$((BASE + 30)); HA_READ=$((BASE + 31)); HA_HTTP=$((BASE + 32)); HA_STATS=$((BASE + 33))
pg_port() { echo $((BASE + 10 + $1)); }
rest_port() { echo $((BASE + 20 + $1)); }
bouncer_port() { echo $((BASE + 35 + $1)); }
app_port() { echo $((BASE + 40 + $1)); }
SUPER_PW="${CLUSTER_SUPER_PASSWORD:-motcua-cluster-super}"
REPL_PW="${CLUSTER_REPL_PASSWORD:-motcua-cluster-repl}"
APP_PW="${CLUSTER_APP_PASSWORD:-motcua-cluster-app}"

for bin in etcd patroni haproxy "$PG_BIN/postgres"; do
  command -v "$bin" >/dev/null || { echo "Thiếu $bin: apt-get install patroni etcd-server haproxy pgbouncer postgresql-15 / missing $bin" >&2; exit 69; }
done
[ "$BOUNCER" = 1 ] && { command -v pgbouncer >/dev/null || { echo "Thiếu pgbouncer / missing pgbouncer" >&2; exit 69; }; }
if [ -e "$DIR/pids" ] && ls "$DIR"/pids/*.pid >/dev/null 2>&1; then
  echo "Cụm đang chạy ở $DIR (dừng bằng scripts/cluster/stop.sh) / a cluster already runs there" >&2; exit 1
fi

# PostgreSQL refuses to run as root: its processes run as "postgres" when we are root.
AS_PG=(); [ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)
PG_USER=$([ "$(id -u)" = 0 ] && echo postgres || id -un)
background() { # name, command… : runs detached, keeps its pid and log
  local name=$1; shift
  setsid "$@" >"$DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! >"$DIR/pids/$name.pid"
}
wait_for() { # seconds, description, command…
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 4))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "Hết thời gian chờ: $what / timed out waiting for $what (logs: $DIR/logs)" >&2; return 1
}
http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }

rm -rf "$DIR"; mkdir -p "$DIR/logs" "$DIR/pids" "$DIR/app-data"
chown "$PG_USER" "$DIR" 2>/dev/null || true

background etcd etcd --name e1 --data-dir "$DIR/etcd" \
  --listen-client-urls "http://$H:$ETCD_PORT" --advertise-client-urls "http://$H:$ETCD_PORT" \
  --listen-peer-urls "http://$H:$ETCD_PEER" --initial-advertise-peer-urls "http://$H:$ETCD_PEER" \
  --initial-cluster "e1=http://$H:$ETCD_PEER" --initial-cluster-state new --enable-v2=true
wait_for 30 etcd http_ok "http://$H:$ETCD_PORT/health"

for n in 1 2 3; do
  mkdir -p "$DIR/node$n"; chown "$PG_USER" "$DIR/node$n"; chmod 700 "$DIR/node$n"
  cat >"$DIR/node$n.yml" <<YAML
scope: motcua
name: node$n
restapi:
  listen: $H:$(rest_port $n)
  connect_address: $H:$(rest_port $n)
# The etcd v2 protocol, not etcd3: Patroni 3.0.2 (Debian 12) renews its leader key under etcd3 with an unconditional
# put, so a leader frozen past its ttl (a paused VM, SIGSTOP) takes the key back from the one promoted meanwhile and
# rewinds it, losing what that one acknowledged. Under v2 the renewal is compare-and-swap on its own name: it fails,
# and the thawed node demotes itself (docs/CLUSTER.md, "A frozen leader").
etcd:
  host: $H:$ETCD_PORT
bootstrap:
  dcs:
    # Seconds: a dead primary's leader key expires after ttl; the loop runs every loop_wait.
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # A commit returns only once a standby has it: an acknowledged dossier survives the primary's loss.
    synchronous_mode: true
    # A crashed primary is failed over at once rather than restarted in place (safe: the sync standby has every commit).
    primary_start_timeout: 0
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 128MB
        max_connections: 120
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: $H:$(pg_port $n)
  connect_address: $H:$(pg_port $n)
  data_dir: $DIR/node$n/data
  bin_dir: $PG_BIN
  pgpass: $DIR/node$n/pgpass
  authentication:
    superuser: { username: postgres, password: $SUPER_PW }
    replication: { username: replicator, password: $REPL_PW }
  pg_hba:
    - local all all trust
    - host replication replicator $H/32 scram-sha-256
    - host all all $H/32 scram-sha-256
  parameters:
    unix_socket_directories: $DIR/node$n
    shared_buffers: 32MB
    fsync: "on"
tags: { nofailover: false, noloadbalance: false, clonefrom: false, nosync: false }
YAML
  chown "$PG_USER" "$DIR/node$n.yml"
done

# The first node bootstraps; the others then clone it (started together they race for the initialize key, fine, but slower).
background node1 "${AS_PG[@]}" patroni "$DIR/node1.yml"
wait_for 90 "primary node1" http_ok "http://$H:$(rest_port 1)/primary"
background node2 "${AS_PG[@]}" patroni "$DIR/node2.yml"
background node3 "${AS_PG[@]}" patroni "$DIR/node3.yml"
wait_for 240 "replica node2" http_ok "http://$H:$(rest_port 2)/replica"
wait_for 240 "replica node3" http_ok "http://$H:$(rest_port 3)/replica"

export PGPASSWORD="$SUPER_PW"
psql_primary() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h $H -p "$(pg_port 1)" -U postgres "$@"; }
psql_primary -d postgres -c "CREATE DATABASE motcua"
# The app logs in as a member of motcua_app with row rights only (SECURITY.md); migrations run as the owner.
psql_primary -d motcua <<SQL
CREATE ROLE motcua_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE motcua_server LOGIN PASSWORD '$APP_PW' IN ROLE motcua_app;
SQL

cat >"$DIR/haproxy.cfg" <<CFG
global
  maxconn 2000
defaults
  mode tcp
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout check 1s
listen stats
  mode http
  bind $H:$HA_STATS
  stats enable
  stats uri /
# The primary, as Patroni's REST API says (/primary answers 200 on the leader only).
listen postgres_write
  bind $H:$HA_WRITE
  option httpchk OPTIONS /primary
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
$(for n in 1 2 3; do echo "  server node$n $H:$(pg_port $n) check port $(rest_port $n)"; done)
# Streaming replicas for reads (/replica answers 200 on a running standby).
listen postgres_read
  bind $H:$HA_READ
  balance roundrobin
  option httpchk OPTIONS /replica
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
$(for n in 1 2 3; do echo "  server node$n $H:$(pg_port $n) check port $(rest_port $n)"; done)
# The app instances; the apps trust X-Forwarded-For from this proxy only (TRUST_PROXY). An instance leaves the rotation
# when it stops answering (/healthz), not when the database does (/readyz): a database failover is every instance's at
# once, and with all of them out haproxy answers 503 at once for the whole failover instead of letting requests wait
# the seconds the app itself waits for the new primary (the network-cut test saw 11 s of 503s; docs/CLUSTER.md).
frontend http
  mode http
  bind $H:$HA_HTTP
  # What a client claims about its address, host or scheme is dropped: the proxy states the address itself, and the
  # apps believe X-Forwarded-For only from it (TRUST_PROXY). Behind TLS termination, set X-Forwarded-Proto https there.
  http-request del-header X-Forwarded-For
  http-request del-header Forwarded
  http-request del-header X-Forwarded-Host
  http-request del-header X-Forwarded-Proto
  option forwardfor
  timeout client 120s
  default_backend apps
backend apps
  mode http
  balance roundrobin
  timeout server 120s
  option httpchk GET /healthz
  default-server inter 1s fall 2 rise 1
$(for a in $(seq 1 "$APPS"); do echo "  server app$a $H:$(app_port "$a") check"; done)
CFG
background haproxy haproxy -db -f "$DIR/haproxy.cfg"

DB_HOSTS=""
if [ "$BOUNCER" = 1 ]; then
  printf '"motcua_server" "%s"\n"postgres" "%s"\n' "$APP_PW" "$SUPER_PW" >"$DIR/userlist.txt"
  for n in 1 2 3; do
    cat >"$DIR/pgbouncer$n.ini" <<INI
[databases]
motcua = host=$H port=$(pg_port $n) dbname=motcua
[pgbouncer]
listen_addr = $H
listen_port = $(bouncer_port $n)
auth_type = scram-sha-256
auth_file = $DIR/userlist.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
server_reset_query =
ignore_startup_parameters = extra_float_digits,application_name
unix_socket_dir =
; Failover: give up on a node that neither accepts nor refuses within 3 s (default 15), try a node that refused again
; after 1 s (default 15: the old primary back as a standby would be refused that long), and answer a client waiting for
; a server connection after 10 s (default 120) with an error the app retries, rather than past its own query timeout.
server_connect_timeout = 3
server_login_retry = 1
query_wait_timeout = 10
INI
    chown "$PG_USER" "$DIR/pgbouncer$n.ini" "$DIR/userlist.txt"
    background "pgbouncer$n" "${AS_PG[@]}" pgbouncer "$DIR/pgbouncer$n.ini"
    DB_HOSTS="$DB_HOSTS${DB_HOSTS:+,}$H:$(bouncer_port $n)"
  done
else
  for n in 1 2 3; do DB_HOSTS="$DB_HOSTS${DB_HOSTS:+,}$H:$(pg_port $n)"; done
fi
DIRECT_HOSTS="$H:$(pg_port 1),$H:$(pg_port 2),$H:$(pg_port 3)"
DATABASE_URL="postgres://motcua_server:$APP_PW@$DB_HOSTS/motcua?target_session_attrs=read-write"
# Migrations hold a session lock: always straight to the nodes, never through a transaction-mode pooler.
MIGRATION_DATABASE_URL="postgres://postgres:$SUPER_PW@$DIRECT_HOSTS/motcua?target_session_attrs=read-write"
DATABASE_REPLICA_URLS="postgres://motcua_server:$APP_PW@$H:$HA_READ/motcua"

# Quoted, so `. "$CLUSTER_DIR/cluster.env"` works in a shell (the app ports are a list).
cat >"$DIR/cluster.env" <<ENV
CLUSTER_DIR="$DIR"
ETCD_URL="http://$H:$ETCD_PORT"
PG_PORTS="$(pg_port 1),$(pg_port 2),$(pg_port 3)"
REST_PORTS="$(rest_port 1),$(rest_port 2),$(rest_port 3)"
HAPROXY_WRITE_PORT="$HA_WRITE"
HAPROXY_READ_PORT="$HA_READ"
HAPROXY_HTTP_URL="http://$H:$HA_HTTP"
HAPROXY_STATS_URL="http://$H:$HA_STATS"
APP_PORTS="$(for a in $(seq 1 "$APPS"); do printf '%s ' "$(app_port "$a")"; done | sed 's/ $//')"
DATABASE_URL="$DATABASE_URL"
MIGRATION_DATABASE_URL="$MIGRATION_DATABASE_URL"
DATABASE_REPLICA_URLS="$DATABASE_REPLICA_URLS"
SUPER_PASSWORD="$SUPER_PW"
ENV
chmod 600 "$DIR/cluster.env"

for a in $(seq 1 "$APPS"); do
  # shellcheck disable=SC2086 # CLUSTER_APP_ENV is a list of words on purpose
  background "app$a" env DATABASE_URL="$DATABASE_URL" MIGRATION_DATABASE_URL="$MIGRATION_DATABASE_URL" \
    DATABASE_REPLICA_URLS="$DATABASE_REPLICA_URLS" PORT="$(app_port "$a")" HOST=$H TRUST_PROXY=$H \
    DATABASE_PREPARED_STATEMENTS="$([ "$BOUNCER" = 1 ] && echo false || echo true)" \
    PUBLIC_URL="http://$H:$HA_HTTP" DATA_DIR="$DIR/app-data" ${CLUSTER_APP_ENV:-} \
    node --import tsx "$ROOT/server/src/main.ts"
done
for a in $(seq 1 "$APPS"); do wait_for 240 "app$a" http_ok "http://$H:$(app_port "$a")/readyz"; done
[ "$APPS" -gt 0 ] && wait_for 30 "haproxy → apps" http_ok "http://$H:$HA_HTTP/readyz"
echo "Cụm đã chạy / cluster up: $DIR/cluster.env"
# Printed without passwords (they stay in the file, readable by its owner only).
grep -v PASSWORD "$DIR/cluster.env" | sed -E 's#(://[^:/@]+:)[^@]*@#\1***@#g'
