#!/usr/bin/env bash
# Builds protstream, then starts Kafka, Cassandra and the four services in the background and waits until every
# service reports ready. All state (data, logs, pid files) lives in one folder: $PROTSTREAM_STATE or ./.protstream
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
STATE="${PROTSTREAM_STATE:-$ROOT/.protstream}"
if [ "${PROTSTREAM_SKIP_BUILD:-}" != "1" ]; then
  echo "building (./mvnw install -DskipTests) ..."
  ./mvnw -B -q install -DskipTests
fi
exec java -cp "$(cat deploy/local/target/local.classpath):deploy/local/target/classes" \
  io.protstream.local.LocalStack start "$STATE"
