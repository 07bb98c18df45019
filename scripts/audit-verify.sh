#!/usr/bin/env bash
# Verifies the audit log's hash chain: every entry unchanged, none removed, none inserted.
#
#   scripts/audit-verify.sh          # the database of SWITCHBOARD_DATABASE_URL, or the embedded
#                                    # one under SWITCHBOARD_DATA_DIR (default ./data; stop the
#                                    # node first, it cannot share the embedded database)
#
# Exit status 0: "audit log intact: N entries"; 1: each problem found, by entry; 2: bad settings.
# The same check runs at GET /v1/admin/audit/verify on a live node.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
if [ ! -f server/target/switchboard-server.jar ]; then
  require_maven
  mvn -B -q -DskipTests install
fi
export SWITCHBOARD_DATA_DIR="${SWITCHBOARD_DATA_DIR:-$PWD/data}"
exec "$JAVA_HOME/bin/java" -cp server/target/switchboard-server.jar \
  io.switchboard.server.AuditVerify
