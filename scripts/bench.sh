#!/usr/bin/env bash
# Runs Switchboard's benchmark suite against the baseline peer, on this machine:
#
#   scripts/bench.sh                 # W1..W6 (about 15 minutes on two cores)
#   scripts/bench.sh W2 W3           # only these workloads
#   scripts/bench.sh --smoke         # tiny numbers, about a minute: checks that the suite works
#   scripts/bench.sh W2 --rounds 2   # two A/B rounds instead of three (shorter)
#
# It builds the server and the bench module (SWITCHBOARD_SKIP_BUILD=1 skips that), then starts
# and stops everything it needs by PID: an embedded PostgreSQL and Redis shared by every node
# (or the ones named by SWITCHBOARD_BENCH_DATABASE_URL / SWITCHBOARD_BENCH_REDIS_URL), the
# Switchboard node processes, the driver processes and the peer. The peer is the folder named by
# SWITCHBOARD_PEER_DIR (default ../shared/peers/ws-relay from the repository root); it gets
# `npm ci` there when its node_modules are missing and runs as `node relay.js`. Without it the
# report says the peer's figures were not measured.
#
# Results: bench-results/<date>.md, <date>.json and <date>-latency.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
build_bench_jar
PEER_DIR="${SWITCHBOARD_PEER_DIR:-../shared/peers/ws-relay}"
if [ ! -f "$PEER_DIR/relay.js" ]; then
  echo "No peer at $PEER_DIR (set SWITCHBOARD_PEER_DIR); its figures will be marked not measured." >&2
fi
# Each process may hold at most 20,000 descriptors; the suite spreads the 19k-session
# workloads over several driver processes and keeps every server under that.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec "$JAVA_HOME/bin/java" -Xmx1g -jar bench/target/switchboard-bench.jar \
  --server-jar "$PWD/server/target/switchboard-server.jar" --peer-dir "$PEER_DIR" \
  --command "scripts/bench.sh $*" "$@"
