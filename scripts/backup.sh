#!/usr/bin/env bash
# Backs up a Switchboard installation into a new folder with a manifest (files, sizes, SHA-256,
# row counts, PostgreSQL version, WAL positions).
#
#   scripts/backup.sh --data-dir ./data --to /backups/2026-12-06
#   scripts/backup.sh --database-url 'jdbc:postgresql://db:5432/sb?user=sb&password=...' \
#       --data-dir ./data --to /backups/2026-12-06
#
# With --data-dir alone it backs up the embedded PostgreSQL in DIR/postgres, whether a node is
# running on it or not, through PostgreSQL's low-level backup API (pg_backup_start, a copy of the
# data directory, pg_backup_stop, backup_label and the WAL in between), and copies the
# attachments and other files beside it. With --database-url it runs pg_dump -Fc, which needs a
# pg_dump at least as new as the server. Redis is not backed up: it holds only live state that a
# node rebuilds. Build with Maven first unless SWITCHBOARD_SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
build_server_jar
exec "$JAVA_HOME/bin/java" ${SWITCHBOARD_JAVA_OPTS:-} -cp server/target/switchboard-server.jar \
  io.switchboard.server.backup.BackupCommand "$@"
