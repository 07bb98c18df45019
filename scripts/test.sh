#!/usr/bin/env bash
# Runs every test: protocol, SDK and server (real PostgreSQL and Redis: embedded ones, or the
# servers named by SWITCHBOARD_TEST_DATABASE_URL and SWITCHBOARD_TEST_REDIS_URL), and the web
# client's JavaScript tests under Node.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
require_maven
require_chromium
require_cjk_font
require_node
require_axe
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mvn -B install "$@"
