#!/usr/bin/env bash
# Fills a Switchboard database with a year of generated, deterministic history: by default
# 1,000,000 conversations with about 20,000,000 messages (English and Chinese), 200,000 tickets,
# 500,000 contacts in companies, 200 agents in four teams over three sites, ratings and the
# conversations' and tickets' event histories.
#
#   scripts/generate-data.sh --scale 0.001                 # a small history, seconds
#   scripts/generate-data.sh --data-dir /srv/data-1m       # the full size into that folder
#   scripts/generate-data.sh --database-url 'jdbc:postgresql://127.0.0.1:5432/sb?user=sb'
#
# Options: --scale (fraction of the default size), --seed (default 42), --end (the end of the
# generated year, ISO-8601, default today 00:00 UTC), --database-url (default
# $SWITCHBOARD_DATABASE_URL), --data-dir (where the embedded PostgreSQL keeps its data when no URL
# is given; default target/datagen, a node started with SWITCHBOARD_DATA_DIR set to it uses the
# same database), --password (the staff password, default generated-data), --results (default
# bench-results).
#
# It migrates the schema first, refuses a database that already holds a generated history,
# prints per-table rows and seconds and the staff logins, and writes the figures to
# bench-results/<date>-datagen.md and .json. Build with Maven first unless SWITCHBOARD_SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
build_server_jar
exec "$JAVA_HOME/bin/java" ${SWITCHBOARD_JAVA_OPTS:-} -cp server/target/switchboard-server.jar \
  io.switchboard.server.DataGenerator "$@"
