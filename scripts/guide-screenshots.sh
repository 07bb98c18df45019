#!/usr/bin/env bash
# Refreshes the user guide's pictures (docs/guide/img/) from the browser tests that take them:
# runs the tests named in docs/guide/screenshots.tsv (real Chromium through Playwright, in English
# and Chinese), then copies each screenshot to its name in the guide.
#
#   scripts/guide-screenshots.sh                 # run those tests, then copy
#   scripts/guide-screenshots.sh --from DIR      # copy from the target/screenshots folder of a
#                                                # finished run that took them (e.g. after
#                                                # scripts/test.sh -Dswitchboard.screenshots=true)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
map=docs/guide/screenshots.tsv
from=""
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="$2"; shift 2 ;;
    *) echo "guide-screenshots: unknown option $1 (use --from DIR)" >&2; exit 2 ;;
  esac
done
if [ -z "$from" ]; then
  use_jdk21
  require_maven
  require_chromium
  require_axe
  tests=$(grep -v '^#' "$map" | cut -f2 | sort -u | paste -sd, -)
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 mvn -B -q -pl server -am test -Dtest="$tests" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dswitchboard.screenshots=true
  from=server/target/screenshots
fi
missing=0
while IFS=$'\t' read -r image class file; do
  case "$image" in '#'*|'') continue ;; esac
  if [ -f "$from/$class/$file" ]; then
    cp "$from/$class/$file" "docs/guide/img/$image"
  else
    echo "missing: $from/$class/$file (for $image)" >&2
    missing=1
  fi
done < "$map"
[ "$missing" -eq 0 ] && echo "Copied $(grep -vc '^#' "$map") pictures to docs/guide/img/"
exit "$missing"
