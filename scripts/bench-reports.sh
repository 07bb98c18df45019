#!/usr/bin/env bash
# Times every report query and CSV export on a database filled by scripts/generate-data.sh: the
# overview, trends by day, week and month, the heatmap, the queue and agent tables, satisfaction
# and SLA attainment, for the last month and the last year, for everything and for one team. It
# first brings the report facts up to date (a first run backfills them and reports how long that
# took), then makes one warm-up call and --rounds timed calls per query; p50/p95/max go to
# bench-results/<date>-reports.md and .json.
#
#   scripts/bench-reports.sh --data-dir target/datagen        # the generator's embedded PostgreSQL
#   scripts/bench-reports.sh --database-url jdbc:postgresql://...
#
# Options: --data-dir (default target/datagen), --database-url (default $SWITCHBOARD_DATABASE_URL),
# --end (the generator's end date, YYYY-MM-DD; default today UTC), --rounds (default 5),
# --results (default bench-results), --engine (index: the node's in-memory report index, loaded
# first with its load time and heap reported, the default; sql: SQL over the report facts).
# Build with Maven first unless SWITCHBOARD_SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir|--database-url|--rounds|--results|--engine) ARGS+=("$1" "$2"); shift 2 ;;
    --end) ARGS+=("$1" "${2%%T*}"); shift 2 ;;
    *) echo "bench-reports: unknown option $1" >&2; exit 2 ;;
  esac
done
build_server_jar
"$JAVA_HOME/bin/java" ${SWITCHBOARD_JAVA_OPTS:-} -cp "$PWD/server/target/switchboard-server.jar" \
  io.switchboard.server.ReportBenchmark "${ARGS[@]}"
