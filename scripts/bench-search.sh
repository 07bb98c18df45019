#!/usr/bin/env bash
# Times GET /v1/search on a database filled by scripts/generate-data.sh: common and rare English
# words and two-character Chinese words of the generated vocabulary, over one-month and one-year
# windows, one warm-up call each and then --rounds timed calls; p50/p95/max per query class go to
# bench-results/<date>-search.md and .json.
#
#   scripts/bench-search.sh --data-dir target/datagen     # starts a node on that data, stops it after
#   scripts/bench-search.sh --base-url http://127.0.0.1:8080   # a node that already runs on it
#
# Options: --data-dir (the generator's --data-dir; default target/datagen), --base-url, --end (the
# generator's --end; default today 00:00 UTC, as the generator's default), --rounds (default 5),
# --email / --password (default the generated admin, admin@gen.switchboard.local / generated-data),
# --results (default bench-results). A node it starts listens on 127.0.0.1:$SWITCHBOARD_PORT
# (default 18080), with SWITCHBOARD_DATABASE_URL if set, else the embedded PostgreSQL of the data
# folder; its first start on a large database also builds the search indexes, which takes a while
# (it waits up to SWITCHBOARD_BENCH_START_SECONDS, default 3600). Build with Maven first unless
# SWITCHBOARD_SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
DATA_DIR="target/datagen"
BASE_URL=""
BENCH_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --base-url) BASE_URL="$2"; shift 2 ;;
    --end|--rounds|--email|--password|--results) BENCH_ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "bench-search: unknown option $1" >&2; exit 2 ;;
  esac
done
build_server_jar
JAR="$PWD/server/target/switchboard-server.jar"
NODE_PID=""
stop_node() {
  if [ -n "$NODE_PID" ] && kill -0 "$NODE_PID" 2>/dev/null; then
    echo "Stopping the node (pid $NODE_PID)..."
    kill "$NODE_PID"
    wait "$NODE_PID" 2>/dev/null || true
  fi
}
trap stop_node EXIT
if [ -z "$BASE_URL" ]; then
  PORT="${SWITCHBOARD_PORT:-18080}"
  BASE_URL="http://127.0.0.1:$PORT"
  mkdir -p target
  LOG="$PWD/target/bench-search-node.log"
  echo "Starting a node on $DATA_DIR at $BASE_URL (log: $LOG)..."
  SWITCHBOARD_DATA_DIR="$DATA_DIR" SWITCHBOARD_PORT="$PORT" SWITCHBOARD_BIND=127.0.0.1 \
    SWITCHBOARD_SEED=false SWITCHBOARD_SMTP_LISTEN_PORT=off \
    "$JAVA_HOME/bin/java" ${SWITCHBOARD_JAVA_OPTS:-} -jar "$JAR" >"$LOG" 2>&1 &
  NODE_PID=$!
  deadline=$(( $(date +%s) + ${SWITCHBOARD_BENCH_START_SECONDS:-3600} ))
  until curl -fsS "$BASE_URL/healthz" >/dev/null 2>&1; do
    if ! kill -0 "$NODE_PID" 2>/dev/null; then
      echo "The node stopped; see $LOG" >&2
      exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "The node did not answer /healthz in time; see $LOG" >&2
      exit 1
    fi
    sleep 2
  done
fi
"$JAVA_HOME/bin/java" -cp "$JAR" io.switchboard.server.SearchBenchmark --base-url "$BASE_URL" \
  "${BENCH_ARGS[@]}"
