#!/usr/bin/env bash
# Builds protstream, then starts Kafka, Cassandra and the four services in the background and waits until every
# service reports ready, ingests the sample release and waits until its sequences come out of predict-service as
# annotation events. All state (data, logs, pid files, models) lives in one folder: $PROTSTREAM_STATE or
# ./.protstream. The model: see choose-model.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
STATE="${PROTSTREAM_STATE:-$ROOT/.protstream}"
export PROTSTREAM_STATE="$STATE"
if [ "${PROTSTREAM_SKIP_BUILD:-}" != "1" ]; then
  echo "building (./mvnw install -DskipTests) ..."
  ./mvnw -B -q install -DskipTests
fi
MODEL="$(deploy/local/choose-model.sh)"
exec java -cp "$(cat deploy/local/target/local.classpath):deploy/local/target/classes" \
  io.protstream.local.LocalStack start "$STATE" "$MODEL"
