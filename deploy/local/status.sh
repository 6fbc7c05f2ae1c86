#!/usr/bin/env bash
# Says which parts of the local stack run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
exec java -cp "$(cat deploy/local/target/local.classpath):deploy/local/target/classes" \
  io.protstream.local.LocalStack status "${PROTSTREAM_STATE:-$ROOT/.protstream}"
