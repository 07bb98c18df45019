#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a new, empty data folder:
#
#   scripts/restore.sh --from /backups/2026-12-06 --data-dir ./data-restored
#   SWITCHBOARD_DATA_DIR=./data-restored scripts/run.sh
#
# It refuses a non-empty target, copies every file while checking its size and SHA-256 against the
# manifest, lets PostgreSQL recover from the WAL the backup carries, compares every table's rows
# and the key tables' checksums with the manifest, and stops PostgreSQL with a checkpoint. A
# pg_dump backup needs --database-url of the empty database to restore into (pg_restore).
# Exit status: 0 restored, 1 refused or failed, 3 restored but different from the backup.
# Build with Maven first unless SWITCHBOARD_SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
build_server_jar
exec "$JAVA_HOME/bin/java" ${SWITCHBOARD_JAVA_OPTS:-} -cp server/target/switchboard-server.jar \
  io.switchboard.server.backup.RestoreCommand "$@"
