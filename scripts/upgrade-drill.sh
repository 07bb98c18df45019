#!/usr/bin/env bash
# The upgrade drill (fault scenario F12): builds the server of an earlier commit, starts two nodes
# of it on a fresh database under chat load, applies the current build's migrations while they
# serve, replaces the nodes one by one with the current build, and runs the history checker.
#
#   scripts/upgrade-drill.sh [--from REV]      (default: the commit before HEAD)
#
# The earlier build is made in a temporary git worktree that is removed afterwards; its jar is
# handed to the test as -Dupgrade.previousJar. Everything else is scripts/faults.sh F12 (same
# FAULTS_OPTS and FAULTS_TIMEOUT; the table goes to results/).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
from="HEAD~1"
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="$2"; shift 2 ;;
    *) echo "upgrade-drill: unknown option $1 (use --from REV)" >&2; exit 2 ;;
  esac
done
use_jdk21
require_maven
rev=$(git rev-parse --verify "$from^{commit}") || { echo "upgrade-drill: no commit $from" >&2; exit 2; }
work=$(mktemp -d)
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
echo "Building the previous server from $(git log -1 --format='%h %s' "$rev")..."
git worktree add -q --detach "$work/src" "$rev"
started=$(date +%s)
(cd "$work/src" && mvn -B -q -DskipTests -pl server -am package)
echo "Previous build ready in $(( $(date +%s) - started )) s"
echo "Migrations the upgrade applies:"
comm -13 <(ls "$work/src/server/src/main/resources/db/migration" | sort) \
  <(ls server/src/main/resources/db/migration | sort) | sed 's/^/  /'
FAULTS_OPTS="${FAULTS_OPTS:-} -Dupgrade.previousJar=$work/src/server/target/switchboard-server.jar" \
  scripts/faults.sh F12
