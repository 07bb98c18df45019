#!/usr/bin/env bash
# Builds Switchboard and runs one node. Without SWITCHBOARD_DATABASE_URL / SWITCHBOARD_REDIS_URL
# it starts an embedded PostgreSQL and Redis with their data under SWITCHBOARD_DATA_DIR (./data),
# and without SWITCHBOARD_SMTP_HOST an embedded mail server that receives the replies it sends.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
require_maven
require_cjk_font
if [ "${SWITCHBOARD_SKIP_BUILD:-}" != "1" ]; then
  echo "Building Switchboard (skip with SWITCHBOARD_SKIP_BUILD=1)..."
  mvn -B -q -DskipTests install
fi
export SWITCHBOARD_DATA_DIR="${SWITCHBOARD_DATA_DIR:-$PWD/data}"
# Switchboard's own SMTP listener for inbound mail, on a local port unless set ("off": none).
export SWITCHBOARD_SMTP_LISTEN_PORT="${SWITCHBOARD_SMTP_LISTEN_PORT:-2525}"
# shellcheck disable=SC2046,SC2086 # both are lists of options
exec "$JAVA_HOME/bin/java" $(node_java_opts) ${SWITCHBOARD_JAVA_OPTS:-} -jar server/target/switchboard-server.jar
