#!/usr/bin/env bash
# Runs the full-length fault scenarios and prints what happened to the messages:
#
#   scripts/faults.sh [SCENARIO...]        (default: F1 F2 F3 F4 F6 F7 F9 F10 F11)
#
# Each scenario is a JUnit test tagged fault-long (excluded from the normal test run) that starts
# its own nodes, and where it needs them its own PostgreSQL and Redis, on 127.0.0.1 only, drives
# SDK clients through the fault, and runs the history checker against PostgreSQL. The figures
# are system properties with full-length defaults; override them for every scenario at once with
# FAULTS_OPTS, e.g. FAULTS_OPTS="-Dfaults.rate=300 -Dfaults.conversations=60 -Dfaults.sockets=500".
# Properties: conversations, rate (msgs/s), seconds (load before and after the fault), sockets (F9),
# redisDownSeconds (F3), blackholeSeconds (F4), outageSeconds (F6), pauseSeconds (F7),
# nodes (F2, F12), visitors (F10), slowReaders (F11). F12 needs -Dupgrade.previousJar: run it
# through scripts/upgrade-drill.sh, which builds that jar. F13 and F13L are the soak: run them
# through scripts/soak.sh.
#
# The table goes to stdout and to results/faults-<time>.txt; Maven's output to results/faults-<time>.log.
# The run is bounded by FAULTS_TIMEOUT seconds (default 1800). Maven runs in a process group of its
# own; on timeout or Ctrl-C that group, and nothing else, is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

declare -A TESTS=(
  [F1]="NodeKillFaultTest#killDashNineOneOfTwoNodesUnderFullLoad"
  [F2]="RollingRestartFaultTest#rollingSigtermRestartOfEveryNode"
  [F3]="RedisLossFaultTest#redisKilledAndRestartedEmptyUnderFullLoad"
  [F4]="RedisBlackholeFaultTest#redisUnreachableWithPacketsDropped"
  [F6]="PostgresOutageFaultTest#postgresStoppedImmediatelyForThirtySeconds"
  [F7]="PostgresOutageFaultTest#postgresPausedWithSigstop"
  [F9]="ReconnectStormFaultTest#twoThousandSocketsDroppedAtOnce"
  [F10]="DuplicateRequestFaultTest#manyVisitorsStartAndSendTheSameMessagesOnFortyConnectionsEach"
  [F11]="SlowReaderFaultTest#manyClientsThatNeverReadAreDisconnectedAndMemoryStaysFlat"
  [F12]="UpgradeFaultTest#rollingUpgradeFromThePreviousBuildUnderLoad"
  [F13]="SoakFaultTest#anHourWithANodeKillAndARedisRestartEveryFifteenMinutes"
  [F13L]="SoakFaultTest#aShorterSoakWithParanoidLeakDetection"
)
ALL=(F1 F2 F3 F4 F6 F7 F9 F10 F11)

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=("${ALL[@]}")
selected=()
for scenario in "${scenarios[@]}"; do
  scenario=${scenario^^}
  if [ -z "${TESTS[$scenario]:-}" ]; then
    echo "unknown scenario '$scenario'; known: ${ALL[*]}" >&2
    exit 2
  fi
  selected+=("${TESTS[$scenario]}")
done

use_jdk21
require_maven
require_node

mkdir -p results
stamp=$(date -u +%Y%m%d-%H%M%S)
rows="results/faults-$stamp.tsv"
table="results/faults-$stamp.txt"
log="results/faults-$stamp.log"
: > "$rows"
timeout_seconds="${FAULTS_TIMEOUT:-1800}"

tests=$(IFS=,; echo "${selected[*]}")
echo "Running ${scenarios[*]} (at most ${timeout_seconds} s); Maven's output goes to $log"
# GNU timeout puts itself and Maven (with the test JVM and every process it starts) into a process
# group of their own, and on expiry signals that group only.
# shellcheck disable=SC2086
timeout --kill-after=15 "$timeout_seconds" mvn -B -pl server -am test -Dtest="$tests" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dgroups=fault-long -Dfault.excludedGroups=none \
  -Dfaults.results="$PWD/$rows" ${FAULTS_OPTS:-} > "$log" 2>&1 &
run_pid=$!
trap 'echo "interrupted: stopping the run" >&2; kill -TERM -- "-$run_pid" 2>/dev/null; wait "$run_pid"; exit 130' INT TERM
status=0
wait "$run_pid" || status=$?
trap - INT TERM
[ "$status" -ne 124 ] || echo "timed out after ${timeout_seconds} s: the run was stopped" >&2

{
  printf '%-40s %9s %9s %6s %6s %12s  %s\n' scenario sent acked lost dup "resume p99" result
  for scenario in "${scenarios[@]}"; do
    scenario=${scenario^^}
    if grep -q "^$scenario " "$rows"; then
      grep "^$scenario " "$rows" | while IFS=$'\t' read -r name sent acked lost dup p99 result; do
        printf '%-40s %9s %9s %6s %6s %12s  %s\n' "$name" "$sent" "$acked" "$lost" "$dup" "$p99" "$result"
      done
    else
      printf '%-40s %9s %9s %6s %6s %12s  %s\n' "$scenario" - - - - - "FAIL (no result; see the log)"
    fi
  done
} | tee "$table"

if [ "$status" -ne 0 ] || grep -q "FAIL" "$table"; then
  echo "Some scenarios failed; details in $log and server/target/surefire-reports/." >&2
  exit 1
fi
echo "All scenarios passed; table in $table"
