#!/usr/bin/env bash
# Stops everything deploy/local/run.sh started (services first, then Cassandra and Kafka); leaves the state folder.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
STATE="${PROTSTREAM_STATE:-$ROOT/.protstream}"
exec java -cp "$(cat deploy/local/target/local.classpath):deploy/local/target/classes" \
  io.protstream.local.LocalStack stop "$STATE"
