#!/usr/bin/env bash
# Runs a local Switchboard cluster of N nodes on one machine, for trying out several nodes:
#
#   scripts/cluster.sh [N] [BASE_PORT]        (default: 3 nodes from port 8080)
#
# Node i listens on 127.0.0.1:(BASE_PORT + i - 1) with node id node-i. All nodes share one
# PostgreSQL and one Redis: the ones named by SWITCHBOARD_DATABASE_URL / SWITCHBOARD_REDIS_URL if
# they are exported, otherwise the embedded servers that node 1 starts on fixed ports
# (SWITCHBOARD_EMBEDDED_POSTGRES_PORT, default BASE_PORT + 1000, and
# SWITCHBOARD_EMBEDDED_REDIS_PORT, default BASE_PORT + 1001). Node 1 then owns them: when it
# stops, the whole cluster stops.
#
# Logs and the embedded servers' data go under SWITCHBOARD_DATA_DIR (default ./data/cluster).
# Ctrl-C or SIGTERM stops every node this script started, as does any node exiting on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

usage() {
  echo "usage: scripts/cluster.sh [N] [BASE_PORT]   (N nodes, default 3; BASE_PORT default 8080)" >&2
  exit 2
}

is_number() {
  [[ "$1" =~ ^[0-9]+$ ]]
}

NODES="${1:-3}"
BASE_PORT="${2:-8080}"
[ $# -le 2 ] || usage
is_number "$NODES" && [ "$NODES" -ge 1 ] && [ "$NODES" -le 100 ] \
  || { echo "N must be a number of nodes between 1 and 100, got \"$NODES\"" >&2; usage; }
is_number "$BASE_PORT" && [ "$BASE_PORT" -ge 1 ] && [ $((BASE_PORT + NODES - 1)) -le 65535 ] \
  || { echo "BASE_PORT must be a port such that BASE_PORT + N - 1 <= 65535, got \"$BASE_PORT\"" >&2; usage; }

# Every node and embedded server listens on loopback only.
BIND=127.0.0.1
if [ -n "${SWITCHBOARD_BIND:-}" ] && [ "$SWITCHBOARD_BIND" != "$BIND" ]; then
  echo "Ignoring SWITCHBOARD_BIND=$SWITCHBOARD_BIND: a local cluster listens on $BIND only." >&2
fi
unset SWITCHBOARD_BIND SWITCHBOARD_PORT SWITCHBOARD_NODE_ID

DATA_DIR="${SWITCHBOARD_DATA_DIR:-$PWD/data/cluster}"
mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"

EXTERNAL_DATABASE_URL="${SWITCHBOARD_DATABASE_URL:-}"
EXTERNAL_REDIS_URL="${SWITCHBOARD_REDIS_URL:-}"
PG_PORT="${SWITCHBOARD_EMBEDDED_POSTGRES_PORT:-$((BASE_PORT + 1000))}"
REDIS_PORT="${SWITCHBOARD_EMBEDDED_REDIS_PORT:-$((BASE_PORT + 1001))}"
unset SWITCHBOARD_EMBEDDED_POSTGRES_PORT SWITCHBOARD_EMBEDDED_REDIS_PORT

STARTUP_TIMEOUT=180
STOP_TIMEOUT=30

port_in_use() {
  (exec 3<>"/dev/tcp/$BIND/$1") 2>/dev/null
}

# Ports this run needs, checked before anything starts.
needed_ports=()
for ((i = 0; i < NODES; i++)); do
  needed_ports+=("$((BASE_PORT + i))")
done
if [ -z "$EXTERNAL_DATABASE_URL" ]; then
  is_number "$PG_PORT" && [ "$PG_PORT" -ge 1 ] && [ "$PG_PORT" -le 65535 ] \
    || { echo "SWITCHBOARD_EMBEDDED_POSTGRES_PORT must be a port (1-65535), got \"$PG_PORT\"" >&2; exit 2; }
  needed_ports+=("$PG_PORT")
fi
if [ -z "$EXTERNAL_REDIS_URL" ]; then
  is_number "$REDIS_PORT" && [ "$REDIS_PORT" -ge 1 ] && [ "$REDIS_PORT" -le 65535 ] \
    || { echo "SWITCHBOARD_EMBEDDED_REDIS_PORT must be a port (1-65535), got \"$REDIS_PORT\"" >&2; exit 2; }
  needed_ports+=("$REDIS_PORT")
fi
duplicate=$(printf '%s\n' "${needed_ports[@]}" | sort | uniq -d | head -n 1)
if [ -n "$duplicate" ]; then
  echo "Port $duplicate would be used twice; choose other ports (BASE_PORT or" \
    "SWITCHBOARD_EMBEDDED_POSTGRES_PORT / SWITCHBOARD_EMBEDDED_REDIS_PORT)." >&2
  exit 2
fi
for port in "${needed_ports[@]}"; do
  if port_in_use "$port"; then
    echo "Port $port on $BIND is already in use; stop what uses it or pick another BASE_PORT." >&2
    exit 1
  fi
done

use_jdk21
require_maven
if [ "${SWITCHBOARD_SKIP_BUILD:-}" != "1" ]; then
  echo "Building Switchboard (skip with SWITCHBOARD_SKIP_BUILD=1)..."
  mvn -B -q -DskipTests install
fi
JAR="$PWD/server/target/switchboard-server.jar"
[ -f "$JAR" ] || { echo "$JAR is missing; build it first (without SWITCHBOARD_SKIP_BUILD=1)." >&2; exit 1; }

PIDS=()      # PIDS[i] is node (i + 1)
STOPPING=0

# Stops every node this script started, by PID: nodes N..2 first, then node 1, which owns the
# embedded servers. SIGTERM lets each node close gracefully; after STOP_TIMEOUT seconds SIGKILL.
stop_nodes() {
  [ "$STOPPING" = 0 ] || return 0
  STOPPING=1
  trap '' INT TERM
  [ "${#PIDS[@]}" -gt 0 ] || return 0
  echo
  echo "Stopping the cluster..."
  local order=() i pid
  for ((i = ${#PIDS[@]} - 1; i >= 1; i--)); do
    order+=("${PIDS[$i]}")
  done
  stop_pids "${order[@]}"
  stop_pids "${PIDS[0]}"
  echo "Every node has stopped."
}

stop_pids() {
  local pid alive deadline
  for pid in "$@"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  deadline=$((SECONDS + STOP_TIMEOUT))
  while :; do
    alive=()
    for pid in "$@"; do
      kill -0 "$pid" 2>/dev/null && alive+=("$pid")
    done
    [ "${#alive[@]}" -gt 0 ] || break
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "Node process(es) ${alive[*]} did not stop within ${STOP_TIMEOUT}s; killing them." >&2
      kill -KILL "${alive[@]}" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  for pid in "$@"; do
    wait "$pid" 2>/dev/null || true
  done
}

trap 'stop_nodes; exit 130' INT
trap 'stop_nodes; exit 143' TERM
trap 'stop_nodes' EXIT

# start_node INDEX [VAR=value...]: starts node INDEX in the background with extra settings.
start_node() {
  local index=$1
  shift
  local log="$DATA_DIR/node-$index.log"
  : >"$log"
  # shellcheck disable=SC2046,SC2086 # both are lists of options
  env "$@" \
    SWITCHBOARD_NODE_ID="node-$index" \
    SWITCHBOARD_PORT="$((BASE_PORT + index - 1))" \
    SWITCHBOARD_BIND="$BIND" \
    SWITCHBOARD_DATA_DIR="$DATA_DIR" \
    "$JAVA_HOME/bin/java" $(node_java_opts) ${SWITCHBOARD_JAVA_OPTS:-} -jar "$JAR" >>"$log" 2>&1 &
  PIDS+=("$!")
}

healthy() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$BIND:$1/healthz")" = 200 ]
}

# wait_ready INDEX: waits until node INDEX answers /healthz with 200 and has printed its banner.
wait_ready() {
  local index=$1 pid=${PIDS[$(($1 - 1))]} port=$((BASE_PORT + $1 - 1))
  local log="$DATA_DIR/node-$index.log" deadline=$((SECONDS + STARTUP_TIMEOUT))
  until healthy "$port" && grep -q '^Switchboard is running' "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "node-$index (PID $pid) exited during start; the end of $log:" >&2
      tail -n 25 "$log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "node-$index did not become healthy within ${STARTUP_TIMEOUT}s; the end of $log:" >&2
      tail -n 25 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

# Node 1 starts the embedded servers that are not given by URL.
node1_settings=()
if [ -z "$EXTERNAL_DATABASE_URL" ]; then
  node1_settings+=("SWITCHBOARD_EMBEDDED_POSTGRES_PORT=$PG_PORT")
  echo "node-1 starts the embedded PostgreSQL on $BIND:$PG_PORT (data in $DATA_DIR/postgres)."
fi
if [ -z "$EXTERNAL_REDIS_URL" ]; then
  node1_settings+=("SWITCHBOARD_EMBEDDED_REDIS_PORT=$REDIS_PORT")
  echo "node-1 starts the embedded Redis on $BIND:$REDIS_PORT."
fi
echo "Starting node-1 on $BIND:$BASE_PORT (log: $DATA_DIR/node-1.log)..."
start_node 1 "${node1_settings[@]}"
wait_ready 1

# The other nodes use the stores named by URL, or node 1's embedded ones (from its banner).
DATABASE_URL="$EXTERNAL_DATABASE_URL"
REDIS_URL="$EXTERNAL_REDIS_URL"
[ -n "$DATABASE_URL" ] || DATABASE_URL=$(sed -n 's/^  SWITCHBOARD_DATABASE_URL=//p' "$DATA_DIR/node-1.log" | head -n 1)
[ -n "$REDIS_URL" ] || REDIS_URL=$(sed -n 's/^  SWITCHBOARD_REDIS_URL=//p' "$DATA_DIR/node-1.log" | head -n 1)
if [ -z "$DATABASE_URL" ] || [ -z "$REDIS_URL" ]; then
  echo "node-1 did not print its embedded servers' URLs; see $DATA_DIR/node-1.log" >&2
  exit 1
fi

if [ "$NODES" -gt 1 ]; then
  echo "Starting node-2..node-$NODES on $BIND:$((BASE_PORT + 1))..$((BASE_PORT + NODES - 1))..."
  for ((i = 2; i <= NODES; i++)); do
    start_node "$i" SWITCHBOARD_DATABASE_URL="$DATABASE_URL" SWITCHBOARD_REDIS_URL="$REDIS_URL"
  done
  for ((i = 2; i <= NODES; i++)); do
    wait_ready "$i"
  done
fi

redact() {
  sed -E 's#(://[^:/@]*:)[^@/]*@#\1***@#; s#([?&][Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd]=)[^&]*#\1***#'
}

echo
echo "Switchboard cluster of $NODES node(s) is running:"
printf '  %-8s %-26s %-8s %s\n' node url pid log
for ((i = 1; i <= NODES; i++)); do
  printf '  %-8s %-26s %-8s %s\n' "node-$i" "http://$BIND:$((BASE_PORT + i - 1))" \
    "${PIDS[$((i - 1))]}" "$DATA_DIR/node-$i.log"
done
echo "  PostgreSQL: $(printf '%s' "$DATABASE_URL" | redact)"
echo "  Redis:      $(printf '%s' "$REDIS_URL" | redact)"
if [ -z "$EXTERNAL_DATABASE_URL" ] || [ -z "$EXTERNAL_REDIS_URL" ]; then
  echo "  node-1 owns the embedded server(s): if it stops, the whole cluster stops."
fi
if grep -q '^First run: seeded' "$DATA_DIR/node-1.log"; then
  echo
  sed -n '/^First run: seeded/,/^$/p' "$DATA_DIR/node-1.log"
fi
echo "Put a load balancer in front (see deploy/nginx.conf). Ctrl-C stops every node."

# Wait until a node exits on its own (or a signal arrives), then stop the others.
set +e
wait -n "${PIDS[@]}"
status=$?
set -e
for ((i = 1; i <= NODES; i++)); do
  if ! kill -0 "${PIDS[$((i - 1))]}" 2>/dev/null; then
    echo "node-$i (PID ${PIDS[$((i - 1))]}) exited (status $status); stopping the others." >&2
    break
  fi
done
stop_nodes
exit 1
