#!/usr/bin/env bash
# The soak (F13): two node processes with scripts/jvm.options behind a balancer, a Redis of their
# own and the PostgreSQL of the tests, carrying chat traffic; at every fault mark node A is killed
# with SIGKILL and started again, then Redis is killed and started again empty. Node B's heap floor
# and Netty direct memory, and the acknowledgement p99, must stay flat; the history checker must
# be clean. Then a shorter run (F13L) with Netty's paranoid leak detection, in which no node may
# report a leak. Everything runs on 127.0.0.1 and stops by itself.
#
#   scripts/soak.sh                        # one hour, faults every 15 min, 840 msgs/s (30% of
#                                          # W2's highest sustained rate), then 5 min paranoid
#   scripts/soak.sh --seconds 600 --every 200 --rate 300 --leak-seconds 120
#
# Each run's samples (every 30 s) go to bench-results/<date>-soak/soak.md and soak-leaks.md; the
# pass/fail table to results/faults-<time>.txt (scripts/faults.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=3600
every=900
rate=840
leak_seconds=300
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --every) every="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --leak-seconds) leak_seconds="$2"; shift 2 ;;
    *) echo "soak: unknown option $1 (--seconds, --every, --rate, --leak-seconds)" >&2; exit 2 ;;
  esac
done
out="$PWD/bench-results/$(date -u +%Y-%m-%d-%H%M)-soak"
mkdir -p "$out"
export FAULTS_TIMEOUT=$((seconds + leak_seconds + 1500))
export FAULTS_OPTS="-Dfaults.soakSeconds=$seconds -Dfaults.faultEverySeconds=$every -Dfaults.rate=$rate -Dfaults.leakSeconds=$leak_seconds -Dfaults.leakFaultEverySeconds=$((leak_seconds / 3)) -Dfaults.soakOut=$out ${FAULTS_OPTS:-}"
status=0
scripts/faults.sh F13 F13L || status=$?
echo "Samples in $out"
exit "$status"
