#!/usr/bin/env bash
# Fuzzes the WebSocket frame decoder and the protocol codec with Jazzer for longer than the
# regression run that every `mvn test` does:
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      (default: 300 s for each target; all targets)
#
# Targets are test methods: FuzzFrameDecoderTest#frames, FuzzProtocolCodecTest#clientMessages,
# FuzzProtocolCodecTest#serverMessages. The fuzzer runs in process (JAZZER_FUZZ=1) with coverage
# from Switchboard's classes, Netty's WebSocket codec and Jackson's parser. New interesting inputs
# go to server/.cifuzz-corpus (ignored by git); an input that breaks a test is written as
# crash-<hash> into the test's inputs directory under server/src/test/resources, where the normal
# build then replays it: fix the bug and keep the file. Exits non-zero on a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

SECONDS_EACH="${1:-300}"
[[ "$SECONDS_EACH" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2; }
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(FuzzFrameDecoderTest#frames FuzzProtocolCodecTest#clientMessages
    FuzzProtocolCodecTest#serverMessages)
fi

use_jdk21
require_maven
require_node
export JAZZER_FUZZ=1
export JAZZER_MAX_DURATION="${SECONDS_EACH}s"
export JAZZER_INSTRUMENT='io.switchboard.**,io.netty.handler.codec.http.websocketx.**,com.fasterxml.jackson.core.**'

status=0
for target in "${TARGETS[@]}"; do
  echo "== fuzzing $target for ${SECONDS_EACH} s"
  if ! mvn -B -pl server -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.hooks=true; then
    echo "== $target: FINDING (see the crash-* file under server/src/test/resources)" >&2
    status=1
  fi
done
exit $status
