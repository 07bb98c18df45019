#!/usr/bin/env bash
# Does a large messages table slow the writes? Appends chat messages through the group-commit
# writer into a database holding a generated history and into an empty one on the same embedded
# PostgreSQL, round by round, and writes bench-results/<time>-message-growth.md.
#   scripts/generate-data.sh --data-dir data/growth        # once: ~20 million messages, ~30 min
#   scripts/bench-message-growth.sh --data-dir data/growth [--seconds 20] [--rounds 3]
#       [--senders 64] [--conversations 2000] [--results bench-results]
# The run adds its appended messages (and a site of its own) to the generated database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_jdk21
build_bench_jar
exec "$JAVA_HOME/bin/java" -Xmx1g -cp bench/target/switchboard-bench.jar \
  io.switchboard.bench.growth.MessageGrowthBenchmark "$@"
