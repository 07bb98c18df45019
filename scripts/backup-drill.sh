#!/usr/bin/env bash
# The backup and restore drill: backs up a populated installation, restores it into a fresh
# folder, checks every table's rows and the key tables' checksums, starts a node on the restored
# folder (its /healthz answers and a signed-in GET /v1/tickets works), stops it, and writes each
# step's duration to bench-results/<date>-backup-drill.md and .json.
#
#   scripts/generate-data.sh --scale 0.01 --data-dir target/drill-source
#   scripts/backup-drill.sh --data-dir target/drill-source [--work-dir target/drill]
#
# Options: --data-dir (the installation, running or stopped), --work-dir (a new or empty folder
# for the backup, the restored folder and the node's log; default target/backup-drill-<time>),
# --results (default bench-results), --email and --password (the staff login for the REST read;
# default the generator's admin). Build with Maven first unless SWITCHBOARD_SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
build_server_jar
require_cjk_font
exec "$JAVA_HOME/bin/java" ${SWITCHBOARD_JAVA_OPTS:-} -cp server/target/switchboard-server.jar \
  io.switchboard.server.backup.BackupDrill "$@"
