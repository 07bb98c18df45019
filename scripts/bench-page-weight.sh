#!/usr/bin/env bash
# Counts what a shop page that embeds the widget (closed) and the console's sign-in screen cost a
# browser, on a first visit and on a repeat visit with a warm cache: requests that reach the
# network, requests served from the cache, bytes on the wire (headers included, as Chromium counts
# them) and WebSockets. Runs PageWeightTest (real Chromium through Playwright, a test node with the
# embedded stores) and writes its table to bench-results/<date>-page-weight.md.
#
#   scripts/bench-page-weight.sh [--results DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
RESULTS="bench-results"
while [ $# -gt 0 ]; do
  case "$1" in
    --results) RESULTS="$2"; shift 2 ;;
    *) echo "bench-page-weight: unknown option $1 (use --results DIR)" >&2; exit 2 ;;
  esac
done
use_jdk21
require_maven
require_chromium
mkdir -p "$RESULTS"
out="$PWD/$RESULTS/$(date -u +%Y-%m-%d-%H%M)-page-weight.md"
table="$(mktemp)"
trap 'rm -f "$table"' EXIT
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 mvn -B -q -pl server -am test -Dtest=PageWeightTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dswitchboard.pageWeight.out="$table"
{
  echo "# Page weight, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo
  echo "Command: scripts/bench-page-weight.sh. $("${SWITCHBOARD_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null || echo Chromium),"
  echo "loopback, one test node. The host page's own document (and its icon) is not counted."
  echo
  cat "$table"
} > "$out"
echo "Wrote $out"
cat "$out"
